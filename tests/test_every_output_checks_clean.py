"""Every document dvtemplate writes passes `dvtemplate check` with no error.

Every example, every kind (plan, draft plan, letter with its appended draft, letter --separate,
report form), every period kind the example schedules, and a batch of every unit.
"""

from __future__ import annotations

import pytest

from conftest import EXAMPLE_PLANS, EXAMPLES
from dvtemplate.batch import run_batch
from dvtemplate.check import check_docx
from dvtemplate.documents import render_letter, render_plan, render_report
from dvtemplate.loading import load_plan

UNITS = EXAMPLES / "don-vi.csv"
PERIOD_OF_KIND = {"monthly": "-05", "quarterly": "-Q2", "half_year": "-H1", "yearly": ""}


def assert_clean(path, kind="auto"):
    report = check_docx(path, kind)
    assert not report.errors, "\n".join(f"{f.rule}: {f.message} «{f.text}»" for f in report.errors)


def cases():
    for source in EXAMPLE_PLANS:
        plan = load_plan(source).plan
        for entry in plan.reporting.entries if plan.reporting else []:
            yield source, f"{plan.year}{PERIOD_OF_KIND[entry.kind]}"


@pytest.mark.parametrize("source", EXAMPLE_PLANS, ids=lambda p: p.stem)
@pytest.mark.parametrize("draft", [False, True])
def test_plan_checks_clean(source, draft, tmp_path):
    loaded = load_plan(source)
    loaded.plan = loaded.plan.model_copy(update={"draft": draft})
    assert_clean(render_plan(loaded, tmp_path).files[0], "plan")


@pytest.mark.parametrize("separate", [False, True])
def test_letter_checks_clean(separate, tmp_path):
    result = render_letter(EXAMPLES / "ke-hoach-tinh-2026.yaml", tmp_path, separate=separate)
    assert len(result.files) == (2 if separate else 1)
    for path in result.files:
        assert_clean(path)


@pytest.mark.parametrize("source,period", list(cases()), ids=lambda v: getattr(v, "stem", v))
def test_report_form_checks_clean(source, period, tmp_path):
    path = render_report(source, tmp_path, period=period, unit="Ủy ban nhân dân xã Diên Khánh", units_file=UNITS).files[
        0
    ]
    assert_clean(path, "report")


def test_every_batch_form_checks_clean(tmp_path):
    result = run_batch(EXAMPLES / "ke-hoach-tinh-2026.yaml", UNITS, "2026-Q2", tmp_path, jobs=1)
    forms = sorted(tmp_path.glob("*.docx"))
    assert len(forms) >= 4
    for path in forms:
        assert_clean(path, "report")
    assert result is not None
