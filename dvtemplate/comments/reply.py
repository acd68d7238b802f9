"""One reply letter → its issuer, Số, date, V/v and its comments, each mapped to a part of the draft.

A reply is a công văn in the replying office's own layout. It is read through the
shared reader (:mod:`dvtemplate.docx`: limits, tracked changes accepted, content
controls) and the importer's frame finder (header up to "Kính gửi", body up to
"Nơi nhận"). The body is split into comments: a numbered paragraph, a paragraph
citing a part of the draft, or a plain paragraph starts a comment; dashes and
plain lines under a heading that ends with ":" belong to it. Introductions
("Thực hiện Công văn số …, … có ý kiến như sau:"), agreement sentences ("thống
nhất với nội dung dự thảo", "không có ý kiến khác") and the closing ("Trên đây
là …", "Trân trọng./.") are not comments. A comment's text is kept word for
word; only the writer's list label ("1.", "a)") in front of it is dropped.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from datetime import date

from ..docx import Document, find_components, parse_header
from ..docx import Para as Block
from ..importer import restore_name_line
from ..model import PartialDate, Plan
from ..model.symbols import letter_symbol
from ..vn import Citation, collapse_spaces, parse_citation, quoted_spans, short_date
from .draft import Draft, Part, fold
from .framing import Line, body_lines, ends_body, is_signature, substance

__all__ = [
    "Comment",
    "Reply",
    "Expected",
    "read_reply_blocks",
    "comment_id",
    "is_related",
    "letter_as_cited",
    "with_cited_letter",
]

_VV = re.compile(r"^V/v\b\s*", re.IGNORECASE)
_LABEL = re.compile(r"^\s*(?:\d{1,2}|[IVX]{1,4}|[a-zđ])\s*[.)]\s+")
_HEADING = re.compile(r"^(y kien|gop y|noi dung gop y|noi dung)( chung| cu the| khac| ve noi dung)?$")
_GENERAL_HEADING = re.compile(r"^(y kien|gop y)( chung| khac)$")
_DATE_NUM = re.compile(r"ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})", re.IGNORECASE)


@dataclass
class Comment:
    """One comment: a stable ``id`` (unit + text), the part of the draft or None (general), the text."""

    id: str
    unit: str
    part: Part | None
    text: str
    cited: str | None = None
    source: str = ""
    note: str | None = None


@dataclass
class Reply:
    """What one file said: issuing unit (as written), Số, date, V/v, kind and comments.

    ``kind`` is ``agree`` (agreement only), ``comments``, ``other`` (a reply to another
    letter) or ``empty`` (no comment and no agreement found).
    """

    source: str
    unit: str
    parent: str | None = None
    number: int | None = None
    symbol: str | None = None
    issued: date | None = None
    vv: str = ""
    kind: str = "empty"
    comments: list[Comment] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    form: bool = False
    cites: tuple[int, date | None] | None = None
    """The number (and date) the reply gives our consultation letter: 'Công văn số 215/SNV-XDCQ ngày …'."""

    @property
    def reference(self) -> str:
        """'số 12/UBND-VP ngày 01/12/2025' (what is known of it)."""
        out = ""
        if self.number or self.symbol:
            out = "số " + (f"{self.number:02d}" if self.number else "…") + (f"/{self.symbol}" if self.symbol else "")
        if self.issued:
            out += (" " if out else "") + f"ngày {short_date(self.issued)}"
        return out


@dataclass(frozen=True)
class Expected:
    """What a reply to our letter mentions: the draft's title and the letter's ký hiệu."""

    title: str
    symbol: str
    vv: str = ""


def comment_id(unit: str, text: str) -> str:
    """Stable id of a comment: the same unit writing the same words gets the same id on every run."""
    key = fold(unit) + "\n" + " ".join(text.casefold().split())
    return "GY-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:8].upper()


def _bigrams(text: str) -> set[tuple[str, str]]:
    words = fold(text).split()
    return set(zip(words, words[1:], strict=False))


_GENERIC = set("gop y kien tham gia du thao ke hoach ve viec doi voi cua dong gui lay ban noi dung".split())
_CONSULT = re.compile(r"\b(gop y|y kien|tham gia)\b")


def is_related(expected: Expected, vv: str, body: str) -> bool:
    """Whether a letter answers ours: it cites our letter, its V/v is a "góp ý" on a draft whose
    words are our title's (even cut short), or its opening names our draft."""
    if expected.symbol and fold(expected.symbol) in fold(body):
        return True
    title = _bigrams(expected.title)
    if not title:
        return True
    if vv and _CONSULT.search(fold(vv)):
        words = [w for w in fold(vv).split() if w not in _GENERIC]
        title_words = set(fold(expected.title).split())
        if sum(w in title_words for w in words) >= 0.6 * len(words):
            return True
    for text in (vv, body[:600]):
        if text and len(title & _bigrams(text)) >= max(2, len(title) // 2):
            return True
    return not vv and not body.strip()


def _header_window(blocks: list[Block]) -> tuple[int, int, int, int]:
    """(header start, Kính gửi index, body start, body end)."""
    frame = find_components(blocks)
    if not frame.kinh_gui:
        # no "Kính gửi": the header is the first table, or the lines before the first long paragraph
        table = blocks[0].cell[0] if blocks and blocks[0].cell else None
        end = 0
        while end < len(blocks) and (
            (table and blocks[end].cell and blocks[end].cell[0] == table) or (not table and len(blocks[end].flat) < 90)
        ):
            end += 1
        return 0, end, end, frame.body_end if frame.body_end > end else len(blocks)
    start = blocks.index(frame.header[0]) if frame.header else 0
    return start, blocks.index(frame.kinh_gui[0]), frame.body_start, frame.body_end


def _header(reply: Reply, blocks: list[Block]) -> None:
    h = parse_header(blocks)
    reply.unit = " ".join(restore_name_line(x) for x in h.lines)
    reply.parent = restore_name_line(h.parent) if h.parent else None
    reply.number, reply.symbol = h.number, h.symbol
    if h.year and h.month and h.day:
        try:
            reply.issued = date(h.year, h.month, h.day)
        except ValueError:
            reply.notes.append("ngày của công văn không hợp lệ")
    vv: list[str] = []
    for line in h.unknown:
        if _VV.match(line):
            vv = [_VV.sub("", line)]
        elif vv and not _DATE_NUM.search(line):
            vv.append(line)
    reply.vv = collapse_spaces(" ".join(vv))


_SUB_LABEL = re.compile(r"^\s*(?:[a-zđ]\)|[-–+•])\s*")
_DASH = re.compile(r"^\s*[-–+•]\s*")


def _merge(context: Citation | None, c: Citation | None) -> Citation | None:
    """A citation under a heading that cited a larger part ("1. Mục II:" then "a) Khoản 1: …")."""
    if c is None or context is None or c.section is not None:
        return c
    item = c.item if c.item is not None else context.item
    return replace(c, section=context.section, item=item)


def _split(lines: list[Line]) -> tuple[list[tuple[list[str], Citation | None, bool]], bool]:
    """Comments as (paragraphs, the heading citation they sit under, general?), and whether the reply agrees."""
    groups: list[tuple[list[str], Citation | None, bool]] = []
    agreed = closed = general = open_group = False
    context: Citation | None = None
    for entry in lines:
        if ends_body(entry.text):
            break
        line, agree, close = substance(entry.text)
        agreed, closed = agreed or agree, closed or close
        if close:
            open_group = False
        f = fold(_LABEL.sub("", line))
        if not f or is_signature(line, closed):
            continue
        if _HEADING.match(f.rstrip(":")):
            general, open_group, context = bool(_GENERAL_HEADING.match(f)), False, None
            continue
        cited = parse_citation(line)
        sub = bool(_SUB_LABEL.match(line))
        if open_group and not entry.row and not cited and (sub or not _LABEL.match(line)):
            groups[-1][0].append(line)
            continue
        if groups and len(groups[-1][0]) == 1 and groups[-1][0][0].endswith(":") and sub and groups[-1][1] is None:
            # the previous paragraph only named a part ("1. Mục II:"): it heads these sub-items
            heading, _, _ = groups.pop()
            context = parse_citation(heading[0])
        elif not sub:
            context = None
        groups.append(([line], context, general))
        open_group = line.endswith(":") and len(line) < 250 and not sub and not entry.row
    return groups, agreed


def _comment(unit: str, group: tuple[list[str], Citation | None, bool], draft: Draft, source: str) -> Comment:
    lines, context, general = group
    first = _LABEL.sub("", _SUB_LABEL.sub("", lines[0]) if context else _DASH.sub("", lines[0]))
    text = "\n".join([first, *lines[1:]])
    part, cited, note = None, None, None
    if not general:
        citation = _merge(context, parse_citation(first) or parse_citation(text))
        if citation is None and context is not None:
            citation = context
        if citation is not None:
            cited = citation.text
            part, note = draft.resolve(citation)
        else:
            for quote in quoted_spans(text):
                part = draft.by_quote(quote)
                if part is not None:
                    cited = f"«{quote}»"
                    break
    return Comment(comment_id(unit, text), unit, part, text, cited, source, note)


def _cited_letter(body: str, symbol: str) -> tuple[int, date | None] | None:
    """The number and date a reply gives our letter (its ký hiệu *symbol*), when it cites it."""
    if not symbol:
        return None
    m = re.search(
        rf"\b(\d{{1,5}})\s*/\s*{re.escape(symbol)}\b(?:\s*,?\s*ngày\s*(\d{{1,2}})\s*/\s*(\d{{1,2}})\s*/\s*(\d{{4}}))?",
        body[:4000],
        re.IGNORECASE,
    )
    if m is None:
        return None
    try:
        when = date(int(m.group(4)), int(m.group(3)), int(m.group(2))) if m.group(2) else None
    except ValueError:
        when = None
    return int(m.group(1)), when


def letter_as_cited(replies: list[Reply]) -> tuple[int, date | None] | None:
    """The number (and date) at least two replies give our letter, when no other is given as often."""
    counts: dict[int, list[date | None]] = {}
    for r in replies:
        if r.cites:
            counts.setdefault(r.cites[0], []).append(r.cites[1])
    ranked = sorted(counts.items(), key=lambda kv: -len(kv[1]))
    if not ranked or len(ranked[0][1]) < 2 or (len(ranked) > 1 and len(ranked[1][1]) == len(ranked[0][1])):
        return None
    number, dates = ranked[0]
    known = [d for d in dates if d]
    when = max(set(known), key=known.count) if known else None
    return number, when


def with_cited_letter(plan: Plan, replies: list[Reply]) -> tuple[Plan, str | None]:
    """*plan* with its consultation letter's number (and date) taken from the replies when the plan
    leaves them blank and the replies agree on them; and the warning that says so."""
    letter = plan.letter
    cited = letter_as_cited(replies) if letter is not None and letter.number is None else None
    if cited is None:
        return plan, None
    number, when = cited
    update: dict = {"number": number}
    if when and not (letter.issued and letter.issued.day):
        update["issued"] = PartialDate(year=when.year, month=when.month, day=when.day)
    issued = update.get("issued", letter.issued)
    shown = f"{number:02d}/{letter_symbol(plan)}" + (
        f" ngày {short_date(issued.complete)}" if issued and issued.day else ""
    )
    note = (
        f"kế hoạch chưa ghi số của công văn lấy ý kiến (Công văn góp ý › Số); đã dùng số {shown} mà các văn bản trả lời "
        "dẫn — hãy kiểm tra và ghi vào kế hoạch"
    )
    return plan.model_copy(update={"letter": letter.model_copy(update=update)}), note


def read_reply_blocks(document: Document, source: str, draft: Draft, expected: Expected) -> Reply:
    """A reply from the blocks the shared reader found in it."""
    blocks = document.paras
    reply = Reply(source=source, unit="")
    start, kinh_gui, body_start, body_end = _header_window(blocks)
    _header(reply, blocks[start:kinh_gui])
    if document.tracked.get("ins") or document.tracked.get("del"):
        reply.notes.append(
            f"tệp còn thay đổi chưa chấp nhận (Track Changes: {document.tracked.get('ins', 0)} chỗ thêm, "
            f"{document.tracked.get('del', 0)} chỗ xóa); đã đọc như khi chấp nhận tất cả"
        )
    lines = body_lines(blocks[body_start:body_end])
    body = "\n".join(line.text for line in lines)
    if not is_related(expected, reply.vv, body):
        reply.kind = "other"
        return reply
    reply.cites = _cited_letter(body, expected.symbol)
    groups, agreed = _split(lines)
    unit = reply.unit or source
    reply.comments = [_comment(unit, g, draft, source) for g in groups]
    reply.kind = "comments" if reply.comments else ("agree" if agreed else "empty")
    return reply
