"""Issue 10 point 8: ``report --unit`` without a units list infers only what is safe; check flags a place that is not one."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from dvtemplate import check_docx, render_report
from dvtemplate.check._rules_header import place_problem
from dvtemplate.documents import unit_from_name
from dvtemplate.errors import InputError
from dvtemplate.model.units import Unit

ROOT = Path(__file__).resolve().parent.parent
PROVINCE = ROOT / "examples" / "ke-hoach-tinh-2026.yaml"


def _header(path: Path) -> list[str]:
    table = docx.Document(str(path)).tables[0]
    return [p.text for cell in table._cells for p in cell.paragraphs if p.text.strip()]


def _signer(path: Path) -> list[str]:
    cell = docx.Document(str(path)).tables[-1].cell(0, 1)
    return [p.text for p in cell.paragraphs if p.text.strip()]


@pytest.mark.parametrize(
    "name, level, place",
    [
        ("Ủy ban nhân dân xã An Bình", "xã", "An Bình"),
        ("UBND phường Tây Nha Trang", "phường", "Tây Nha Trang"),
        ("Ủy ban nhân dân đặc khu Trường Sa", "đặc khu", "Trường Sa"),
        ("Ủy ban nhân dân tỉnh Khánh Hòa", "tỉnh", "Khánh Hòa"),
        ("Ủy ban nhân dân thành phố Huế", "tỉnh", "Huế"),
    ],
)
def test_people_committee_inferred_from_name(name, level, place):
    unit = unit_from_name(name)
    assert (unit.level, unit.place_name, unit.symbol_abbreviation, unit.is_committee) == (level, place, "UBND", True)


@pytest.mark.parametrize("name", ["Sở Nội vụ", "Phòng Văn hóa - Xã hội", "Ban Dân vận xã Cam Lâm", "Văn phòng UBND"])
def test_other_units_need_abbreviation_and_signer(name):
    with pytest.raises(InputError) as info:
        unit_from_name(name)
    message = str(info.value)
    assert "abbreviation" in message and "signer_title" in message and name in message
    with pytest.raises(InputError, match="signer_title") as info:
        unit_from_name(name, abbreviation="ABC")
    assert "abbreviation" not in str(info.value).split("cần:")[1]


@pytest.mark.parametrize("name", ["Ủy ban nhân dân huyện Khánh Sơn", "UBND quận 1", "Ủy ban nhân dân thị trấn Tô Hạp"])
def test_abolished_levels_are_asked_not_guessed(name):
    with pytest.raises(InputError, match="hai cấp") as info:
        unit_from_name(name)
    assert "level" in str(info.value)


def test_agency_is_never_a_committee_by_level_column():
    assert not Unit(name="Phòng Văn hóa - Xã hội", level="xã", abbreviation="VHXH").is_committee
    assert Unit(name="Trường Sa", level="đặc khu").is_committee and Unit(name="Hội An", level="phường").is_committee
    with pytest.raises(ValueError, match="viết tắt"):
        Unit(name="Phòng Văn hóa - Xã hội", level="xã")


def test_cli_report_for_a_department(run_cli, tmp_path):
    code, out, err = run_cli("report", PROVINCE, "--period", "2026-Q2", "--unit", "Sở Nội vụ", "-o", tmp_path)
    assert code == 2 and "abbreviation" in err and "signer_title" in err and not list(tmp_path.iterdir())
    code, out, err = run_cli(
        "report", PROVINCE, "--period", "2026-Q2", "--unit", "Sở Nội vụ",
        "--abbreviation", "SNV", "--signer-title", "Giám đốc", "--parent", "UBND tỉnh Khánh Hòa", "-o", tmp_path,
    )  # fmt: skip
    assert code == 0, err
    path = tmp_path / "BC-2026-Q2-So-Noi-vu.docx"
    header = _header(path)
    assert "Số:      /BC-SNV" in [" ".join(h.split(" ")) for h in header] or any("/BC-SNV" in h for h in header)
    assert any(h.startswith("Khánh Hòa, ngày") for h in header) and not any(h.startswith("Sở") for h in header[1:])
    assert _signer(path)[0] == "GIÁM ĐỐC" and "TM. ỦY BAN NHÂN DÂN" not in _signer(path)
    assert "địa danh lấy theo kế hoạch" in err
    assert not check_docx(path).errors


def test_cli_report_for_a_commune_without_list(run_cli, tmp_path):
    code, out, err = run_cli(
        "report", PROVINCE, "--period", "2026-Q2", "--unit", "Ủy ban nhân dân xã An Bình", "-o", tmp_path
    )
    assert code == 0, err
    path = next(tmp_path.glob("*.docx"))
    assert any(h.startswith("An Bình, ngày") for h in _header(path)) and any("/BC-UBND" in h for h in _header(path))
    assert _signer(path)[:2] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]


def test_check_flags_agency_name_as_place(tmp_path):
    unit = Unit(name="Sở Nội vụ", level="sở", abbreviation="SNV", signer_title="Giám đốc", place="Khánh Hòa")
    path = render_report(PROVINCE, tmp_path, period="2026-Q2", unit=unit).files[0]
    assert "ND30-DATE-PLACE" not in check_docx(path).rule_ids()
    document = docx.Document(str(path))
    for cell in document.tables[0]._cells:
        for paragraph in cell.paragraphs:
            for run in paragraph.runs:
                run.text = run.text.replace("Khánh Hòa", "Sở Nội vụ")
    document.save(str(tmp_path / "bad.docx"))
    found = [f for f in check_docx(tmp_path / "bad.docx").errors if f.rule == "ND30-DATE-PLACE"]
    assert len(found) == 1 and "Sở Nội vụ" in found[0].message
    for bad in ("Sở Nội vụ", "Ủy ban nhân dân xã An Bình", "UBND tỉnh", "Phòng Nội vụ", "Ban Dân vận"):
        assert place_problem(bad)
    for good in (
        "Khánh Hòa",
        "An Bình",
        "Hà Nội",
        "Thành phố Hồ Chí Minh",
        "Bản Lầu",
        "Trường Sa",
        "Hội An",
        "Đoàn Kết",
    ):
        assert place_problem(good) is None
