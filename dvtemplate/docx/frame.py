"""The frame finder: the components of Phụ lục I in a read document (header, title, body, closing).

Detection goes by text first and layout second, so it also works on hand-made
documents whose header is loose paragraphs rather than the usual two-column
table. Whatever cannot be found stays ``None``/empty; the rules report it once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..vn.nd30 import (
    AUTHORITY_START,
    KINH_GUI_START,
    NOI_NHAN_START,
    SO_START,
    TITLE_TYPES,
    folded,
    is_quoc_hieu,
    is_tieu_ngu,
)
from .document import Document
from .paragraphs import Para

__all__ = ["Components", "find_components", "detect_kind", "is_upper"]

_PLACE_WORDS = (
    "TỈNH ",
    "HUYỆN ",
    "XÃ ",
    "THÀNH PHỐ ",
    "QUẬN ",
    "THỊ XÃ ",
    "PHƯỜNG ",
    "THỊ TRẤN ",
    "TP. ",
    "TP ",
    "ĐẶC KHU ",
)


fold = folded
"""Lower case without diacritics (đ → d): for tolerant text matching only."""


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
    f = fold(p.text)
    return bool(re.search(r"\bngay\b.*\bthang\b.*\bnam\b", f)) and not is_qh(p) and len(f) < 90


def is_title(p: Para) -> bool:
    t = " ".join(p.stripped.split())
    return p.table is None and is_upper(t) and any(t.upper().startswith(x) for x in TITLE_TYPES) and len(t) <= 60


@dataclass
class Components:
    """Where each component is; paragraphs are the reader's :class:`Para`."""

    header: list[Para] = field(default_factory=list)
    header_table: int | None = None
    qh: Para | None = None
    tn: Para | None = None
    parent: list[Para] = field(default_factory=list)
    issuer: list[Para] = field(default_factory=list)
    so: Para | None = None
    date: Para | None = None
    vv: list[Para] = field(default_factory=list)
    title: Para | None = None
    trich_yeu: list[Para] = field(default_factory=list)
    kinh_gui: list[Para] = field(default_factory=list)
    body: list[Para] = field(default_factory=list)
    noi_nhan: Para | None = None
    recipients: list[Para] = field(default_factory=list)
    signer: list[Para] = field(default_factory=list)
    closing_table: int | None = None


def _header_paras(paras: list[Para]) -> tuple[list[Para], int | None, int]:
    """Header paragraphs, the header table number (if any) and where the rest starts."""
    # a draft's "DỰ THẢO" mark may stand above the header (ND30.md: a template choice)
    first_text = next((p for p in paras if p.stripped and fold(p.stripped) != "du thao"), None)
    if first_text is not None and first_text.table is not None:
        t = first_text.table
        cells = [p for p in paras if p.table == t]
        if any(is_qh(p) or is_so(p) or is_tn(p) for p in cells):
            return cells, t, cells[-1].index + 1
    head: list[Para] = []
    for p in paras[:20]:
        if p.table is not None or is_title(p):
            break
        head.append(p)
    if not any(is_qh(p) or is_so(p) for p in head):
        return [], None, 0
    last = max(
        p.index for p in head if is_qh(p) or is_so(p) or is_date(p) or is_tn(p) or p.stripped.lower().startswith("v/v")
    )
    head = [p for p in head if p.index <= last]
    return head, None, last + 1


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


def _header(c: Components, head: list[Para]) -> None:
    c.qh = next((p for p in head if is_qh(p)), None)
    c.tn = next((p for p in head if is_tn(p)), None)
    c.so = next((p for p in head if is_so(p)), None)
    c.date = next((p for p in head if is_date(p)), None)
    vv_start = next((i for i, p in enumerate(head) if p.stripped.lower().startswith("v/v")), None)
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
        if id(p) in taken or not p.stripped or p.is_rule or not is_upper(p.stripped):
            continue
        if left_cell is not None and p.cell != left_cell:
            continue
        lines.append(p)
    c.parent, c.issuer = _split_issuer(lines)


