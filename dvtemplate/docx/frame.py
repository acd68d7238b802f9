"""The one frame finder: the components of Phụ lục I in a read document (header, title, body, closing).

``check`` reads the components to judge them, ``import`` and ``comments`` to take their fields,
so there is one answer to "where is the Số line, where does the body end". Detection goes by text
first and layout second, so it also works on hand-made documents whose header is loose
paragraphs rather than the usual two-column table. A file may hold more than one document (a
công văn with its draft plan after it): :func:`document_starts` says where each begins and
:func:`find_components` reads one of them. Whatever cannot be found stays ``None``/empty.

Positions (``start``, ``body_start``…) index the paragraph list the finder was given.
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
from .paragraphs import Para

__all__ = [
    "Components",
    "find_components",
    "document_starts",
    "detect_kind",
    "is_title",
    "title_line",
    "is_upper",
    "fold",
]

_OLD_PLACE_WORDS = ("HUYỆN ", "QUẬN ", "THỊ XÃ ", "THỊ TRẤN ")
"""Units in names written before the two-tier system of 1 July 2025."""
_PLACE_WORDS = ("TỈNH ", "THÀNH PHỐ ", "TP. ", "TP ", "XÃ ", "PHƯỜNG ", "ĐẶC KHU ", *_OLD_PLACE_WORDS)
_DASHES = ("-", "+", "–", "•")
_BODY_OPENING = re.compile(r"^(?:Căn cứ|Thực hiện)")
"""A centred line under the title that opens the body (a legal basis), not the trích yếu."""
_BODY_NUMBER = re.compile(r"^(?:I|1)\s*[.\-–]")
"""The body's first heading."""
_MAX_SUBJECT_LINES = 4
_MAX_HEADER_LINES = 20
_MAX_SIGNER_LINES = 12

fold = folded
"""Lower case without diacritics (đ → d): for tolerant text matching only."""


def is_upper(s: str) -> bool:
    """True when every letter is upper case and there is at least one letter."""
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _qh(p: Para) -> bool:
    return is_quoc_hieu(p.text)


def _tn(p: Para) -> bool:
    return is_tieu_ngu(p.text)


def _so(p: Para) -> bool:
    return bool(SO_START.match(p.text)) and not p.stripped.lower().startswith("số liệu")


def _date(p: Para) -> bool:
    f = fold(p.text)
    return bool(re.search(r"\bngay\b.*\bthang\b.*\bnam\b", f)) and not _qh(p) and len(f) < 90


def _vv(p: Para) -> bool:
    return p.stripped.lower().startswith("v/v")


def _draft_mark(p: Para) -> bool:
    return fold(p.stripped).replace(" ", "") in ("duthao", "duthao:")


def title_line(p: Para) -> str:
    """The first line of a paragraph, spaces collapsed (a trích yếu may follow a soft break)."""
    return " ".join(p.text.strip().split("\n")[0].split())


def is_title(p: Para) -> bool:
    """A tên loại outside tables: "KẾ HOẠCH", "BÁO CÁO THỰC HIỆN…", or the bare type typed in lower case."""
    if p.table is not None:
        return False
    first = title_line(p)
    if first.upper() in TITLE_TYPES:
        return True
    return is_upper(first) and first.upper().startswith(TITLE_TYPES) and len(first) <= 60


def _looks_like_name(p: Para) -> bool:
    """A person's name as signed: 2–5 capitalised words, not all upper case."""
    words = p.flat.split()
    return 2 <= len(words) <= 5 and not is_upper(p.flat) and all(x[:1].isupper() and x.isalpha() for x in words)


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


def document_starts(paras: list[Para]) -> list[int]:
    """Where each document of the file begins: 0, then the header of every later Quốc hiệu.

    A later header is the table holding the Quốc hiệu, or the short upper-case lines above a loose one.
    """
    starts = [0]
    tables_seen: set[int] = set()
    for i, p in enumerate(paras):
        if not _qh(p) or i == 0:
            continue
        if p.table is not None:
            if p.table in tables_seen:
                continue
            tables_seen.add(p.table)
            begin = next(j for j, q in enumerate(paras) if q.table == p.table)
        else:
            begin = i
            for j in range(i - 1, max(i - 8, -1), -1):
                t = paras[j].stripped
                if paras[j].table is None and (not t or (is_upper(t) and len(t) < 80)):
                    begin = j
                else:
                    break
        if begin > starts[-1] + 1 and not _header_of(paras, starts[-1], begin):
            starts.append(begin)
    return starts


