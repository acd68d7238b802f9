"""The draft's parts as the letter renders them: sections I, II…, items 1, 2…, points a, b….

Built from :func:`.plan.plan_blocks` — the very blocks the draft is rendered from — for the
phiếu góp ý (:mod:`.form`) and for ``comments``, which maps each reply's citations onto them.
"""

from __future__ import annotations

import re

from ..markers import FOOTNOTE_CLOSE, FOOTNOTE_OPEN
from ..model import Plan
from ..model.consultation import DraftPart
from ..vn import from_roman, lower_vn, point_index
from .common import Footnotes
from .letter import draft_plan
from .plan import plan_blocks

__all__ = ["draft_part_list"]

_MARK = re.compile(f"{FOOTNOTE_OPEN}\\d+{FOOTNOTE_CLOSE}")
_NUMBERED = re.compile(r"^(\d+)\.\s+(.*)$", re.DOTALL)


def _sentence(text: str) -> str:
    low = lower_vn(text)
    return low[:1].upper() + low[1:]


def _clean(text: str) -> str:
    return _MARK.sub("", text).strip()


def draft_part_list(plan: Plan) -> list[DraftPart]:
    """Every section, item and point of the draft the letter carried, in order."""
    blocks = plan_blocks(draft_plan(plan), Footnotes(dict(plan.footnotes)))
    parts: list[DraftPart] = []
    section = item = 0
    current: DraftPart | None = None

    def add(key: tuple[int, int, str], title: str) -> DraftPart:
        part = DraftPart(key, title, len(parts))
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
    return parts
