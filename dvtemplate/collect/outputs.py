"""What ``collect`` writes: the báo cáo tổng hợp (.docx), the workbook (.xlsx), the công văn đôn đốc.

File names are fixed per period (``BC-tong-hop-2026-H1.docx``, ``tong-hop-2026-H1.xlsx``,
``CV-don-doc-2026-H1.docx``), so running collect again as more forms arrive finds its
previous outputs: they are replaced only with ``force`` (the usual no-overwrite rule),
each written atomically.
"""

from __future__ import annotations

import datetime as _dt
import re
from decimal import Decimal
from pathlib import Path

from ..contexts.reminder import reminder_context
from ..contexts.summary import summary_context
from ..engine import load_template
from ..output import check_free, ensure_outdir, target_in, write_atomic
from .core import USED_REASONS, CollectResult, output_names
from .numbers import ValueProblem, format_number, parse_number
from .workbook import workbook_bytes

__all__ = ["summary_data", "write_outputs"]


_TEXT_KINDS = ("item", "strengths", "weaknesses", "causes", "difficulties", "next", "proposals")
_NAMED_BELOW = 40
"""Units named under the indicator table per indicator; the rest are counted (the workbook lists every one)."""


def _plan_value(target) -> Decimal | None:
    try:
        return parse_number(target.value)[0] if target and target.value else None
    except ValueProblem:
        return None


def _indicator(result: CollectResult, spec, sent) -> dict:
    """One row of the indicator table: target, result, how many asked and reported, who left it blank."""
    total = result.totals[spec.tag]
    asked = [r for r in sent if r.asks(spec)]
    blank = [r.unit.name for r in asked if (a := r.answers.get(spec.tag)) is None or a.status in ("missing", "invalid")]
    target = result.plan.targets.items[int(spec.ref) - 1] if spec.kind == "target" else None
    shown = format_number(total.value) if total.value is not None else ""
    if spec.vtype == "yes_no" and total.value is not None:
        shown = f"{format_number(total.value)}/{total.reported} đơn vị có"
    return {
        "kind": spec.kind,
        "label": spec.label,
        "unit": spec.unit,
        "plan": (target.value or "") if target else "",
        "plan_value": _plan_value(target),
        "lower_is_better": bool(target and _LOWER.search(target.text.casefold())),
        "value": total.value if spec.vtype not in ("text", "yes_no") else None,
        "result": shown,
        "how": total.how,
        "reported": total.reported,
        "asked": len(asked),
        "blank": blank[:_NAMED_BELOW],
        "blank_count": len(blank),
    }


_LOWER = re.compile(r"\b(giảm|không quá|dưới|tối đa)\b")


def summary_data(result: CollectResult) -> dict:
    """The plain data :func:`dvtemplate.contexts.summary.summary_context` reads: counts and names, each
    indicator against its target, every unit's text by area (for the synthesis and the Phụ lục)."""
    sent = [r for r in result.rows if r.status in ("on_time", "late")]
    lists = {
        status: [r.unit.name for r in result.rows if r.status == status]
        for status in ("on_time", "late", "not_sent", "unreadable")
    }

    def answers(tag: str) -> list[tuple[str, str]]:
        out = []
        for row in sent:
            answer = row.answers.get(tag)
            if answer is not None and answer.status in ("ok", "recovered") and answer.raw:
                out.append((row.unit.name, answer.raw))
        return out

    areas: dict[str, list[tuple[str, str]]] = {}
    for spec in result.specs:
        if spec.kind in _TEXT_KINDS and spec.kind != "item":
            areas.setdefault(spec.kind, []).extend(answers(spec.tag))
    text_specs = [s for s in result.specs if s.kind in _TEXT_KINDS]
    appendix = []
    for row in sent:
        filled = [(s.label, row.answers[s.tag].raw) for s in text_specs if _filled(row.answers.get(s.tag))]
        appendix.append((row.unit.name, filled))
    unreadable = [name for name, reason in result.problems if not reason.startswith(USED_REASONS)]
    return {
        "period": result.period,
        "deadline": result.deadline,
        "counts": {k: len(v) for k, v in lists.items()},
        "lists": lists,
        "other_files": len(result.problems) - len(unreadable),
        "unreadable_files": unreadable,
        "total_units": len(result.rows),
        "items": [(s.label, len(answers(s.tag))) for s in result.specs if s.kind == "item"],
        "areas": areas,
        "indicators": [_indicator(result, s, sent) for s in result.specs if s.kind in ("target", "ind")],
        "appendix": appendix,
    }


def _filled(answer) -> bool:
    return answer is not None and answer.status in ("ok", "recovered") and bool(answer.raw)


def write_outputs(
    result: CollectResult,
    outdir: str | Path,
    *,
    force: bool = False,
    remind: bool = False,
    folders: tuple[Path, ...] = (),
    recipient: str | None = None,
    today: _dt.date | None = None,
) -> list[Path]:
    """Write the outputs of *result* into *outdir*; nothing is written when one exists and not *force*."""
    out = ensure_outdir(outdir)
    targets = [target_in(out, name) for name in output_names(result.period.code, remind)]
    check_free(targets, force)
    data = summary_data(result)
    summary = summary_context(result.plan, data, recipient=recipient)
    template = load_template("summary", folders)
    write_atomic(targets[0], lambda handle: template.write(summary, handle))
    book = workbook_bytes(result)
    write_atomic(targets[1], lambda handle: handle.write(book))
    if remind:
        context = reminder_context(result.plan, result.period, result.deadline, data["lists"], today)
        reminder = load_template("reminder", folders)
        write_atomic(targets[2], lambda handle: reminder.write(context, handle))
    return targets
