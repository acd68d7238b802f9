"""What a document says about itself: the facts its PDF metadata, signature stamps and edXML header need.

Read from the .docx we wrote, through the one reader (:mod:`dvtemplate.docx`): the issuer, the
number and symbol, place and date, the title with its trích yếu, the signer's position title and
name. A document whose frame cannot be found gives empty fields, never an error: the PDF is still
written, with less metadata.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..docx import find_components, open_package, parse_header, read_document
from ..vn.nd30 import AUTHORITY_START

__all__ = ["DocInfo", "read_docinfo"]


@dataclass
class DocInfo:
    """One document's identity, as printed on it."""

    issuer: str = ""
    parent: str = ""
    number: int | None = None
    symbol: str = ""
    place: str = ""
    date: dt.date | None = None
    kind: str = ""
    """The title line (KẾ HOẠCH, BÁO CÁO…), or "Công văn" for a letter with a V/v line."""
    subject: str = ""
    """The trích yếu: what follows the title, or the V/v line of a letter."""
    authority: str = ""
    """TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH…; empty when the head signs in their own name."""
    signer_title: str = ""
    signer_name: str = ""
    recipients: list[str] = field(default_factory=list)

    @property
    def number_symbol(self) -> str:
        """``09/KH-UBND`` (the number left out when the document has none yet)."""
        if not self.symbol:
            return ""
        return f"{self.number:02d}/{self.symbol}" if self.number else self.symbol

    @property
    def title(self) -> str:
        """Type and trích yếu on one line: the document's title for readers and archives."""
        return " ".join(x for x in (self.kind, self.subject) if x).strip()


def _signer(info: DocInfo, lines: list[str]) -> None:
    if not lines:
        return
    info.signer_name = lines[-1]
    rest = lines[:-1]
    if rest and AUTHORITY_START.match(rest[0] + " "):
        info.authority = rest[0]
        rest = rest[1:]
    info.signer_title = rest[-1] if rest else ""


def read_docinfo(path: str | Path) -> DocInfo:
    """The identity of the .docx at *path* (InputError when it is not a readable .docx)."""
    doc = read_document(open_package(path))
    c = find_components(doc.paras)
    head = parse_header(c.header)
    info = DocInfo(
        issuer=" ".join(head.lines),
        parent=head.parent or "",
        number=head.number,
        symbol=head.symbol or "",
        place=head.place or "",
    )
    if head.year and head.month and head.day:
        try:
            info.date = dt.date(head.year, head.month, head.day)
        except ValueError:
            info.date = None
    if c.title is not None:
        info.kind = c.title.flat
        info.subject = " ".join(p.flat for p in c.trich_yeu)
    elif c.vv:
        info.subject = " ".join(p.flat for p in c.vv)
    info.recipients = [p.flat.lstrip("-–+ ").rstrip(";.") for p in c.recipients]
    _signer(info, [p.flat for p in c.signer if p.stripped])
    return info