def _closing(c: Components, paras: list[Para], start: int) -> int:
    """Find Nơi nhận, recipients and signer; return the index where the body ends."""
    nn = next((p for p in paras[start:] if NOI_NHAN_START.match(p.stripped)), None)
    end = len(paras)
    if nn is not None:
        c.noi_nhan = nn
        same = [
            p
            for p in paras[nn.index + 1 :]
            if p.table == nn.table and (nn.table is None or (p.row, p.cell) == (nn.row, nn.cell))
        ]
        for p in same:
            if not p.stripped:
                if c.recipients:
                    break
                continue
            if not p.stripped.startswith(("-", "+", "–", "•")) and c.recipients:
                break
            c.recipients.append(p)
        if nn.table is not None:
            c.closing_table = nn.table
            c.signer = [p for p in paras if p.table == nn.table and p.cell != nn.cell]
            end = min(p.index for p in paras if p.table == nn.table)
        else:
            end = nn.index
            after = c.recipients[-1].index + 1 if c.recipients else nn.index + 1
            tail = [p for p in paras[after:] if p.table is None][:12]
            if any(p.stripped for p in tail):
                c.signer = tail
            else:
                back: list[Para] = []
                for p in reversed(paras[start : nn.index]):
                    if p.table is not None or (p.stripped and p.align not in ("center", "right")):
                        break
                    back.insert(0, p)
                c.signer = back
                end = back[0].index if back else end
    else:
        tables = sorted({p.table for p in paras[start:] if p.table is not None})
        for t in reversed(tables):
            cells = [p for p in paras if p.table == t]
            if any(AUTHORITY_START.match(p.stripped) for p in cells):
                c.closing_table = t
                c.signer = cells
                end = cells[0].index
                break
    return end


def find_components(data: Document) -> Components:
    """Locate every component; never raises on odd documents."""
    c = Components()
    paras = data.paras
    head, c.header_table, pos = _header_paras(paras)
    c.header = head
    _header(c, head)
    rest = [p for p in paras[pos:] if p.table is None]
    nonempty = [p for p in rest if p.stripped]
    body_start = pos
    if nonempty and is_title(nonempty[0]):
        c.title = nonempty[0]
        body_start = c.title.index + 1
        for p in paras[body_start:]:
            if p.table is not None:
                break
            if not p.stripped:
                if c.trich_yeu:
                    body_start = p.index + 1
                    break
                continue
            if p.is_rule or p.align != "center" or len(c.trich_yeu) >= 4:
                break
            c.trich_yeu.append(p)
            body_start = p.index + 1
        while body_start < len(paras) and paras[body_start].is_rule:
            body_start += 1
    end = _closing(c, paras, body_start)
    k = next((p for p in paras[body_start:end] if p.table is None and p.stripped), None)
    if k is not None and KINH_GUI_START.match(k.stripped):
        c.kinh_gui = [k]
        if not re.match(r"Kính\s+gửi\s*:?\s*\S", k.stripped, re.I) or k.stripped.endswith(":"):
            for p in paras[k.index + 1 : end]:
                if not p.stripped:
                    continue
                if not p.stripped.startswith(("-", "+", "–")):
                    break
                c.kinh_gui.append(p)
                if p.stripped.endswith("."):
                    break
    skip = {id(p) for p in c.kinh_gui}
    for p in paras[body_start:end]:
        if p.table is not None or not p.stripped or p.is_rule or id(p) in skip:
            continue
        if re.match(r"Phụ\s+lục\b", p.stripped, re.I) and p.align == "center":
            break
        c.body.append(p)
    return c


def detect_kind(c: Components) -> str:
    """plan / letter / report / comments_table (BẢN TỔNG HỢP…) / form (PHIẾU GÓP Ý) from the title or a V/v trích yếu; else "other"."""
    title = fold(c.title.stripped) if c.title else ""
    if title.startswith("ke hoach"):
        return "plan"
    if c.vv:
        return "letter"
    if title.startswith("bao cao"):
        return "report"
    if title.startswith("ban tong hop"):
        return "comments_table"
    if title.startswith("phieu gop y"):
        return "form"
    return "other"
