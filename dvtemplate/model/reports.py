"""The periodic reports a plan asks for, each stated once: who reports, to whom, when.

A plan names reports in two places: ``reporting`` (the units' report, which the report
forms and ``collect`` follow) and a duty with a ``schedule``. A duty whose report goes
where ``reporting`` sends its reports (same recipient) names the same report: its periods
join the plan's, its agency is the report's subject, and the Kế hoạch, the calendar and
the tracking sheet all state that one report. A duty reporting elsewhere (Sở Nội vụ's
synthesis to the UBND) is a report of its own.

Within one report, a period that ends in the month a longer period ends is part of the
longer report, as offices send them: quý II goes in the 6-month report, tháng 12, quý IV
and the second half in the yearly one. One report, one due date; nothing is added that
the plan does not ask for.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

from .content import Duty
from .plan import Plan
from .schedule import Period, ReportingSchedule, ScheduleEntry

__all__ = ["Report", "Due", "plan_reports", "joins_plan_report", "DEFAULT_REPORTER", "ORDER"]

DEFAULT_REPORTER = "Các cơ quan, đơn vị, địa phương"
"""Who reports when the plan says no more than ``reporting:``."""
ORDER = ("monthly", "quarterly", "half_year", "yearly")
_COUNT = {"monthly": 12, "quarterly": 4, "half_year": 2, "yearly": 1}
_MONTHS = {"monthly": 1, "quarterly": 3, "half_year": 6, "yearly": 12}


def _key(text: str | None) -> str:
    """Recipients compared as a clerk would: case, spacing and 'UBND' ↔ 'Ủy ban nhân dân' aside."""
    text = " ".join((text or "").split()).casefold()
    return re.sub(r"\bubnd\b", "ủy ban nhân dân", text)


@dataclass(frozen=True)
class Due:
    """One report to send: its period, due date, and the shorter periods it includes."""

    period: Period
    day: _dt.date
    includes: tuple[Period, ...] = ()


@dataclass(frozen=True)
class Report:
    """A periodic report: *by* sends it to *to* for every period of *entries*.

    *what* is the duty's text for a report of its own, empty for the plan's report.
    """

    by: str
    to: str
    entries: tuple[ScheduleEntry, ...]
    what: str = ""
    agencies: tuple[str, ...] = field(default=())

    @property
    def schedule(self) -> ReportingSchedule:
        return ReportingSchedule(to=self.to or None, entries=list(self.entries))

    def dues(self, years: range) -> list[Due]:
        """Every report to send in *years*, each period once (a shorter one inside the longer one)."""
        kinds = [e.kind for e in self.entries]
        out: list[Due] = []
        for entry in self.entries:
            for year in years:
                for index in range(1, _COUNT[entry.kind] + 1):
                    period = Period(entry.kind, year, index)
                    if _longest(kinds, period.last_month) != entry.kind:
                        continue
                    inside = tuple(
                        Period(kind, year, period.last_month // _MONTHS[kind])
                        for kind in ORDER[: ORDER.index(entry.kind)]
                        if kind in kinds
                        and period.last_month % _MONTHS[kind] == 0
                        # the second half is the yearly report itself, not a report of its own
                        and not (kind == "half_year" and period.last_month == 12)
                    )
                    out.append(Due(period, entry.deadline(period), tuple(reversed(inside))))
        return out


def _longest(kinds: list[str], month: int) -> str:
    """The longest kind among *kinds* with a period ending in *month*."""
    return next(k for k in reversed(ORDER) if k in kinds and month % _MONTHS[k] == 0)


def _merged(first: list[ScheduleEntry], more: list[ScheduleEntry]) -> tuple[ScheduleEntry, ...]:
    """*first*'s entries, then *more*'s of kinds *first* lacks, in period order."""
    by_kind = {e.kind: e for e in first}
    for entry in more:
        by_kind.setdefault(entry.kind, entry)
    return tuple(by_kind[k] for k in ORDER if k in by_kind)


def _duty_to(duty: Duty) -> str:
    return duty.report_to or (duty.schedule.to if duty.schedule else None) or ""


def joins_plan_report(plan: Plan, duty: Duty) -> bool:
    """True when *duty*'s periodic report is the plan's report (it goes where ``reporting`` sends)."""
    reporting = plan.reporting
    return bool(
        duty.schedule is not None
        and duty.schedule.entries
        and reporting is not None
        and reporting.entries
        and _key(_duty_to(duty)) == _key(reporting.to)
    )


def _reporter(plan: Plan) -> str:
    """Who sends the plan's report when no duty says: the units under the issuer when it goes to the
    issuer ('UBND tỉnh (qua Sở Nội vụ)' in a UBND tỉnh plan), else the issuer itself (a xã reporting up)."""
    to = plan.reporting.to if plan.reporting else None
    head = _key(re.split(r"[(;,]| và ", to or "", maxsplit=1)[0])
    if not head or _key(plan.issuer.name).startswith(head):
        return DEFAULT_REPORTER
    name = plan.issuer.name
    return name.capitalize() if name.isupper() else name[0].upper() + name[1:]


def plan_reports(plan: Plan) -> list[Report]:
    """The plan's report first (when it has one), then each duty's report of its own."""
    joined: list[tuple[str, Duty]] = []
    own: list[Report] = []
    for assignment in plan.assignments.items if plan.assignments else []:
        for duty in assignment.duties:
            if duty.schedule is None or not duty.schedule.entries:
                continue
            if joins_plan_report(plan, duty):
                joined.append((assignment.agency, duty))
            else:
                what = duty.text.rstrip(" .;")
                own.append(Report(assignment.agency, _duty_to(duty), _merged(duty.schedule.entries, []), what))
    if plan.reporting is None or not plan.reporting.entries:
        return own
    entries = list(plan.reporting.entries)
    for _agency, duty in joined:
        entries = list(_merged(entries, duty.schedule.entries if duty.schedule else []))
    agencies = tuple(dict.fromkeys(agency for agency, _ in joined))
    by = "; ".join(agencies) or _reporter(plan)
    main = Report(by, plan.reporting.to or "", _merged(entries, []), "", agencies)
    return [main, *own]
