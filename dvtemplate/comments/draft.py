"""The draft's parts as the letter rendered them: sections I, II…, items 1, 2…, points a, b….

Built from :func:`dvtemplate.contexts.plan.plan_blocks` — the very blocks the draft
was rendered from — so a comment citing "điểm a khoản 1 Mục II" lands on the part
the reader saw under that number, never on a re-derived one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..contexts.common import Footnotes
from ..contexts.letter import draft_plan
from ..contexts.plan import plan_blocks
from ..markers import FOOTNOTE_CLOSE, FOOTNOTE_OPEN
from ..model import Plan
from ..vn import Citation, cut_heading, from_roman, lower_vn, point_index, roman, strip_diacritics

__all__ = ["Part", "Draft", "draft_parts", "fold"]

_MARK = re.compile(f"{FOOTNOTE_OPEN}\\d+{FOOTNOTE_CLOSE}")
_NUMBERED = re.compile(r"^(\d+)\.\s+(.*)$", re.DOTALL)


def fold(text: str) -> str:
    """Comparison form: no diacritics, case or punctuation; single spaces."""
    text = strip_diacritics(text or "").casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


@dataclass
class Part:
    """One numbered part. ``key`` is (section, item, point); item 0 / point "" when not that deep."""

    key: tuple[int, int, str]
    title: str
    order: int
    text: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        """'Mục II', 'Mục II, khoản 1', 'Mục II, khoản 1, điểm a' (the draft's own numbering)."""
        section, item, point = self.key
        out = f"Mục {roman(section)}"
        if item:
            out += f", khoản {item}"
        if point:
            out += f", điểm {point}"
        return out

    @property
    def code(self) -> str:
        """'II', 'II.1', 'II.1.a': the part's name in a form's content-control tags."""
        section, item, point = self.key
        return ".".join(x for x in (roman(section), str(item) if item else "", point) if x)

    @property
    def reference(self) -> str:
        """'Mục II', 'Khoản 1 Mục II', 'Điểm a khoản 1 Mục II': the part as a văn bản cites it."""
        section, item, point = self.key
        words = [f"điểm {point}"] if point else []
        words += [f"khoản {item}"] if item else []
        text = " ".join([*words, f"Mục {roman(section)}"])
        return text[:1].upper() + text[1:]

    @property
    def heading(self) -> str:
        """The part's title (or the start of its text), cut at a clause, never inside a word."""
        return cut_heading(self.title or (self.text[0] if self.text else ""))

    @property
    def display(self) -> str:
        """The reference, then the part's heading on the next line."""
        return f"{self.reference}\n{self.heading}" if self.heading else self.reference

    @property
    def depth(self) -> int:
        return 1 + bool(self.key[1]) + bool(self.key[2])


@dataclass
class Draft:
    """The parts in the draft's order, looked up by key, by quoted words or by title."""

    parts: list[Part]

    def __post_init__(self) -> None:
        self.by_key = {p.key: p for p in self.parts}
        self.by_code = {p.code: p for p in self.parts}
        self._folded = [(p, fold(" ".join([p.title, *p.text]))) for p in self.parts]

    def resolve(self, c: Citation) -> tuple[Part | None, str | None]:
        """The part *c* names, and a note when it had to fall back to an enclosing part."""
        if c.section is None:
            candidates = [p for p in self.parts if p.key[1] == (c.item or 0) and p.key[2] == (c.point or "")]
            if c.item and len({p.key[0] for p in candidates}) == 1:
                return candidates[0], None
            if c.title:
                return self.by_title(c.title), None
            return None, f"trích dẫn '{c.text}' không nêu mục (I, II…) nên không xác định được phần của dự thảo"
        key = (c.section, c.item or 0, c.point or "")
        if key in self.by_key:
            return self.by_key[key], None
        for fallback in ((c.section, c.item or 0, ""), (c.section, 0, "")):
            if fallback in self.by_key:
                return self.by_key[fallback], f"dự thảo không có '{c.text}'; xếp vào {self.by_key[fallback].label}"
        return None, f"dự thảo không có '{c.text}'; xếp vào ý kiến chung"

    def by_title(self, title: str) -> Part | None:
        want = fold(title)
        return next((p for p in self.parts if want and fold(p.title) == want), None)

    def by_quote(self, quote: str) -> Part | None:
        """The deepest part whose own text contains the quoted words (at least 3 words)."""
        want = fold(quote)
        if len(want.split()) < 3:
            return None
        hits = [p for p, text in self._folded if want in text]
        return max(hits, key=lambda p: p.depth) if hits else None


def _sentence(text: str) -> str:
    low = lower_vn(text)
    return low[:1].upper() + low[1:]


def _clean(text: str) -> str:
    return _MARK.sub("", text).strip()


def draft_parts(plan: Plan) -> Draft:
    """Every section, item and point of the draft the letter carried, in order."""
    blocks = plan_blocks(draft_plan(plan), Footnotes(dict(plan.footnotes)))
    parts: list[Part] = []
    section = item = 0
    current: Part | None = None

    def add(key: tuple[int, int, str], title: str) -> Part:
        part = Part(key, title, len(parts))
        parts.append(part)
        return part

    for b in blocks:
        raw_lead, text = _MARK.sub("", b["lead"]), _clean(b["text"])
        lead = raw_lead.strip()
        if b["kind"] == "section":
            section, item = from_roman(lead.rstrip(". ")), 0
            current = add((section, 0, ""), _sentence(text))
        elif section and b["kind"] == "item" and (m := _NUMBERED.match(lead)):
            item = int(m.group(1))
            current = add((section, item, ""), m.group(2).strip())
        elif section and b["kind"] == "body" and (m := _NUMBERED.match(text)) and not lead:
            item = int(m.group(1))
            current = add((section, item, ""), "")
            current.text.append(m.group(2))
        elif section and item and b["kind"] == "point":
            letter = lead.rstrip(") ")
            point_index(letter)
            current = add((section, item, letter), "")
            current.text.append(text)
        elif current is not None:
            current.text.append((raw_lead + text).strip())
    return Draft(parts)
