"""Pieces every document kind shares: header, closing block, footnote numbering, sentences.

A context is a plain dict of already-formatted Vietnamese strings; templates
only place them. Formatting rules come from ``vn`` (pure functions).
"""

from __future__ import annotations

from typing import Any

from ..markers import footnote_marker
from ..model import FOOTNOTE_MARK, Issuer, PartialDate, Recipients, Signer
from ..vn import break_issuer_name, date_line, recipient_lines, rule_width_mm, signer_lines, so_line, upper_vn
from ..vn.nd30 import HEADER_LEFT_TEXT_MM

__all__ = ["Footnotes", "issuer_header", "header_context", "signer_context", "noi_nhan_lines"]


class Footnotes:
    """Numbers footnotes in order of appearance and swaps ``[^key]`` for engine markers."""

    def __init__(self, texts: dict[str, str]) -> None:
        self._texts = texts
        self.notes: dict[int, str] = {}

    def __call__(self, text: str | None) -> str:
        """*text* with each ``[^key]`` replaced by a footnote marker (a new note per use, as in Word)."""
        if not text:
            return text or ""

        def swap(m) -> str:
            number = len(self.notes) + 1
            self.notes[number] = self._texts.get(m.group(1), "")
            return footnote_marker(number)

        return FOOTNOTE_MARK.sub(swap, text)


def issuer_header(parent: str | None, name: str, name_lines: list[str] | None = None) -> dict[str, Any]:
    """Parent line(s), the issuer broken into lines that fit, and the rule length under it (mm)."""
    lines = (
        [upper_vn(line) for line in name_lines]
        if name_lines
        else break_issuer_name(upper_vn(name), HEADER_LEFT_TEXT_MM)
    )
    return {
        "parent_lines": break_issuer_name(upper_vn(parent), HEADER_LEFT_TEXT_MM) if parent else [],
        "issuer_lines": lines,
        "issuer_rule": rule_width_mm(lines),
    }


def header_context(
    issuer: Issuer, *, number: int | None, symbol: str, issued: PartialDate | None, draft: bool, default_year: int
) -> dict[str, Any]:
    """Left column (parent, issuer, Số) and right column date line of the header."""
    if issued is None:
        day = month = None
        year = default_year
    else:
        day, month, year = issued.day, issued.month, issued.year
    if draft and day is not None:
        # a draft's date is left open (ND30); a month typed without a day ("12/2025") is kept
        day = month = None
    return {
        **issuer_header(issuer.parent, issuer.name, issuer.name_lines),
        "so": so_line(None if draft else number, symbol),
        "date_line": date_line(issuer.place, day, month, year),
        "symbol": symbol,
    }


def signer_context(signer: Signer) -> dict[str, Any]:
    """Authority lines (upper case) and the name, for the right half of the closing block."""
    authority = "+".join(signer.authorities) or None
    return {
        "lines": signer_lines(authority, signer.on_behalf_of, signer.head_title, signer.title),
        "name": signer.name,
    }


def noi_nhan_lines(recipients: Recipients, *, as_above: bool = False) -> list[str]:
    """Nơi nhận lines: each '- …;', the last '- Lưu: ….' (with drafter and copies)."""
    return recipient_lines(
        list(recipients.items),
        recipients.archive,
        as_above=as_above,
        drafter=recipients.drafter,
        copies=recipients.copies,
    )
