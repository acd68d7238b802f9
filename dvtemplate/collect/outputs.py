"""What ``collect`` writes: the báo cáo tổng hợp (.docx), the workbook (.xlsx), the công văn đôn đốc.

File names are fixed per period (``BC-tong-hop-2026-H1.docx``, ``tong-hop-2026-H1.xlsx``,
``CV-don-doc-2026-H1.docx``), so running collect again as more forms arrive finds its
previous outputs: they are replaced only with ``force`` (the usual no-overwrite rule),
each written atomically.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from ..contexts.reminder import reminder_context
from ..contexts.summary import summary_context
from ..engine import load_template
from ..output import check_free, ensure_outdir, target_in, write_atomic
from .core import USED_REASONS, CollectResult, output_names
from .form import STATUSES
from .numbers import format_number
from .workbook import workbook_bytes

__all__ = ["summary_data", "write_outputs"]


def _shown(answer, spec) -> str:
    if answer is None or answer.status in ("missing",):
        return ""
    if answer.status == "invalid" or answer.value is None:
        return answer.raw
    return format_number(answer.value)


def _note(answer) -> str:
    if answer is None or answer.status == "missing":
        return "chưa điền"
    if answer.status == "invalid":
        return "sai kiểu, không tính"
    return "" if answer.status == "ok" else STATUSES[answer.status]


def summary_data(result: CollectResult) -> dict:
    """The plain data :func:`dvtemplate.contexts.summary.summary_context` reads."""
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

    tables = []
    for spec in result.specs:
        if spec.kind not in ("target", "ind"):
            continue
        total = result.totals[spec.tag]
        rows = [(r.unit.name, _shown(r.answers.get(spec.tag), spec), _note(r.answers.get(spec.tag))) for r in sent]
        tables.append(
            {
                "label": spec.label,
                "unit": spec.unit,
                "how": total.how,
                "total": format_number(total.value) if total.value is not None else "",
                "reported": total.reported,
                "rows": rows,
            }
        )
    unreadable = [name for name, reason in result.problems if not reason.startswith(USED_REASONS)]
    return {
        "period": result.period,
        "deadline": result.deadline,
        "counts": {k: len(v) for k, v in lists.items()},
        "lists": lists,
        "other_files": len(result.problems) - len(unreadable),
        "unreadable_files": unreadable,
        "total_units": len(result.rows),
        "items": [(s.label, answers(s.tag)) for s in result.specs if s.kind == "item"],
        "closing": [(s.label, answers(s.tag)) for s in result.specs if s.kind in ("difficulties", "proposals")],
        "tables": tables,
    }


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
