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

from ..vn.nd30 import (
    AUTHORITY_START,
    KINH_GUI_START,
    NOI_NHAN_START,
    TITLE_TYPES,
)
from .components import Components
from .header import fill_header, is_date, is_draft_mark, is_qh, is_so, is_tn, is_upper, is_vv, lower_unaccented
from .paragraphs import Para

__all__ = [
    "Components",
    "find_components",
    "document_starts",
    "detect_kind",
    "is_title",
    "title_line",
    "is_upper",
    "lower_unaccented",
]

_DASHES = ("-", "+", "–", "•")
_BODY_OPENING = re.compile(r"^(?:Căn cứ|Thực hiện)")
"""A centred line under the title that opens the body (a legal basis), not the trích yếu."""
_BODY_NUMBER = re.compile(r"^(?:I|1)\s*[.\-–]")
"""The body's first heading."""
_MAX_SUBJECT_LINES = 4
_MAX_HEADER_LINES = 20
_MAX_SIGNER_LINES = 12


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


def document_starts(paras: list[Para]) -> list[int]:
    """Where each document of the file begins: 0, then the header of every later Quốc hiệu.

    A later header is the table holding the Quốc hiệu, or the short upper-case lines above a loose one.
    """
    starts = [0]
    first_of_table: dict[int, int] = {}
    for i, p in enumerate(paras):
        if p.table is not None:
            first_of_table.setdefault(p.table, i)
    tables_seen: set[int] = set()
    for i, p in enumerate(paras):
        if not is_qh(p) or i == 0:
            continue
        if p.table is not None:
            if p.table in tables_seen:
                continue
            tables_seen.add(p.table)
            begin = first_of_table[p.table]
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
    """True when *at* is still inside the header that begins at *start*: fewer than 8 lines between,
    none a title or a body paragraph (stops at the first that says otherwise)."""
    lines = 0
    for i in range(start, at):
        p = paras[i]
        if not p.stripped or is_draft_mark(p):
            continue
        lines += 1
        if lines >= 8 or is_title(p) or (p.table is None and len(p.stripped) >= 90):
            return False
    return True


def _header_paras(paras: list[Para], start: int, end: int) -> tuple[list[Para], int | None, int]:
    """Header paragraphs, the header table number (if any) and the position where the rest starts."""
    first = next((i for i in range(start, end) if paras[i].stripped and not is_draft_mark(paras[i])), None)
    if first is not None and paras[first].table is not None:
        table = paras[first].table
        cells = [i for i in range(start, end) if paras[i].table == table]
        if any(is_qh(paras[i]) or is_so(paras[i]) or is_tn(paras[i]) for i in cells):
            return [paras[i] for i in cells], table, cells[-1] + 1
    head: list[int] = []
    for i in range(start, min(end, start + _MAX_HEADER_LINES)):
        if paras[i].table is not None or is_title(paras[i]):
            break
        head.append(i)
    marks = [
        i for i in head if is_qh(paras[i]) or is_so(paras[i]) or is_date(paras[i]) or is_tn(paras[i]) or is_vv(paras[i])
    ]
    if not any(is_qh(paras[i]) or is_so(paras[i]) for i in marks):
        return [], None, start
    return [paras[i] for i in head if i <= marks[-1]], None, marks[-1] + 1


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
    if c.trich_yeu and after < end and _attached_line(paras[after]):
        after += 1
    return after


def _attached_line(p: Para) -> bool:
    """'(Kèm theo Tờ trình số …)' under a trích yếu: what the paper goes with, neither subject nor body."""
    return p.table is None and not p.bold and p.align == "center" and p.flat.startswith("(") and p.flat.endswith(")")


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
    nn = next((i for i in range(start, end) if NOI_NHAN_START.match(paras[i].stripped)), None)
    c.body_end = c.closing_end = end
    if nn is not None:
        nn_para = c.noi_nhan = paras[nn]
        after = nn + 1  # one past the last recipient
        for i in range(nn + 1, end):
            p = paras[i]
            if p.cell != nn_para.cell:
                continue
            if not p.stripped:
                if c.recipients:
                    break
                continue
            if not p.stripped.startswith(_DASHES) and c.recipients:
                break
            c.recipients.append(p)
            after = i + 1
        if nn_para.table is not None:
            c.closing_table = nn_para.table
            cells = [i for i in range(start, end) if paras[i].table == nn_para.table]
            c.signer = [paras[i] for i in cells if paras[i].cell != nn_para.cell]
            c.body_end, c.closing_end = cells[0], cells[-1] + 1
            return
        c.body_end = nn
        tail = _signer_tail(paras, after, end)
        if any(p.stripped for p in tail):
            c.signer = tail
            c.closing_end = after + len(tail)  # the tail is consecutive
            return
        back: list[Para] = []
        for i in range(nn - 1, start - 1, -1):
            p = paras[i]
            if p.table is not None or (p.stripped and p.align not in ("center", "right")):
                break
            back.insert(0, p)
        c.signer = back
        c.body_end = nn - len(back)
        c.closing_end = after
        return
    by_table: dict[int, list[int]] = {}
    for i in range(start, end):
        if paras[i].table is not None:
            by_table.setdefault(paras[i].table, []).append(i)
    for table in sorted(by_table, reverse=True):
        cells = by_table[table]
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
        c.closing_end = signed + len(c.signer)


def find_components(paras: list[Para], start: int = 0, end: int | None = None) -> Components:
    """Locate every component of the document from *start* to *end* (default: where the next document
    of the file begins); never raises on odd documents. Time is linear in the paragraphs read."""
    if end is None:
        end = next((s for s in document_starts(paras) if s > start), len(paras))
    c = Components(start=start, end=end)
    c.header, c.header_table, pos = _header_paras(paras, start, end)
    fill_header(c, c.header)
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
    """plan / to_trinh / letter / report / comments_table (BẢN TỔNG HỢP…) / form (PHIẾU GÓP Ý) from the title or a V/v trích yếu; else "other"."""
    title = lower_unaccented(c.title.stripped) if c.title else ""
    if title.startswith("ke hoach"):
        return "plan"
    if title.startswith("to trinh"):
        return "to_trinh"
    if c.vv:
        return "letter"
    if title.startswith("bao cao"):
        return "report"
    if title.startswith("ban tong hop"):
        return "comments_table"
    if title.startswith("phieu gop y"):
        return "form"
    return "other"
