"""Where each component of a document is: the record the frame finder (:mod:`.frame`) fills.

A module of its own so that :mod:`.header`, which fills the header's part of it, and
:mod:`.frame`, which fills the rest, both import it and not each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .paragraphs import Para

__all__ = ["Components"]


@dataclass
class Components:
    """Where each component is; paragraphs are the reader's :class:`Para`."""

    start: int = 0
    end: int = 0
    header: list[Para] = field(default_factory=list)
    header_table: int | None = None
    qh: Para | None = None
    tn: Para | None = None
    parent: list[Para] = field(default_factory=list)
    issuer: list[Para] = field(default_factory=list)
    so: Para | None = None
    date: Para | None = None
    vv: list[Para] = field(default_factory=list)
    draft_mark: bool = False
    title: Para | None = None
    trich_yeu: list[Para] = field(default_factory=list)
    kinh_gui: list[Para] = field(default_factory=list)
    body_start: int = 0
    """First position after the title, trích yếu and Kính gửi lines."""
    body: list[Para] = field(default_factory=list)
    """The body's text paragraphs outside tables (empty lines, rules and a closing "Phụ lục" left out)."""
    body_end: int = 0
    """Where the closing block (Nơi nhận, signer) starts."""
    noi_nhan: Para | None = None
    recipients: list[Para] = field(default_factory=list)
    signer: list[Para] = field(default_factory=list)
    closing_table: int | None = None
    closing_end: int = 0
    """One past the closing block's last paragraph; what follows is an appendix."""
