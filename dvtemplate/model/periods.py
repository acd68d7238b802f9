"""Which report period a user means, checked against the plan, and when its report is due.

Both sides of the report loop state a period the same way: the writer (``report``, ``batch``)
prints the form for it, and the reader (``collect``) judges each returned form by its deadline.
Periods are parsed by :func:`.schedule.parse_period`; this module adds what the plan says.
"""

from __future__ import annotations

import datetime as _dt

from ..errors import InputError
from .plan import Plan
from .schedule import KIND_LABELS, Period, parse_period

__all__ = ["resolve_period", "report_deadline", "PERIOD_EXAMPLES"]

PERIOD_EXAMPLES = {"monthly": "{y}-05", "quarterly": "{y}-Q2", "half_year": "{y}-H1", "yearly": "{y}"}
"""A period code of each kind, for messages and samples (``.format(y=year)``)."""


def _scheduled(plan: Plan) -> str:
    """'hằng tháng (ví dụ 2026-05), 6 tháng (ví dụ 2026-H1)' for error messages."""
    entries = plan.reporting.entries if plan.reporting else []
    return ", ".join(f"{KIND_LABELS[e.kind]} (ví dụ {PERIOD_EXAMPLES[e.kind].format(y=plan.year)})" for e in entries)


def resolve_period(plan: Plan, text: str) -> Period:
    """Parse the period and make sure the plan schedules it; InputError listing what it does."""
    try:
        period = parse_period(text)
    except ValueError as exc:
        raise InputError(f"{exc}.", field="period") from None
    entries = plan.reporting.entries if plan.reporting else []
    if not entries:
        raise InputError(
            "Kế hoạch không có chế độ báo cáo định kỳ (mục reporting: entries), nên không lập được mẫu báo cáo.",
            hint="Thêm vào tệp YAML, ví dụ: reporting: {to: UBND tỉnh, entries: [{kind: half_year, date: '15/06'}]}",
        )
    if plan.reporting.entry_for(period.kind) is None:
        raise InputError(
            f"Kế hoạch không quy định báo cáo {KIND_LABELS[period.kind]} (kỳ '{text}'); "
            f"các kỳ báo cáo của kế hoạch: {_scheduled(plan)}."
        )
    if not plan.year <= period.year <= plan.last_year:
        raise InputError(
            f"Kỳ '{text}' nằm ngoài thời gian của kế hoạch ({plan.period_label}); "
            f"các kỳ báo cáo của kế hoạch: {_scheduled(plan)}."
        )
    return period


def report_deadline(plan: Plan, period: Period) -> _dt.date:
    """The submission deadline of *period* from the plan's reporting schedule."""
    entry = plan.reporting.entry_for(period.kind) if plan.reporting else None
    if entry is None:
        raise InputError(f"Kế hoạch không quy định báo cáo {KIND_LABELS[period.kind]}.")
    return entry.deadline(period)