def _header_of(paras: list[Para], start: int, at: int) -> bool:
    """True when *at* is still inside the header that begins at *start* (no title or body between)."""
    between = [p for p in paras[start:at] if p.stripped and not _draft_mark(p)]
    return not any(is_title(p) or (p.table is None and len(p.stripped) >= 90) for p in between) and len(between) < 8


def _header_paras(paras: list[Para], start: int, end: int) -> tuple[list[Para], int | None, int]:
    """Header paragraphs, the header table number (if any) and the position where the rest starts."""
    first = next((i for i in range(start, end) if paras[i].stripped and not _draft_mark(paras[i])), None)
    if first is not None and paras[first].table is not None:
        table = paras[first].table
        cells = [i for i in range(start, end) if paras[i].table == table]
        if any(_qh(paras[i]) or _so(paras[i]) or _tn(paras[i]) for i in cells):
            return [paras[i] for i in cells], table, cells[-1] + 1
    head: list[int] = []
    for i in range(start, min(end, start + _MAX_HEADER_LINES)):
        if paras[i].table is not None or is_title(paras[i]):
            break
        head.append(i)
    marks = [i for i in head if _qh(paras[i]) or _so(paras[i]) or _date(paras[i]) or _tn(paras[i]) or _vv(paras[i])]
    if not any(_qh(paras[i]) or _so(paras[i]) for i in marks):
        return [], None, start
    return [paras[i] for i in head if i <= marks[-1]], None, marks[-1] + 1


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
    c.qh = next((p for p in head if _qh(p)), None)
    c.tn = next((p for p in head if _tn(p)), None)
    c.so = next((p for p in head if _so(p)), None)
    c.date = next((p for p in head if _date(p)), None)
    c.draft_mark = any(_draft_mark(p) for p in head)
    vv_start = next((i for i, p in enumerate(head) if _vv(p)), None)
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
        if id(p) in taken or not p.stripped or p.is_rule or not is_upper(p.stripped) or _draft_mark(p):
            continue
        if left_cell is not None and p.cell != left_cell:
            continue
        lines.append(p)
    c.parent, c.issuer = _split_issuer(lines)


def _title(c: Components, paras: list[Para], pos: int, end: int) -> int:
    """Title and trích yếu after the header; return the position after them."""
    first = next((i for i in range(pos, end) if paras[i].table is None and paras[i].stripped), None)
    if first is None or not is_title(paras[first]):
        return pos
    c.title = paras[first]
    after = first + 1
    soft_break = "\n" in c.title.text.strip()
    for i in range(first + 1, end):
        p = paras[i]
        if p.table is not None:
            break
        if not p.stripped:
            after = i + 1
            if c.trich_yeu or soft_break:
                break
            continue
        if p.is_rule:
            after = i + 1
            if c.trich_yeu or soft_break:
                break
            continue
        subject_like = p.bold or (p.align == "center" and not _BODY_OPENING.match(p.flat))
        if not subject_like or _BODY_NUMBER.match(p.flat) or len(c.trich_yeu) >= _MAX_SUBJECT_LINES:
            break
        c.trich_yeu.append(p)
        after = i + 1
    while after < end and paras[after].is_rule:
        after += 1
    return after


def _signer_tail(paras: list[Para], begin: int, end: int) -> list[Para]:
    """The signer's lines from *begin*: up to the name, at most a dozen lines outside tables."""
    tail: list[Para] = []
    for i in range(begin, end):
        p = paras[i]
        if p.table is not None or len(tail) >= _MAX_SIGNER_LINES:
            break
        tail.append(p)
        if _looks_like_name(p) and len(tail) > 1:
            break
    return tail


