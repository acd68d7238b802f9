"""The header's lines read into fields: issuer (bold = issuer, plain = parent), Số, date line, DỰ THẢO.

The frame finder (:mod:`.frame`) says which paragraphs form the header; this reads them line by
line (a cell typed with soft breaks holds several lines), for the importer and for reply letters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..vn import collapse_spaces, ky_hieu, upper_vn
from ..vn.nd30 import DATE_LINE, QUOC_HIEU_START, SO_LINE, TIEU_NGU_START
from .paragraphs import Para

__all__ = ["Header", "parse_header"]

_QH, _MOTTO, _SO, _DATE = QUOC_HIEU_START, TIEU_NGU_START, SO_LINE, DATE_LINE


@dataclass
class Header:
    parent: str | None = None
    lines: list[str] = field(default_factory=list)
    number: int | None = None
    symbol: str | None = None
    place: str | None = None
    day: int | None = None
    month: int | None = None
    year: int | None = None
    draft: bool = False
    unknown: list[str] = field(default_factory=list)


def parse_header(blocks: list[Para]) -> Header:
    """Issuer lines (bold = issuer, plain = parent), Số, date line, DỰ THẢO mark."""
    h = Header()
    issuer: list[tuple[str, bool]] = []
    for b in blocks:
        for line in (collapse_spaces(x) for x in b.plain.split("\n")):
            if not line or _QH.match(line) or _MOTTO.match(line):
                continue
            if upper_vn(line).replace(" ", "") in ("DỰTHẢO", "DỰTHẢO:"):
                h.draft = True
            elif m := _SO.match(line):
                h.number = int(m.group("num")) if m.group("num") else None
                h.symbol = ky_hieu(m.group("sym")) if m.group("sym") else None
            elif (m := _DATE.match(line)) and m.group("place"):
                h.place = m.group("place").strip()
                h.day = int(m.group("d")) if m.group("d") else None
                h.month = int(m.group("m")) if m.group("m") else None
                h.year = int(m.group("y"))
            elif line == upper_vn(line) and len(line) < 80 and not _QH.search(line):
                issuer.append((line, b.bold))
            else:
                h.unknown.append(line)
    if issuer:
        plain = [ln for ln, bold in issuer if not bold]
        bold = [ln for ln, b in issuer if b]
        if plain and bold and issuer[0][1] is False:
            h.parent = " ".join(plain)
            h.lines = bold
        else:
            lines = [ln for ln, _ in issuer]
            if (
                len(lines) >= 2
                and re.match(r"^(UBND|ỦY BAN NHÂN DÂN|BỘ|TỈNH ỦY)\b", lines[0])
                and re.match(r"^(SỞ|BAN|PHÒNG|VĂN PHÒNG|CỤC|CHI CỤC|TRUNG TÂM)\b", lines[1])
            ):
                h.parent, h.lines = lines[0], lines[1:]
            else:
                h.lines = lines
    return h
