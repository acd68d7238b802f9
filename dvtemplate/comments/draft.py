"""The draft's parts as the letter rendered them, looked up by a reply's citation, quote or title.

The parts are built by :func:`dvtemplate.contexts.draft.draft_part_list` from the very blocks
the draft was rendered from, so a comment citing "điểm a khoản 1 Mục II" lands on the part
the reader saw under that number, never on a re-derived one; what a part is (its label and
its code) is the contract in :mod:`dvtemplate.model.consultation`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..contexts.draft import draft_part_list
from ..model import Plan
from ..model.consultation import DraftPart
from ..vn import Citation, strip_diacritics

__all__ = ["Part", "Draft", "draft_parts", "fold"]


def fold(text: str) -> str:
    """Comparison form: no diacritics, case or punctuation; single spaces."""
    text = strip_diacritics(text or "").casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


Part = DraftPart
"""The name the readers use."""


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


def draft_parts(plan: Plan) -> Draft:
    """Every section, item and point of the draft the letter carried, in order, ready to look up."""
    return Draft(draft_part_list(plan))
