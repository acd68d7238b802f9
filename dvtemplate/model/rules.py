"""Cross-field checks a clerk gets wrong, each located by its YAML path.

Field-level validation lives on the models; what needs the whole plan (a
deadline after the plan's period, a footnote key that does not exist, a comment
deadline before the letter's date) is checked here and returned as located
problems, so the loader can point at the YAML line.
"""

from __future__ import annotations

import datetime as _dt
import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ..vn import day_month, holiday_name, is_working_day, short_date
from .content import FOOTNOTE_MARK
from .plan import Plan
from .reports import joins_plan_report
from .schedule import KIND_LABELS, ScheduleEntry
from .wording import UNKNOWN, is_unknown

__all__ = ["Problem", "plan_problems"]


@dataclass(frozen=True)
class Problem:
    """A located finding: ``loc`` is the path in the YAML, ``severity`` 'error' or 'warning'.

    ``'unknown'`` marks an import placeholder "(Chưa rõ …)": an error for validate and
    render, a warning only while the importer or rollover writes the YAML to be filled in.
    """

    loc: tuple[str | int, ...]
    message: str
    severity: str = "error"


def _walk(value: Any, loc: tuple) -> Iterator[tuple[tuple, str, Any]]:
    """Every (location, field name, value) below *value*, in document order."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _walk(getattr(value, name), loc + (name,))
    elif isinstance(value, list):
        for i, element in enumerate(value):
            yield from _walk(element, loc + (i,))
    elif isinstance(value, dict):
        for key, element in value.items():
            yield from _walk(element, loc + (key,))
    else:
        yield loc, (loc[-1] if loc else ""), value


def plan_problems(plan: Plan) -> list[Problem]:
    """All cross-field problems of *plan*; errors first make the plan unusable."""
    problems: list[Problem] = []
    last_day = _dt.date(plan.last_year, 12, 31)
    for loc, name, value in _walk(plan, ()):
        if isinstance(value, str) and is_unknown(value):
            problems.append(
                Problem(
                    loc,
                    f"còn chỗ trống do lệnh import để lại ('{_snippet(value)}'); hãy điền thông tin thật",
                    "unknown",
                )
            )
        if isinstance(value, str) and loc and loc[0] != "footnotes":
            for key in FOOTNOTE_MARK.findall(value):
                if key not in plan.footnotes:
                    close = difflib.get_close_matches(key, list(plan.footnotes), n=1)
                    hint = f" (có phải '[^{close[0]}]'?)" if close else ""
                    problems.append(Problem(loc, f"chú thích [^{key}] chưa được khai báo trong footnotes{hint}"))
        if name == "deadline" and isinstance(value, _dt.date) and loc[0] == "assignments":
            if value > last_day:
                problems.append(
                    Problem(loc, f"thời hạn {short_date(value)} sau thời gian của kế hoạch ({plan.period_label})")
                )
            elif not is_working_day(value):
                problems.append(
                    Problem(loc, f"thời hạn {short_date(value)} rơi vào ngày nghỉ ({_why_off(value)})", "warning")
                )
    if plan.letter is not None:
        problems.extend(_letter_problems(plan))
    problems.extend(_report_problems(plan))
    used = {k for _, _, v in _walk(plan, ()) if isinstance(v, str) for k in FOOTNOTE_MARK.findall(v)}
    for key in plan.footnotes:
        if key not in used:
            problems.append(Problem(("footnotes", key), f"chú thích '{key}' không được dùng ở đâu", "warning"))
    return problems


def _snippet(value: str) -> str:
    start = value.find(UNKNOWN)
    end = value.find(")", start)
    return value[start : end + 1 if end > 0 else start + 40]


def _why_off(day: _dt.date) -> str:
    return holiday_name(day) or ("thứ Bảy" if day.weekday() == 5 else "Chủ nhật")


def _letter_problems(plan: Plan) -> list[Problem]:
    letter = plan.letter
    assert letter is not None
    out: list[Problem] = []
    loc = ("letter", "deadline")
    issued = letter.issued.complete if letter.issued else None
    if issued is not None and letter.deadline < issued:
        out.append(Problem(loc, f"hạn góp ý {short_date(letter.deadline)} trước ngày công văn {short_date(issued)}"))
    elif issued is not None and (letter.deadline - issued).days < 3:
        out.append(Problem(loc, "hạn góp ý chưa đủ 3 ngày kể từ ngày công văn", "warning"))
    if not is_working_day(letter.deadline):
        out.append(
            Problem(
                loc,
                f"hạn góp ý {short_date(letter.deadline)} rơi vào ngày nghỉ ({_why_off(letter.deadline)})",
                "warning",
            )
        )
    return out


def _due(entry: ScheduleEntry) -> str:
    if entry.date is None:
        return f"trước ngày {entry.day:02d}"
    day, month = (int(x) for x in entry.date.split("/"))
    return f"trước ngày {day_month(day, month)}"


def _report_problems(plan: Plan) -> list[Problem]:
    """A duty naming the plan's report (same recipient) with another due date: one report, the reporting's date."""
    if plan.reporting is None or plan.assignments is None:
        return []
    ours = {e.kind: e for e in plan.reporting.entries}
    out: list[Problem] = []
    for a, assignment in enumerate(plan.assignments.items):
        for d, duty in enumerate(assignment.duties):
            if duty.schedule is None or not joins_plan_report(plan, duty):
                continue
            for e, entry in enumerate(duty.schedule.entries):
                mine = ours.get(entry.kind)
                if mine is not None and (mine.day, mine.date) != (entry.day, entry.date):
                    out.append(
                        Problem(
                            ("assignments", "items", a, "duties", d, "schedule", "entries", e),
                            f"báo cáo {KIND_LABELS[entry.kind]} về {plan.reporting.to or 'cùng nơi nhận'} là báo cáo "
                            f"của mục reporting nhưng hạn khác ({_due(entry)}, reporting: {_due(mine)}); "
                            "kế hoạch và lịch dùng hạn của reporting",
                            "warning",
                        )
                    )
    return out
