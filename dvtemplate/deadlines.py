"""Every deadline of a plan as calendar events (.ics) and as a tracking sheet (.xlsx).

``plan_deadlines(plan)`` lists, for every year the plan covers, each one-off
duty deadline and each periodic report the plan asks for, once
(:func:`dvtemplate.model.reports.plan_reports`: ``reporting`` and the duties that
name the same report are one report), in date order. ``write_calendar``
writes them as all-day iCalendar events (``icalendar``) with a reminder
``REMIND_DAYS`` days before, importable into Outlook or Google Calendar;
``write_tracking_sheet`` writes the assignments as an Excel sheet with a status
column to fill in. The calendar is deterministic: the same plan gives the same
bytes (UIDs and DTSTAMP derive from the plan, not the clock), so importing it
again updates the events instead of duplicating them.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from .loading import LoadedPlan
from .model import Plan
from .model.reports import Report, plan_reports
from .output import check_free, ensure_outdir, write_atomic
from .vn import holiday_name, is_working_day, short_date

__all__ = [
    "Deadline",
    "plan_deadlines",
    "calendar_bytes",
    "tracking_sheet_bytes",
    "write_calendar",
    "REMIND_DAYS",
    "STATUSES",
]

REMIND_DAYS = 3
"""The reminder fires this many days before a deadline (a weekend may sit in between)."""
STATUSES = ("Chưa thực hiện", "Đang thực hiện", "Đã hoàn thành", "Quá hạn")
_PLAN_REPORT = "Báo cáo kết quả thực hiện Kế hoạch"
_SUMMARY_CHARS = 90


@dataclass(frozen=True)
class Deadline:
    """One due date: what is due, who owes it, and to whom."""

    day: _dt.date
    agency: str
    task: str
    kind: str  # "một lần" / "định kỳ"
    report_to: str = ""
    includes: str = ""  # the shorter reports sent in this one: "báo cáo quý II năm 2026; …"

    @property
    def note(self) -> str:
        """'rơi vào ngày nghỉ (…)' when the day is not a working day, else ''."""
        if is_working_day(self.day):
            return ""
        name = holiday_name(self.day) or ("thứ Bảy" if self.day.weekday() == 5 else "Chủ nhật")
        return f"Hạn rơi vào ngày nghỉ ({name}); nên gửi trước."

    @property
    def included(self) -> str:
        """'Gồm cả báo cáo quý II năm 2026.' when shorter reports go with this one, else ''."""
        return f"Gồm cả {self.includes}." if self.includes else ""


def _report_deadlines(report: Report, years: range) -> list[Deadline]:
    """One deadline per report to send (a quarter inside the 6-month report is not another one)."""
    out = []
    for due in report.dues(years):
        what = f"Báo cáo {due.period.phrase}: {report.what}" if report.what else f"{_PLAN_REPORT} {due.period.phrase}"
        includes = "; ".join(f"báo cáo {p.phrase}" for p in due.includes)
        out.append(Deadline(due.day, report.by, what, "định kỳ", report.to, includes))
    return out


def plan_deadlines(plan: Plan) -> list[Deadline]:
    """Every deadline of *plan* within its years, each report once, sorted by date, then agency.

    One-off duty deadlines, then the reports of :func:`dvtemplate.model.reports.plan_reports`:
    a report named both by ``reporting:`` and by a duty is one report, and a period inside a
    longer one (quý II in the 6-month report) is sent with it, not on its own.
    """
    years = range(plan.year, plan.last_year + 1)
    out: list[Deadline] = []
    for assignment in plan.assignments.items if plan.assignments is not None else []:
        for duty in assignment.duties:
            if duty.deadline is not None:
                out.append(Deadline(duty.deadline, assignment.agency, duty.text, "một lần", duty.report_to or ""))
    for report in plan_reports(plan):
        out.extend(_report_deadlines(report, years))
    return sorted(out, key=lambda d: (d.day, d.agency, d.task))


def _shorten(text: str, limit: int = _SUMMARY_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def calendar_bytes(plan: Plan, deadlines: list[Deadline]) -> bytes:
    """The iCalendar text of *deadlines* (all-day events with a reminder)."""
    from icalendar import Alarm, Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//dvtemplate//Ke hoach dan van chinh quyen//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", _shorten(f"Kế hoạch {plan.title}", 120))
    stamp = _dt.datetime(plan.year, 1, 1, tzinfo=_dt.timezone.utc)
    seed = f"{plan.issuer.name}|{plan.title}|{plan.year}"
    for deadline in deadlines:
        event = Event()
        key = f"{seed}|{deadline.day}|{deadline.agency}|{deadline.task}"
        event.add("uid", hashlib.sha1(key.encode("utf-8")).hexdigest()[:24] + "@dvtemplate")
        event.add("dtstamp", stamp)
        event.add("dtstart", deadline.day)
        event.add("dtend", deadline.day + _dt.timedelta(days=1))
        event.add("summary", _shorten(f"Hạn: {deadline.task} — {deadline.agency}"))
        lines = [
            f"Cơ quan, đơn vị: {deadline.agency}",
            f"Nội dung: {deadline.task}",
            f"Thời hạn: {short_date(deadline.day)}",
        ]
        if deadline.report_to:
            lines.append(f"Gửi về: {deadline.report_to}")
        if deadline.included:
            lines.append(deadline.included)
        if deadline.note:
            lines.append(deadline.note)
        lines.append(f"Theo Kế hoạch: {plan.title}")
        event.add("description", "\n".join(lines))
        event.add("categories", ["Kế hoạch", deadline.kind])
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", _shorten(f"Sắp đến hạn ({short_date(deadline.day)}): {deadline.task}"))
        alarm.add("trigger", _dt.timedelta(days=-REMIND_DAYS))
        event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical()


def _cell(value):
    """Text that Excel would run as a formula is kept as text (formula injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def tracking_sheet_bytes(plan: Plan, deadlines: list[Deadline]) -> bytes:
    """An .xlsx: one row per deadline with a status column (a choice list) to fill in."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = "Theo dõi thời hạn"
    headers = [
        "STT",
        "Cơ quan, đơn vị",
        "Nhiệm vụ",
        "Thời hạn",
        "Loại",
        "Gửi về",
        "Ghi chú",
        "Tình trạng",
        "Ghi chú thêm",
    ]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for number, deadline in enumerate(deadlines, 1):
        note = " ".join(x for x in (deadline.included, deadline.note) if x)
        row = [number, deadline.agency, deadline.task, deadline.day, deadline.kind, deadline.report_to, note]
        sheet.append([_cell(v) for v in row] + [STATUSES[0], ""])
        sheet.cell(row=number + 1, column=4).number_format = "DD/MM/YYYY"
        for column in (2, 3, 6, 7):
            sheet.cell(row=number + 1, column=column).alignment = Alignment(wrap_text=True, vertical="top")
    last = len(deadlines) + 1
    choice = DataValidation(type="list", formula1='"' + ",".join(STATUSES) + '"', allow_blank=True)
    choice.error, choice.errorTitle = "Chọn một tình trạng trong danh sách.", "Tình trạng"
    sheet.add_data_validation(choice)
    if deadlines:
        choice.add(f"H2:H{last}")
    for letter, width in zip("ABCDEFGHI", (6, 28, 60, 12, 10, 28, 30, 18, 24), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:I{last}"
    book.properties.creator = "dvtemplate"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_calendar(
    loaded: LoadedPlan, output: str | Path, *, xlsx: str | Path | None = None, force: bool = False
) -> list[Path]:
    """Write the plan's deadlines to *output* (.ics) and, if given, a tracking sheet *xlsx*."""
    from .documents import as_loaded

    loaded = as_loaded(loaded)
    deadlines = plan_deadlines(loaded.plan)
    targets = [Path(output)] + ([Path(xlsx)] if xlsx else [])
    check_free(targets, force)
    for target in targets:
        ensure_outdir(target.parent)
    ics = calendar_bytes(loaded.plan, deadlines)
    written = [write_atomic(targets[0], lambda fh: fh.write(ics))]
    if xlsx:
        sheet = tracking_sheet_bytes(loaded.plan, deadlines)
        written.append(write_atomic(targets[1], lambda fh: fh.write(sheet)))
    return written
