"""Each report the plan asks for is stated once, the same way, in the Kế hoạch, the calendar and the sheet.

A report named by both ``reporting:`` and a duty is one report; a quarter that ends with the
6-month period goes in the 6-month report; nothing the plan does not ask for appears; the
Kế hoạch's "Chế độ báo cáo" says who reports to whom, as the duties above it do; and dates in
running text are written one way (ND30: "ngày 15/6/2026", "trước ngày 05/01/2026").
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile

import pytest
from icalendar import Calendar
from lxml import etree
from test_every_output_checks_clean import assert_clean

from conftest import EXAMPLES
from dvtemplate.deadlines import plan_deadlines
from dvtemplate.documents import render_letter, render_plan
from dvtemplate.importer.parsers import parse_schedule
from dvtemplate.loading import load_plan, parse_plan_text
from dvtemplate.model.reports import plan_reports
from ooxml_valid import assert_valid_ooxml

PLAN = EXAMPLES / "ke-hoach-tinh-2026.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# a date in running text written another way: a month with a zero it does not take, or no zero on the day
OTHER_WAY = re.compile(r"\b(\d{1,2}/0[3-9]/\d{4}|\d/\d{1,2}/\d{4})\b")

DUTY_ONLY_QUARTERLY = """
        - text: Báo cáo kết quả thực hiện Kế hoạch này.
          schedule:
            entries:
              - {kind: monthly, day: 20}
              - {kind: quarterly, day: 15}"""


def _plan_text(**swaps: str) -> str:
    text = PLAN.read_text(encoding="utf-8")
    for old, new in swaps.items():
        assert old in text
        text = text.replace(old, new)
    return text


def _paragraphs(path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]


def _events(path) -> list:
    return list(Calendar.from_ical(path.read_bytes()).walk("VEVENT"))


def test_calendar_of_the_example_lists_each_report_once(run_cli, tmp_path):
    code, _, err = run_cli("calendar", PLAN, "-o", tmp_path / "l.ics")
    assert code == 0, err
    events = _events(tmp_path / "l.ics")
    texts = [str(e["summary"]) + "\n" + str(e["description"]) for e in events]
    assert not any("năm năm" in t for t in texts)
    units = [e for e in events if "UBND tỉnh (qua Sở Nội vụ)" in str(e["description"])]
    tasks = [str(e["description"]).split("Nội dung: ")[1].split("\n")[0] for e in units]
    # months 1, 2, 4, 5, 7, 8, 10, 11; quý I and III; 6 tháng đầu năm; năm: 12 reports, not 19 + 7
    assert len(tasks) == len(set(tasks)) == 12
    assert "Báo cáo kết quả thực hiện Kế hoạch 6 tháng đầu năm 2026" in tasks
    assert not any("quý II năm" in t or "quý IV năm" in t or "6 tháng cuối năm" in t or "tháng 12" in t for t in tasks)
    six = next(e for e in units if "6 tháng đầu năm 2026" in str(e["summary"]))
    assert six.decoded("dtstart") == dt.date(2026, 6, 15)
    assert "Gồm cả báo cáo quý II năm 2026; báo cáo tháng 6 năm 2026." in str(six["description"])
    days = [(e.decoded("dtstart"), str(e["description"]).split("\n")[0]) for e in units]
    assert len(days) == len(set(days))  # never two events for one report on one day
    # Sở Nội vụ's synthesis goes elsewhere: a report of its own, 6 tháng and năm
    synthesis = [e for e in events if "Ban Dân vận Tỉnh ủy" in str(e["description"])]
    assert [e.decoded("dtstart") for e in synthesis] == [dt.date(2026, 6, 20), dt.date(2026, 12, 20)]
    assert "Thời hạn: 15/6/2026" in str(six["description"])


def test_a_duty_naming_the_plans_report_adds_no_event():
    alone = load_plan(PLAN).plan
    without = alone.model_copy(update={"assignments": alone.assignments.model_copy(update={"items": []})})
    reports_only = [d for d in plan_deadlines(alone) if d.kind == "định kỳ" and "Ban Dân vận" not in d.report_to]
    reporting_only = [d for d in plan_deadlines(without) if d.kind == "định kỳ"]
    assert [(d.day, d.task) for d in reports_only] == [(d.day, d.task) for d in reporting_only]


def test_a_duty_asking_less_joins_the_plans_report_and_says_the_same(tmp_path):
    text = _plan_text(
        **{
            "        - text: Báo cáo kết quả thực hiện Kế hoạch này.\n          schedule:\n            entries:\n"
            "              - {kind: monthly, day: 20}\n              - {kind: quarterly, day: 15}": DUTY_ONLY_QUARTERLY,
        }
    )
    text = text.replace(
        "  entries:\n    - {kind: monthly, day: 20}\n    - {kind: quarterly, day: 15}\n", "  entries:\n"
    )  # `reporting:` keeps only 6 tháng and năm; the duty adds monthly and quarterly
    plan = parse_plan_text(text).plan
    (main, _synthesis) = plan_reports(plan)
    assert [e.kind for e in main.entries] == ["monthly", "quarterly", "half_year", "yearly"]
    paragraphs = _paragraphs(render_plan(plan, tmp_path).files[0])
    regime = paragraphs[paragraphs.index("4. Chế độ báo cáo") + 1]
    duty = next(p for p in paragraphs if p.startswith("c) Báo cáo kết quả thực hiện Kế hoạch này."))
    schedule = "định kỳ hằng tháng (trước ngày 20 hằng tháng), hằng quý (trước ngày 15 tháng cuối quý), 6 tháng"
    assert regime.startswith("Các sở, ban, ngành tỉnh; UBND các xã, phường, đặc khu " + schedule)
    assert regime.endswith("báo cáo kết quả về UBND tỉnh (qua Sở Nội vụ).")
    assert duty.endswith(regime[regime.index("định kỳ") + len("định kỳ") :])  # the same periods, dates, recipient


def test_chế_độ_báo_cáo_has_a_subject_without_duties(tmp_path):
    plan = load_plan(PLAN).plan
    plan = plan.model_copy(update={"assignments": None})
    paragraphs = _paragraphs(render_plan(plan, tmp_path).files[0])
    regime = paragraphs[paragraphs.index("1. Chế độ báo cáo") + 1]
    assert regime.startswith("Các cơ quan, đơn vị, địa phương định kỳ hằng tháng")
    assert regime.endswith("về UBND tỉnh (qua Sở Nội vụ).")


@pytest.mark.parametrize(
    "entries, expected",
    [
        ("[{kind: yearly, date: '15/12'}]", ["năm 2026"]),
        ("[{kind: quarterly, day: 15}]", ["quý I năm 2026", "quý II năm 2026", "quý III năm 2026", "quý IV năm 2026"]),
        ("[{kind: half_year, date: '15/06'}]", ["6 tháng đầu năm 2026", "6 tháng cuối năm 2026"]),
        (
            "[{kind: half_year, date: '15/06'}, {kind: yearly, date: '15/12'}]",
            ["6 tháng đầu năm 2026", "năm 2026"],
        ),
    ],
)
def test_no_report_the_plan_does_not_ask_for(entries, expected):
    text = PLAN.read_text(encoding="utf-8").split("\nassignments:")[0] + "\n" + _tail_without_assignments(entries)
    plan = parse_plan_text(text).plan
    tasks = [d.task for d in plan_deadlines(plan)]
    assert tasks == [f"Báo cáo kết quả thực hiện Kế hoạch {p}" for p in expected]


def _tail_without_assignments(entries: str) -> str:
    tail = PLAN.read_text(encoding="utf-8").split("\nreporting:")[1]
    tail = tail.split("  indicators:")[0].split("  entries:")[0] + "  entries: " + entries + "\n"
    rest = PLAN.read_text(encoding="utf-8").split("\nclosing:")[1]
    return "reporting:" + tail + "\nclosing:" + rest


def test_importer_reads_chế_độ_báo_cáo_back_with_its_subject_and_old_dates():
    schedule = parse_schedule(
        "Các sở, ban, ngành định kỳ 6 tháng (trước ngày 15/06), hằng năm (trước ngày 15/12) báo cáo kết quả về UBND tỉnh."
    )
    assert schedule is not None and schedule.to == "UBND tỉnh"
    assert [(e.kind, e.date) for e in schedule.entries] == [("half_year", "15/06"), ("yearly", "15/12")]


def test_dates_in_running_text_are_written_one_way(tmp_path):
    plan_file = render_plan(PLAN, tmp_path / "plan").files[0]
    letter = render_letter(PLAN, tmp_path / "letter", form=True)
    for path in [plan_file, *letter.files]:
        text = "\n".join(_paragraphs(path))
        assert not OTHER_WAY.search(text), (path.name, OTHER_WAY.findall(text))
    text = "\n".join(_paragraphs(plan_file))
    assert "ngày 03/6/2013" in text and "trước ngày 31/3/2026" in text and "(trước ngày 15/6)" in text
    assert "trước ngày 05/12/2025" in "\n".join(_paragraphs(letter.files[0]))
    assert_clean(plan_file, "plan")
    assert_valid_ooxml(plan_file)


def test_a_duty_giving_the_plans_report_another_date_is_warned_and_printed_once(run_cli, tmp_path):
    text = _plan_text(
        **{
            '              - {kind: half_year, date: "15/06"}\n              - {kind: yearly, date: "15/12"}\n'
            "          report_to: UBND tỉnh (qua Sở Nội vụ)": '              - {kind: half_year, date: "20/06"}\n'
            '              - {kind: yearly, date: "15/12"}\n          report_to: UBND tỉnh (qua Sở Nội vụ)'
        }
    )
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    code, _, err = run_cli("validate", path)
    assert code == 0 and "assignments.items[3].duties[3].schedule.entries[3]" in err
    assert "hạn khác (trước ngày 20/6, reporting: trước ngày 15/6)" in err
    paragraphs = _paragraphs(render_plan(parse_plan_text(text).plan, tmp_path / "out").files[0])
    assert not any("20/6" in p for p in paragraphs if "qua Sở Nội vụ" in p)
    six = [d for d in plan_deadlines(parse_plan_text(text).plan) if "6 tháng đầu năm" in d.task]
    assert [(d.day, d.agency) for d in six] == [
        (dt.date(2026, 6, 15), "Các sở, ban, ngành tỉnh; UBND các xã, phường, đặc khu"),
        (dt.date(2026, 6, 20), "Sở Nội vụ"),
    ]


def test_a_xã_reporting_up_is_the_subject_of_its_own_chế_độ_báo_cáo(tmp_path):
    paragraphs = _paragraphs(render_plan(EXAMPLES / "ke-hoach-xa-2026.yaml", tmp_path).files[0])
    heading = next(p for p in paragraphs if p.endswith(". Chế độ báo cáo"))
    regime = paragraphs[paragraphs.index(heading) + 1]
    assert regime.startswith("Ủy ban nhân dân xã Cam Hiệp định kỳ hằng tháng (trước ngày 20 hằng tháng)")
    assert regime.endswith("báo cáo kết quả về UBND tỉnh (qua Sở Nội vụ).")
