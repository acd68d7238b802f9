"""`dvtemplate calendar`: every deadline of the plan as .ics events and an Excel tracking sheet."""

from __future__ import annotations

import datetime as dt

import openpyxl
from icalendar import Calendar

from conftest import EXAMPLES
from dvtemplate.deadlines import STATUSES, plan_deadlines
from dvtemplate.loading import load_plan

PLAN = EXAMPLES / "ke-hoach-tinh-2026.yaml"


def _events(path):
    return [c for c in Calendar.from_ical(path.read_bytes()).walk("VEVENT")]


def test_every_deadline_is_an_all_day_event_with_a_reminder(run_cli, tmp_path):
    code, out, err = run_cli("calendar", PLAN, "-o", tmp_path / "lich.ics")
    assert code == 0, err
    plan = load_plan(PLAN).plan
    events = _events(tmp_path / "lich.ics")
    # the units' report (`reporting:` and the duty that names it are one): 8 months, quý I and III,
    # 6 tháng đầu năm, năm; Sở Nội vụ's synthesis: 6 tháng, năm; two one-off duties
    duty_once = sum(1 for a in plan.assignments.items for d in a.duties if d.deadline)
    assert len(events) == 12 + 2 + duty_once == len(plan_deadlines(plan)) == 16
    assert len({str(e["uid"]) for e in events}) == len(events)
    for event in events:
        assert isinstance(event.decoded("dtstart"), dt.date) and not isinstance(event.decoded("dtstart"), dt.datetime)
        (alarm,) = event.walk("VALARM")
        assert alarm.decoded("trigger") == dt.timedelta(days=-3)
        assert str(event["summary"]).startswith("Hạn: ")
    starts = [e.decoded("dtstart") for e in events]
    assert starts == sorted(starts)
    assert dt.date(2026, 12, 15) in starts  # the one-off duty deadline and the yearly report
    assert "thời hạn" in out


def test_deadline_on_a_holiday_is_flagged():
    deadlines = plan_deadlines(load_plan(PLAN).plan)
    tet = [d for d in deadlines if d.day == dt.date(2026, 2, 20)]  # mùng 4 Tết Bính Ngọ
    assert tet and all("ngày nghỉ" in d.note for d in tet)
    assert all(d.note == "" for d in deadlines if d.day == dt.date(2026, 6, 15))


def test_same_plan_same_calendar(run_cli, tmp_path):
    run_cli("calendar", PLAN, "-o", tmp_path / "a.ics")
    run_cli("calendar", PLAN, "-o", tmp_path / "b.ics")
    assert (tmp_path / "a.ics").read_bytes() == (tmp_path / "b.ics").read_bytes()


def test_tracking_sheet(run_cli, tmp_path):
    code, _, err = run_cli("calendar", PLAN, "-o", tmp_path / "l.ics", "--xlsx", tmp_path / "t.xlsx")
    assert code == 0, err
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("STT", "Cơ quan, đơn vị", "Nhiệm vụ", "Thời hạn")
    assert len(rows) - 1 == len(plan_deadlines(load_plan(PLAN).plan))
    assert all(r[7] == STATUSES[0] for r in rows[1:])
    assert isinstance(rows[1][3], dt.datetime)
    (validation,) = sheet.data_validations.dataValidation
    assert "Đã hoàn thành" in validation.formula1 and str(validation.sqref).startswith("H2")


def test_formula_like_agency_is_kept_as_text(tmp_path, run_cli):
    text = PLAN.read_text(encoding="utf-8").replace("- agency: Sở Nội vụ", '- agency: =HYPERLINK("x")', 1)
    plan = tmp_path / "p.yaml"
    plan.write_text(text, encoding="utf-8")
    code, _, err = run_cli("calendar", plan, "-o", tmp_path / "l.ics", "--xlsx", tmp_path / "t.xlsx")
    assert code == 0, err
    values = [c.value for row in openpyxl.load_workbook(tmp_path / "t.xlsx").active for c in row]
    assert '\'=HYPERLINK("x")' in values and not any(str(v).startswith("=") for v in values)


def test_no_overwrite_without_force(run_cli, tmp_path):
    target = tmp_path / "lich.ics"
    target.write_text("cũ", encoding="utf-8")
    code, _, err = run_cli("calendar", PLAN, "-o", target)
    assert code == 1 and "Không ghi đè" in err and target.read_text(encoding="utf-8") == "cũ"
    assert run_cli("calendar", PLAN, "-o", target, "--force")[0] == 0
