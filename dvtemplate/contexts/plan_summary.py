"""A plan told in a few sentences, for the Tờ trình's "nội dung chính" and "sự cần thiết".

Each part of the plan gives one sentence: the purpose; the chỉ tiêu with their numbers; the
main tasks of each content section; who leads and who takes part; the reporting duty. The
sentences are built from the plan's own words (titles, targets, agencies), never pasted
paragraphs, so the summary stays a few lines whatever the plan's length.
"""

from __future__ import annotations

import re

from ..model import Item, Plan, Target
from ..model.wording import schedule_sentence
from ..vn import cut_heading, lower_first, quantity
from .common import Footnotes
from .plan import basis_sentence, plan_blocks

__all__ = ["purpose_sentence", "layout_sentence", "target_phrases", "task_sentences", "roles_sentence", "bases"]

_FOOTNOTE = re.compile(r"\[\^[^\]]*\]")
_MAX_TASK = 110


def _clean(text: str | None) -> str:
    return " ".join(_FOOTNOTE.sub("", text or "").split()).rstrip(" .;:")


def _joined(parts: list[str]) -> str:
    return "; ".join(p for p in parts if p)


def bases(plan: Plan) -> list[str]:
    """The plan's legal bases, one sentence per lead ('Căn cứ …;', 'Thực hiện ….')."""
    out = [basis_sentence(b) for b in plan.legal_bases]
    if out:
        out[-1] = out[-1].rstrip(" ;") + "."
    return out


def purpose_sentence(plan: Plan) -> str:
    """'đưa công tác …; củng cố niềm tin …' — the plan's purposes joined (empty when it states none)."""
    purposes = plan.purposes.purposes or plan.purposes.items if plan.purposes else []
    return _joined([lower_first(_clean(p)) for p in purposes])


def layout_sentence(plan: Plan) -> tuple[int, str]:
    """(number of sections, 'Mục đích, yêu cầu; Nội dung thực hiện; Chỉ tiêu; Tổ chức thực hiện')."""
    titles = [b["text"] for b in plan_blocks(plan, Footnotes({})) if b["kind"] == "section"]
    titles = [_clean(t[:1] + t[1:].lower()) if t.isupper() else _clean(t) for t in titles]
    return len(titles), "; ".join(titles)


def _target(target: Target, year: int) -> str:
    text = lower_first(_clean(target.text))
    if target.value:
        unit = target.unit or ""
        text += f" đạt {target.value}{'' if unit in ('%', '') else ' '}{unit}"
    if target.due_year and target.due_year != year:
        text += f" (năm {target.due_year})"
    return text


def target_phrases(plan: Plan) -> str:
    """'tỷ lệ … đạt 100%; số mô hình … đạt 20 mô hình' (empty when the plan has no chỉ tiêu)."""
    return _joined([_target(t, plan.year) for t in plan.targets.items]) if plan.targets else ""


def _agency(text: str) -> str:
    """An agency inside a sentence: 'Các sở, ban, ngành' → 'các sở, ban, ngành'; 'Sở Nội vụ' stays."""
    return lower_first(text) if text.startswith(("Các ", "Những ")) else text


def _task(item: Item) -> str:
    text = _clean(item.title) or _clean(re.split(r"[;.]\s", _clean(item.text), maxsplit=1)[0])
    if len(text) > _MAX_TASK:
        text = cut_heading(text, _MAX_TASK)
    return lower_first(text)


def task_sentences(plan: Plan) -> list[str]:
    """One sentence per content section: 'Nội dung thực hiện gồm 04 nhóm nhiệm vụ: a; b; c; d.'"""
    out = []
    for section in plan.sections:
        tasks = [_task(i) for i in section.items if _task(i)]
        tasks += [lower_first(_clean(b.text)) for b in section.bullets]
        title = _clean(section.title)
        title = title[:1] + title[1:].lower() if title.isupper() else title
        if tasks:
            out.append(f"{title} gồm {quantity(len(tasks))} nhóm nhiệm vụ: {_joined(tasks)}.")
    return out


def roles_sentence(plan: Plan, drafting: str) -> str:
    """'Sở Nội vụ chủ trì, theo dõi …; Sở Khoa học và Công nghệ; các sở, … phối hợp thực hiện …'."""
    if not plan.assignments:
        return ""
    items = plan.assignments.items
    lead = next((a for a in items if _clean(a.agency).casefold() == drafting.casefold()), items[0])
    duty = _clean(lead.duties[0].text) if lead.duties else _clean(lead.text)
    out = f"{_clean(lead.agency)} chủ trì" + (f", {lower_first(duty)}" if duty else "")
    others = [_agency(_clean(a.agency)) for a in items if a is not lead]
    if others:
        out += f"; các cơ quan, đơn vị thực hiện nhiệm vụ được giao: {_joined(others)}"
    return out + "."


def reporting_sentence(plan: Plan) -> str:
    """The plan's reporting duty in one sentence (empty when it sets none)."""
    return schedule_sentence(plan.reporting) if plan.reporting and plan.reporting.entries else ""
