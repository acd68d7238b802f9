"""The header of a document: which paragraph is which, and what its lines say.

- :func:`fill_header` (for the frame finder, :mod:`.frame`): the Quốc hiệu, Tiêu ngữ, Số, date,
  V/v, DỰ THẢO, parent agency and issuer among the header's paragraphs;
- :func:`parse_header` (for the importer and reply letters): the header read line by line (a cell
  typed with soft breaks holds several lines) into issuer lines, number, symbol, place and date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..vn import collapse_spaces, ky_hieu, upper_vn
from ..vn.nd30 import (
    DATE_LINE,
    QUOC_HIEU_START,
    SO_LINE,
    SO_START,
    TIEU_NGU_START,
    is_quoc_hieu,
    is_tieu_ngu,
    lower_unaccented,
)
from .components import Components
from .paragraphs import Para

__all__ = [
    "Header",
    "parse_header",
    "fill_header",
    "is_upper",
    "lower_unaccented",
    "is_qh",
    "is_tn",
    "is_so",
    "is_date",
    "is_vv",
    "is_draft_mark",
]

_QH, _MOTTO, _SO, _DATE = QUOC_HIEU_START, TIEU_NGU_START, SO_LINE, DATE_LINE
_OLD_PLACE_WORDS = ("HUYỆN ", "QUẬN ", "THỊ XÃ ", "THỊ TRẤN ")
"""Units in names written before the two-tier system of 1 July 2025."""
_PLACE_WORDS = ("TỈNH ", "THÀNH PHỐ ", "TP. ", "TP ", "XÃ ", "PHƯỜNG ", "ĐẶC KHU ", *_OLD_PLACE_WORDS)


def is_upper(s: str) -> bool:
    """True when every letter is upper case and there is at least one letter."""
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def is_qh(p: Para) -> bool:
    return is_quoc_hieu(p.text)


def is_tn(p: Para) -> bool:
    return is_tieu_ngu(p.text)


def is_so(p: Para) -> bool:
    return bool(SO_START.match(p.text)) and not p.stripped.lower().startswith("số liệu")


def is_date(p: Para) -> bool:
    f = lower_unaccented(p.text)
    return bool(re.search(r"\bngay\b.*\bthang\b.*\bnam\b", f)) and not is_qh(p) and len(f) < 90


def is_vv(p: Para) -> bool:
    return p.stripped.lower().startswith("v/v")


def is_draft_mark(p: Para | str) -> bool:
    """The draft mark ("DỰ THẢO", "Dự thảo:") as a line of its own: the one test for it (frame, header, importer)."""
    text = p if isinstance(p, str) else p.stripped
    return lower_unaccented(text).replace(" ", "") in ("duthao", "duthao:")


def _split_issuer(lines: list[Para]) -> tuple[list[Para], list[Para]]:
    """(parent, issuer). When weights differ, the issuer is the trailing run of bold lines and the
    parent the lines above it (a long name broken over lines stays one name); otherwise a line
    starting with a place word continues the line above."""
    if lines and lines[-1].bold and not all(p.bold for p in lines):
        split = len(lines)
        while split > 0 and lines[split - 1].bold:
            split -= 1
        return lines[:split], lines[split:]
    units: list[list[Para]] = []
    for p in lines:
        if units and p.stripped.upper().startswith(_PLACE_WORDS):
            units[-1].append(p)
        else:
            units.append([p])
    if not units:
        return [], []
    return [p for u in units[:-1] for p in u], units[-1]


def fill_header(c: Components, head: list[Para]) -> None:
    """Which header paragraph is which: Quốc hiệu, Tiêu ngữ, Số, date, V/v, DỰ THẢO, parent and issuer."""
    c.qh = next((p for p in head if is_qh(p)), None)
    c.tn = next((p for p in head if is_tn(p)), None)
    c.so = next((p for p in head if is_so(p)), None)
    c.date = next((p for p in head if is_date(p)), None)
    c.draft_mark = any(is_draft_mark(p) for p in head)
    vv_start = next((i for i, p in enumerate(head) if is_vv(p)), None)
    if vv_start is not None:
        first = head[vv_start]
        for p in head[vv_start:]:
            if p is not first and (p.cell != first.cell or p.is_rule or not p.stripped or p in (c.qh, c.tn, c.date)):
                break
            c.vv.append(p)
    taken = {id(x) for x in (c.qh, c.tn, c.so, c.date) if x is not None} | {id(x) for x in c.vv}
    left_cell = head[0].cell if head and head[0].table is not None else None
    lines: list[Para] = []
    for p in head:
        if p is c.so or (c.so is None and p.is_rule and lines):
            break
        if id(p) in taken or not p.stripped or p.is_rule or not is_upper(p.stripped) or is_draft_mark(p):
            continue
        if left_cell is not None and p.cell != left_cell:
            continue
        lines.append(p)
    c.parent, c.issuer = _split_issuer(lines)


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
            if is_draft_mark(line):
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
