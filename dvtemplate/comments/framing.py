"""What in a reply's body frames it and what says something: opening, closing, salutation,
signature area and agreement are told apart from comments, sentence by sentence.

Real replies open with "<Đơn vị> nhận được Công văn số … của Sở Nội vụ về việc …" and close
with "Trên đây là ý kiến góp ý của …, trân trọng gửi Sở Nội vụ tổng hợp". Those sentences are
framing, never comments, and an agreement ("thống nhất với nội dung dự thảo, không có ý kiến
khác") is found whatever framing surrounds it in the same paragraph. Only framing at the start
or the end of a paragraph is dropped; a comment keeps its words. The phrases live in
:mod:`dvtemplate.model.wording`.

A table of comments (STT | Phần của dự thảo | Ý kiến góp ý | Lý do) is read row by row: each
row is one comment line, "<phần>: <ý kiến>", so the citation in the part cell places it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..docx import Para
from ..model import wording
from ..vn import collapse_spaces, parse_citation
from ..vn.nd30 import NOI_NHAN_START
from .draft import fold

__all__ = ["Line", "body_lines", "substance", "sentence_kind", "is_signature", "ends_body"]

_LABEL = re.compile(r"^\s*(?:\d{1,2}|[IVX]{1,4}|[a-zđ])\s*[.)]\s+|^\s*[-–+•]\s*")
_FILLERS = re.compile(r"\b(?:" + "|".join(re.escape(fold(w)) for w in wording.AGREEMENT_FILLERS) + r")\b")


def _bare(folded: str) -> str:
    """*folded* without the words that do not change an agreement, padded for whole-word search."""
    return " " + " ".join(_FILLERS.sub(" ", folded).split()) + " "


def _phrases(phrases: Iterable[str], bare: bool = False) -> tuple[str, ...]:
    return tuple((_bare(fold(p)) if bare else " " + fold(p) + " ") for p in phrases)


_AGREE = _phrases(wording.AGREEMENT_PHRASES, bare=True)
_OPENINGS = _phrases(wording.REPLY_OPENINGS)
_OPENING_STARTS = tuple(fold(p) + " " for p in wording.REPLY_OPENING_STARTS)
_CLOSING_STARTS = tuple(fold(p) + " " for p in wording.REPLY_CLOSING_STARTS)
_CLOSINGS = _phrases(wording.REPLY_CLOSINGS)
_AGREE_END = " " + fold(wording.AGREEMENT_END) + " "
_AGREE_CELLS = frozenset(fold(p) for p in wording.AGREEMENT_CELLS)
_SIGNATURE = tuple(fold(p) for p in wording.REPLY_SIGNATURE_MARKS)
_ABOUT_LETTER = re.compile(r"\b(cong van|van ban|du thao|ke hoach|so noi vu)\b")
_PROPOSAL = re.compile(
    r"\b(de nghi|kien nghi|de xuat|bo sung|sua doi|sua lai|sua thanh|chinh sua|dieu chinh|lam ro|thay the|"
    r"thay cum|thay tu|loai bo|tuy nhien|ngoai ra|xem xet lai|nghien cuu them|bo sung them)\b"
)
_NOT_PROPOSAL = re.compile(
    r"\b(theo|kinh|tai) de nghi\b|\bde nghi (gop y|tham gia|cho y kien)\b|\bde nghi (so noi vu|quy co quan|quy so)\b.*tong hop"
)
_ABOUT = re.compile(r"\bvề việc\b[^,;]*", re.IGNORECASE)
_BREAK = re.compile(r"[.;!?]+[\"”’)]*\s+")


def _proposes(sentence: str) -> bool:
    """Whether *sentence* asks for a change (the subject after "về việc" aside)."""
    return bool(_PROPOSAL.search(_NOT_PROPOSAL.sub(" ", fold(_ABOUT.sub(" ", sentence)))))


def agrees(sentence: str) -> bool:
    """An agreement with the draft and nothing asked for beside it."""
    rest = _bare(fold(sentence))
    hits = [p for p in _AGREE if p in rest] or ([_AGREE_END] if rest.endswith(_AGREE_END) else [])
    for p in hits:
        rest = rest.replace(p, " ")
    return bool(hits) and not _PROPOSAL.search(_NOT_PROPOSAL.sub(" ", rest))


def sentence_kind(sentence: str) -> str:
    """``agree``, ``open`` (opening or introduction), ``close`` (closing, salutation, signature) or ``text``."""
    core = _LABEL.sub("", sentence)
    f = fold(core)
    if not f:
        return "close"
    if agrees(core):  # "Khoản 2 Mục II: thống nhất." agrees as well
        return "agree"
    if parse_citation(core) is not None:
        return "text"
    padded = " " + f + " "
    if padded[1:].startswith(_CLOSING_STARTS) or (any(p in padded for p in _CLOSINGS) and len(f.split()) < 45):
        return "close"
    if f.startswith(_SIGNATURE):
        return "close"
    if any(p in padded for p in _OPENINGS) and not _proposes(core):
        return "open"
    if padded[1:].startswith(_OPENING_STARTS) and _ABOUT_LETTER.search(f) and not _proposes(core):
        return "open"
    return "text"


_ABBREVIATIONS = frozenset("tp tt tx kt tm tl q ts gs ths pgs ông bà st vd ngh".split())


def _short_word(line: str, start: int, end: int) -> bool:
    """Whether the dot before *end* ends a list label ("1.", "a.", "II." opening the sentence) or an
    abbreviation ("TP.", "KT."), not a sentence. Looks at 4 characters only."""
    if end - start <= 4:
        return True
    tail = line[max(start, end - 4) : end]
    return " " in tail and tail.rsplit(" ", 1)[-1].casefold() in _ABBREVIATIONS


def _sentences(line: str) -> list[tuple[int, int]]:
    """Spans of the sentences of *line*: a break after . ; ! ? before a capital, not after "1." or "TP."."""
    spans, start = [], 0
    for m in _BREAK.finditer(line):
        nxt = line[m.end() : m.end() + 1]
        if not nxt or not (nxt.isupper() or nxt in '("“') or _short_word(line, start, m.start()):
            continue
        spans.append((start, m.end()))
        start = m.end()
    if start < len(line):
        spans.append((start, len(line)))
    return spans


def substance(line: str) -> tuple[str, bool, bool]:
    """(*line* without the framing sentences at its start and end, agreed?, closed?)."""
    spans = _sentences(line)
    frame: list[str] = []
    i, j = 0, len(spans)
    while i < j and (kind := sentence_kind(line[slice(*spans[i])])) != "text":  # only the framing is classified
        frame.append(kind)
        i += 1
    while j > i and (kind := sentence_kind(line[slice(*spans[j - 1])])) != "text":
        frame.append(kind)
        j -= 1
    text = line[spans[i][0] : spans[j - 1][1]].strip() if i < j else ""
    return text, "agree" in frame, "close" in frame


def is_signature(text: str, closed: bool) -> bool:
    """A line of the signature area typed into the body: 'KT. GIÁM ĐỐC', a name after the closing."""
    if parse_citation(text) is not None:
        return False
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(text) < 60:
        return True
    return closed and len(text) < 60 and len(text.split()) <= 6 and not text.endswith((".", ":", ";"))


def ends_body(text: str) -> bool:
    """'Nơi nhận:' — nothing after it is the body."""
    return bool(NOI_NHAN_START.match(text))


@dataclass(frozen=True)
class Line:
    """One line of a reply's body; ``row`` when it is a row of a table of comments."""

    text: str
    row: bool = False


