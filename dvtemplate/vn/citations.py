"""How Vietnamese writers cite a part of a draft, read back as numbers (pure functions).

A comment on a draft names the part it is about in many orders and spellings:
"Tại điểm a khoản 1 Mục II", "điểm a, khoản 1, mục II", "Mục II, khoản 1, điểm a",
"tại mục 2 phần II", "Về Mục IV (Tổ chức thực hiện)". The words mean:

- ``phần`` + number, or ``mục`` + Roman numeral: the section (I, II… in the draft);
- ``khoản`` + number, or ``mục`` + Arabic number when a section is also named: the item (1, 2…);
- ``điểm`` + letter: the point (a, b… đ…).

A chain that also names an ``Điều`` (an article of a law: "khoản 3 Điều 5 Luật …") or a
document ("… của Nghị định …") cites another text, not the draft, and is ignored.
Text in quotation marks ("…", “…”, «…») is returned by :func:`quoted_spans` so a
caller can look those words up in the draft.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .numbering import from_roman, point_index

__all__ = ["Citation", "parse_citation", "quoted_spans"]

_WORD = r"(?P<word>điểm|khoản|mục|phần|điều)"
_VALUE = r"(?P<value>[IVXLCivxlc]+|\d{1,3}|[a-zđ]{1,2})"
_TOKEN = re.compile(rf"(?<![\w]){_WORD}\s+{_VALUE}(?![\w])", re.IGNORECASE)
_JOIN = re.compile(r"^[\s,;]*(?:(?:của|thuộc|tại|trong|ở)\s+)?$", re.IGNORECASE)
_TITLE = re.compile(r"^\s*[(\[]\s*(?P<title>[^()\[\]]{2,120}?)\s*[)\]]")
_OTHER_TEXT = re.compile(
    r"^[\s,]*(?:của\s+|tại\s+)?(?:Luật|Nghị\s+định|Thông\s+tư|Quyết\s+định|Nghị\s+quyết|Chỉ\s+thị|Hiến\s+pháp|Bộ\s+luật)\b",
    re.IGNORECASE,
)
_QUOTES = re.compile(r"[\"“”„«»]\s*(?P<q>[^\"“”„«»]{6,}?)\s*[\"“”„«»]")
_ROMAN = re.compile(r"^[IVXLC]+$", re.IGNORECASE)


@dataclass(frozen=True)
class Citation:
    """A part of the draft as cited: ``section`` and ``item`` numbers, ``point`` letter (each may be None).

    ``title`` is a title written next to it ("Mục IV (Tổ chức thực hiện)"); ``text`` the words
    of the citation as written; ``start``/``end`` where they are in the comment.

    >>> Citation(2, 1, "a", None, "điểm a khoản 1 Mục II", 4, 25).point
    'a'
    """

    section: int | None
    item: int | None
    point: str | None
    title: str | None
    text: str
    start: int
    end: int


def _chains(text: str):
    """Runs of tokens joined only by commas, spaces or 'của/thuộc/tại'."""
    chain: list[re.Match] = []
    for m in _TOKEN.finditer(text):
        if chain and not _JOIN.match(text[chain[-1].end() : m.start()]):
            yield chain
            chain = []
        chain.append(m)
    if chain:
        yield chain


def _section(numeral: str) -> int:
    """The section a Roman numeral names; 0 for one written wrong ("IIII", "VV"): no draft has a
    section 0, so the comment is kept, cited as written, and goes to the general comments with a note."""
    try:
        return from_roman(numeral.upper())
    except ValueError:
        return 0


def _shown(cited: str) -> str:
    """The citation as a message quotes it: at most 60 characters."""
    return cited if len(cited) <= 60 else cited[:60] + "…"


def _read(chain: list[re.Match]) -> tuple[int | None, int | None, str | None] | None:
    words: dict[str, str] = {}
    for m in chain:
        word = unicodedata.normalize("NFC", m.group("word")).lower()
        if word == "điều" or word in words:
            return None
        words[word] = m.group("value")
    section = item = None
    point = None
    part, muc, khoan = words.get("phần"), words.get("mục"), words.get("khoản")
    if part is not None:
        if part.isdigit():
            section = int(part)
        elif _ROMAN.match(part):
            section = _section(part)
        else:
            return None
    if muc is not None:
        if _ROMAN.match(muc) and not muc.isdigit():
            if section is not None:
                return None
            section = _section(muc)
        elif muc.isdigit():
            if section is None and khoan is not None:
                section = int(muc)  # "khoản 2 mục 3": a section written in Arabic numerals
            elif khoan is None:
                item = int(muc)  # "mục 2 phần II": the item
            else:
                return None
        else:
            return None
    if khoan is not None:
        if not khoan.isdigit():
            return None
        item = int(khoan)
    if "điểm" in words:
        try:
            point_index(words["điểm"])
        except ValueError:
            return None
        point = unicodedata.normalize("NFC", words["điểm"]).lower()
    if section is None and item is None and point is None:
        return None
    return section, item, point


def parse_citation(text: str) -> Citation | None:
    """The first part of the draft cited in *text*, or None.

    >>> c = parse_citation("Tại điểm a khoản 1 Mục II, đề nghị bổ sung …")
    >>> (c.section, c.item, c.point)
    (2, 1, 'a')
    >>> c = parse_citation("Về Mục IV (Tổ chức thực hiện): …")
    >>> (c.section, c.item, c.point, c.title)
    (4, None, None, 'Tổ chức thực hiện')
    >>> parse_citation("theo khoản 3 Điều 5 Luật Thực hiện dân chủ ở cơ sở") is None
    True
    """
    text = unicodedata.normalize("NFC", text or "")
    for chain in _chains(text):
        if _OTHER_TEXT.match(text[chain[-1].end() :]):
            continue
        numbers = _read(chain)
        if numbers is None:
            continue
        start, end = chain[0].start(), chain[-1].end()
        title = None
        m = _TITLE.match(text[end:])
        if m:
            title = m.group("title").strip()
            end += m.end()
        return Citation(*numbers, title, _shown(text[start:end]), start, end)
    return None


def quoted_spans(text: str) -> list[str]:
    """Words the writer put in quotation marks (at least 6 characters), in order.

    >>> quoted_spans('Đề nghị sửa cụm từ “tối thiểu 02 kỳ mỗi tháng” thành “hằng tuần”.')
    ['tối thiểu 02 kỳ mỗi tháng', 'hằng tuần']
    """
    return [m.group("q").strip() for m in _QUOTES.finditer(unicodedata.normalize("NFC", text or ""))]
