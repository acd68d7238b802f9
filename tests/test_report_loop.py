"""Issue 20 items 4–5: the report form asks each unit what it is responsible for and nothing it must
delete before signing; ``collect`` reads the new answer areas into the synthesis and the Phụ lục; the
báo cáo tổng hợp's body does not grow with the number of units."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import docx
import pytest
from collectfill import fill

from dvtemplate.batch import run_batch
from dvtemplate.check import check_docx
from dvtemplate.collect import run_collect
from dvtemplate.collect.core import specs_for
from dvtemplate.collect.form import read_report_form
from dvtemplate.contexts.summary import summary_context
from dvtemplate.documents import render_report
from dvtemplate.errors import InputError
from dvtemplate.loading import load_plan
from dvtemplate.model import Period
from dvtemplate.model.forms import CAUSES_TAG, NEXT_TAG, STRENGTHS_TAG, WEAKNESSES_TAG

ROOT = Path(__file__).resolve().parent.parent
PROVINCE = ROOT / "examples" / "ke-hoach-tinh-2026.yaml"
UNITS_CSV = ROOT / "examples" / "don-vi.csv"


@pytest.fixture(scope="module")
def forms(tmp_path_factory):
    out = tmp_path_factory.mktemp("loop")
    result = run_batch(PROVINCE, UNITS_CSV, "2026-H1", out / "forms", jobs=1)
    return {p.name: p for p in result.files}


def _paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def _header_left(path: Path) -> list[str]:
    cell = docx.Document(str(path)).tables[0].cell(0, 0)
    return [p.text for p in cell.paragraphs if p.text.strip()]


def test_batch_commune_has_no_parent_line_agency_keeps_it(forms):
    commune = forms["BC-2026-H1-Uy-ban-nhan-dan-phuong-Nha-Trang.docx"]
    assert _header_left(commune) == ["ỦY BAN NHÂN DÂN", "PHƯỜNG NHA TRANG"]  # no "UBND TỈNH KHÁNH HÒA" above
    office = forms["BC-2026-H1-Trung-tam-Van-hoa-Thong-tin-The-thao-xa-Cam-Lam.docx"]
    assert _header_left(office)[0] == "UBND XÃ CAM LÂM"
    for path in forms.values():
        assert not check_docx(path).errors


def test_unit_not_asked_to_send_through_itself(forms):
    own = _paragraphs(forms["BC-2026-H1-So-Noi-vu.docx"])
    assert "Kính gửi: UBND tỉnh." in own
    assert "Kính gửi: UBND tỉnh (qua Sở Nội vụ)." in _paragraphs(forms["BC-2026-H1-Uy-ban-nhan-dan-xa-Khanh-Son.docx"])


def test_targets_asked_only_of_the_units_assigned(forms):
    def targets(name: str) -> list[str]:
        table = docx.Document(str(forms[name])).tables[1]
        return [r.cells[1].text.split(" ")[0:3] for r in table.rows[1:]]

    department = targets("BC-2026-H1-So-Noi-vu.docx")  # a sở: chỉ tiêu 1 (các sở), 2 (Sở Nội vụ), 3 (all)
    assert len(department) == 3
    commune = targets("BC-2026-H1-Uy-ban-nhan-dan-xa-Dien-Khanh.docx")
    assert len(commune) == 2 and ["Số", "mô", "hình"] not in commune
    office = docx.Document(str(forms["BC-2026-H1-Trung-tam-Van-hoa-Thong-tin-The-thao-xa-Cam-Lam.docx"]))
    assert len(office.tables[1].rows) == 2  # only chỉ tiêu 3, assigned to nobody in particular


def test_nothing_to_delete_before_signing(forms):
    path = forms["BC-2026-H1-Uy-ban-nhan-dan-xa-Dien-Khanh.docx"]
    document = docx.Document(str(path))
    body = "\n".join(p.text for p in document.paragraphs)
    assert "Mẫu dành cho" not in body and "gửi trước ngày" not in body and "Hạn gửi" not in body
    footer = "\n".join(p.text for p in document.sections[0].first_page_footer.paragraphs)
    assert "Mẫu dành cho: Ủy ban nhân dân xã Diên Khánh" in footer and "15/6/2026" in footer
    assert not any("<w:tab/>" in p._p.xml for p in document.paragraphs)  # no dotted leader anywhere
    sections = [p.text for p in document.paragraphs if p.style.name == "DV Mục"]
    assert sections[-4:] == ["1. Ưu điểm", "2. Hạn chế", "3. Nguyên nhân của hạn chế", "4. Khó khăn, vướng mắc"]


@pytest.mark.parametrize("name", ["Đảng ủy xã Cam Lâm", "Ban Dân vận Tỉnh ủy", "Ban Dân vận / Mặt trận xã Cam Lâm"])
def test_party_body_refused_by_report(tmp_path, name):
    with pytest.raises(InputError, match="của Đảng") as info:
        render_report(
            PROVINCE,
            tmp_path,
            period="2026-H1",
            unit=name,
            unit_fields={"abbreviation": "BDV", "signer_title": "Trưởng ban"},
        )
    assert name in info.value.message
    assert not list(tmp_path.iterdir())


def test_party_body_refused_by_batch_exit_2(run_cli, tmp_path):
    units = tmp_path / "don-vi.csv"
    units.write_text(
        "Tên đơn vị,Cấp,Viết tắt,Cơ quan chủ quản,Chức vụ người ký\n"
        "Ủy ban nhân dân xã An Bình,xã,,,\n"
        "Ban Dân vận / Mặt trận xã Cam Lâm,khác,BDV,Đảng ủy xã Cam Lâm,Trưởng ban\n",
        encoding="utf-8",
    )
    code, _out, err = run_cli("batch", PROVINCE, "--units", units, "--period", "2026-H1", "-o", tmp_path / "out")
    assert code == 2 and "Ban Dân vận / Mặt trận xã Cam Lâm" in err and "của Đảng" in err
    assert "Traceback" not in err and not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_new_answer_areas_read_back_into_synthesis_and_appendix(tmp_path, forms):
    inbox = tmp_path / "in"
    inbox.mkdir()
    values = {
        STRENGTHS_TAG: "Lãnh đạo quan tâm chỉ đạo.",
        WEAKNESSES_TAG: "Một số thôn chưa tổ chức đối thoại.",
        CAUSES_TAG: "Thiếu kinh phí.",
        NEXT_TAG: "Đối thoại ở các thôn còn lại.",
        "dvt:proposals": "Bố trí kinh phí đối thoại.",
    }
    names = ("BC-2026-H1-Uy-ban-nhan-dan-xa-Dien-Khanh.docx", "BC-2026-H1-Uy-ban-nhan-dan-xa-Khanh-Son.docx")
    plan = load_plan(PROVINCE).plan
    for name in names:
        data = fill(forms[name].read_bytes(), values)
        read = read_report_form(data, name, specs_for(plan))
        assert read.reader == "controls" and read.answers[CAUSES_TAG].raw == "Thiếu kinh phí."
        (inbox / name).write_bytes(data)
        when = dt.datetime(2026, 6, 10).timestamp()
        os.utime(inbox / name, (when, when))
    result = run_collect(PROVINCE, "2026-H1", [inbox], tmp_path / "out", units_file=UNITS_CSV)
    document = docx.Document(str(result.files[0]))
    texts = [p.text for p in document.paragraphs]
    both = "(Ủy ban nhân dân xã Diên Khánh; Ủy ban nhân dân xã Khánh Sơn)."
    for point in ("Lãnh đạo quan tâm chỉ đạo", "Thiếu kinh phí", "Đối thoại ở các thôn còn lại"):
        assert f"- {point} {both}" in texts
    assert "kiến nghị Ban Dân vận Tỉnh ủy quan tâm:" in "\n".join(texts)
    appendix = [[p.text for p in r.cells[2].paragraphs] for r in document.tables[-1].rows[1:]]
    assert len(appendix) == 2 and all(len(areas) == len(values) for areas in appendix)
    assert all("Nguyên nhân của hạn chế: Thiếu kinh phí." in areas for areas in appendix)


def _scaled(plan, units: int) -> dict:
    """The data of a collect over *units* communes, each reporting every area with its own text."""
    names = [f"Ủy ban nhân dân xã Số {i}" for i in range(units)]
    texts = [(n, f"Nội dung riêng của {n}: đã tổ chức {i} hội nghị.") for i, n in enumerate(names)]
    indicator = {
        "kind": "ind", "label": "Số cuộc đối thoại", "unit": "cuộc", "plan": "", "plan_value": None,
        "lower_is_better": False, "value": None, "result": "", "how": "sum", "reported": 0,
        "asked": units, "blank": names[:40], "blank_count": units,
    }  # fmt: skip
    return {
        "period": Period("half_year", plan.year, 1),
        "deadline": dt.date(plan.year, 6, 15),
        "counts": {"on_time": units // 2, "late": units // 4, "not_sent": units // 4, "unreadable": 0},
        "lists": {
            "on_time": names[: units // 2],
            "late": names[units // 2 : 3 * units // 4],
            "not_sent": names[3 * units // 4 :],
            "unreadable": [],
        },
        "other_files": 0,
        "unreadable_files": [],
        "total_units": units,
        "items": [("Nhiệm vụ", units)] * 4,
        "areas": {kind: texts for kind in ("strengths", "weaknesses", "causes", "next", "proposals")},
        "indicators": [indicator] * 9,
        "appendix": [(n, [("Nhiệm vụ", t)]) for n, t in texts],
    }


def test_body_bounded_at_3300_units():
    """At 3,300 units the body holds no unit's own text and stays a few pages: the names it lists are capped."""
    plan = load_plan(PROVINCE).plan
    small = summary_context(plan, _scaled(plan, 30))
    large = summary_context(plan, _scaled(plan, 3300))
    body = large["blocks"] + large["after_table"] + large["closing_blocks"]
    text = "\n".join(b["lead"] + b["text"] for b in body)
    assert "Nội dung riêng" not in text  # no paste: each point is unit-specific, so none is among the top ones
    assert len(body) <= len(small["blocks"] + small["after_table"] + small["closing_blocks"]) + 5
    assert len(body) < 80 and len(text) < 20_000  # ≈ 8 pages of 14 pt text with the table
    assert len(large["appendix"]) == 3300