def _closing(c: Components, paras: list[Para], start: int, end: int) -> None:
    """Nơi nhận, recipients and signer; sets where the body ends and the closing ends."""
    at = {id(p): i for i, p in enumerate(paras)}
    nn = next((i for i in range(start, end) if NOI_NHAN_START.match(paras[i].stripped)), None)
    c.body_end = c.closing_end = end
    if nn is not None:
        nn_para = c.noi_nhan = paras[nn]
        for p in paras[nn + 1 : end]:
            if p.cell != nn_para.cell:
                continue
            if not p.stripped:
                if c.recipients:
                    break
                continue
            if not p.stripped.startswith(_DASHES) and c.recipients:
                break
            c.recipients.append(p)
        if nn_para.table is not None:
            c.closing_table = nn_para.table
            cells = [i for i in range(start, end) if paras[i].table == nn_para.table]
            c.signer = [paras[i] for i in cells if paras[i].cell != nn_para.cell]
            c.body_end, c.closing_end = cells[0], cells[-1] + 1
            return
        c.body_end = nn
        after = at[id(c.recipients[-1])] + 1 if c.recipients else nn + 1
        tail = _signer_tail(paras, after, end)
        if any(p.stripped for p in tail):
            c.signer = tail
            c.closing_end = at[id(tail[-1])] + 1
            return
        back: list[Para] = []
        for i in range(nn - 1, start - 1, -1):
            p = paras[i]
            if p.table is not None or (p.stripped and p.align not in ("center", "right")):
                break
            back.insert(0, p)
        c.signer = back
        c.body_end = at[id(back[0])] if back else nn
        c.closing_end = after
        return
    tables = sorted({p.table for p in paras[start:end] if p.table is not None})
    for table in reversed(tables):
        cells = [i for i in range(start, end) if paras[i].table == table]
        if any(AUTHORITY_START.match(paras[i].stripped) for i in cells):
            c.closing_table = table
            c.signer = [paras[i] for i in cells]
            c.body_end, c.closing_end = cells[0], cells[-1] + 1
            return
    # no Nơi nhận and no signature table: a bold authority line (TM., KT.…), else what follows "…/."
    signed = next(
        (i for i in range(start, end) if paras[i].table is None and AUTHORITY_START.match(paras[i].stripped)),
        None,
    )
    if signed is None or not paras[signed].bold:
        ends = [i for i in range(start, end) if paras[i].flat.endswith("/.")]
        signed = ends[-1] + 1 if ends else None
    if signed is not None and signed < end:
        c.signer = _signer_tail(paras, signed, end)
        c.body_end = signed
        c.closing_end = at[id(c.signer[-1])] + 1 if c.signer else signed


def find_components(paras: list[Para], start: int = 0) -> Components:
    """Locate every component of the document beginning at *start*; never raises on odd documents."""
    starts = document_starts(paras)
    end = next((s for s in starts if s > start), len(paras))
    c = Components(start=start, end=end)
    c.header, c.header_table, pos = _header_paras(paras, start, end)
    _header(c, c.header)
    body_start = _title(c, paras, pos, end)
    _closing(c, paras, body_start, end)
    k = next((i for i in range(body_start, c.body_end) if paras[i].table is None and paras[i].stripped), None)
    if k is not None and KINH_GUI_START.match(paras[k].stripped):
        kinh_gui = paras[k]
        c.kinh_gui = [kinh_gui]
        body_start = k + 1
        if not re.match(r"Kính\s+gửi\s*:?\s*\S", kinh_gui.stripped, re.I) or kinh_gui.stripped.endswith((":", ";")):
            for i in range(k + 1, c.body_end):
                p = paras[i]
                if not p.stripped:
                    continue
                if not p.stripped.startswith(("-", "+", "–")) or len(p.flat) >= 120:
                    break
                c.kinh_gui.append(p)
                body_start = i + 1
                if p.stripped.endswith("."):
                    break
    c.body_start = body_start
    for p in paras[body_start : c.body_end]:
        if p.table is not None or not p.stripped or p.is_rule:
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