_HEAD_STT = re.compile(r"^(stt|tt|so tt|so thu tu)$")
_HEAD_COMMENT = re.compile(r"\b(y kien|gop y|de xuat|de nghi|noi dung sua|sua doi)\b")
_HEAD_PART = re.compile(r"\b(phan|muc|dieu|khoan|vi tri|du thao|noi dung)\b")
_HEAD_REASON = re.compile(r"\b(ly do|giai thich|thuyet minh|can cu)\b")


def _columns(header: list[str]) -> dict[str, int] | None:
    """Which column is the part, the comment and the reason, from a header row; None if it is not one."""
    folded = [fold(c) for c in header]
    if not folded or any(len(c) > 60 for c in folded):
        return None
    cols: dict[str, int] = {}
    for i, f in enumerate(folded):
        if _HEAD_STT.match(f):
            cols.setdefault("stt", i)
        elif _HEAD_REASON.search(f):
            cols.setdefault("reason", i)
        elif _HEAD_COMMENT.search(f) and not f.startswith("noi dung du thao"):
            cols.setdefault("comment", i)
        elif _HEAD_PART.search(f):
            cols.setdefault("part", i)
    return cols if "comment" in cols else None


def _row_line(cells: list[str], cols: dict[str, int] | None) -> str:
    if cols is None:
        cells = [c for c in cells if c and not re.fullmatch(r"[\dIVX]{1,4}[.)]?", c)]
        cols = {"part": 0, "comment": 1} if len(cells) >= 2 else {"comment": 0}
    get = {k: (cells[i] if i < len(cells) else "") for k, i in cols.items()}
    comment, part, reason = get.get("comment", ""), get.get("part", ""), get.get("reason", "")
    if not comment or fold(comment) in _AGREE_CELLS or agrees(comment):
        return ""  # "Thống nhất." in the comment column: that row agrees
    if part and parse_citation(part) is None and len(part.split()) >= 3:
        part = "“" + part.strip(' “”"') + "”"
    line = f"{part.rstrip(' :')}: {comment}" if part and part not in comment else comment
    return line + (f" Lý do: {reason}" if reason else "")


def _table(rows: list[list[str]]) -> list[Line]:
    cols = _columns(rows[0]) if rows else None
    out = []
    for cells in rows[1:] if cols else rows:
        line = collapse_spaces(_row_line(cells, cols))
        if line:
            out.append(Line(line, row=True))
    return out


def body_lines(blocks: list[Para]) -> list[Line]:
    """The body's lines; a table's rows become one line each (header row recognised and left out)."""
    out: list[Line] = []
    table: dict[tuple[int, int], list[str]] = {}
    current = None
    for b in blocks:
        if b.cell is None or b.cell[0] != current:
            if table:
                out.extend(_table(_rows(table)))
            table, current = {}, b.cell[0] if b.cell else None
        if b.cell is not None:
            cells = table.setdefault((b.cell[1], 0), [])
            while len(cells) < b.cell[2]:
                cells.append("")
            cells[b.cell[2] - 1] = collapse_spaces(cells[b.cell[2] - 1] + " " + b.plain.replace("\n", " "))
            continue
        for line in b.plain.split("\n"):
            line = collapse_spaces(line)
            if line:
                out.append(Line(line))
    if table:
        out.extend(_table(_rows(table)))
    return out


def _rows(table: dict[tuple[int, int], list[str]]) -> list[list[str]]:
    return [cells for _, cells in sorted(table.items()) if any(cells)]
