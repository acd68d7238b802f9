"""Issue 4: the periodic report form — ND30 properties, every period kind, deadlines, errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from dvtemplate.check import check_docx
from dvtemplate.contexts.report import report_base, report_context
from dvtemplate.documents import render_report
from dvtemplate.errors import InputError
from dvtemplate.loading import load_plan
from dvtemplate.model.periods import resolve_period
from dvtemplate.model.units import Unit
from dvtemplate.vn import short_date
from nd30 import assert_nd30, effective

ROOT = Path(__file__).resolve().parent.parent
PROVINCE = ROOT / "examples" / "ke-hoach-tinh-2026.yaml"  # monthly day 20, quarterly day 15, 15/06, 15/12
COMMUNE = ROOT / "examples" / "ke-hoach-xa-2026.yaml"  # monthly, half_year, yearly (no quarterly)


@pytest.fixture(scope="module")
def plan():
    return load_plan(PROVINCE).plan


@pytest.mark.parametrize(
    "period, deadline, phrase",
    [
        ("2026-05", dt.date(2026, 5, 20), "tháng 5 năm 2026"),
        ("2026-02", dt.date(2026, 2, 20), "tháng 02 năm 2026"),
        ("2026-Q2", dt.date(2026, 6, 15), "quý II năm 2026"),
        ("2026-Q4", dt.date(2026, 12, 15), "quý IV năm 2026"),
        ("2026-H1", dt.date(2026, 6, 15), "6 tháng đầu năm 2026"),
        ("2026-H2", dt.date(2026, 12, 15), "6 tháng cuối năm 2026"),
        ("2026", dt.date(2026, 12, 15), "năm 2026"),
    ],
)
def test_deadline_and_wording_per_period(plan, period, deadline, phrase):
    base = report_base(plan, period)
    assert base["deadline"] == short_date(deadline)  # ND30 running text: 15/6/2026
    assert base["subject"].endswith(phrase)
    ctx = report_context(plan, period, Unit(name="Ủy ban nhân dân xã An Bình"))
    assert "gửi trước ngày" not in ctx["lead"]  # the deadline is not restated in what the unit signs
    assert f"trước ngày {short_date(deadline)}" in ctx["instruction"]
    assert "Kế hoạch số 09/KH-UBND ngày 08/01/2026 của Ủy ban nhân dân tỉnh Khánh Hòa" in ctx["lead"]


@pytest.mark.parametrize("period", ["2026-05", "2026-Q3", "2026-H1", "2026"])
def test_every_period_kind_renders_and_passes_nd30(tmp_path, plan, period):
    unit = Unit(
        name="Phòng Văn hóa - Xã hội xã Cam Lâm",
        level="khác",
        abbreviation="VHXH",
        place="Cam Lâm",
        parent="UBND xã Cam Lâm",
        signer_title="Trưởng phòng",
    )
    result = render_report(plan, tmp_path, period=period, unit=unit)
    path = result.files[0]
    assert "/" not in path.name and path.name.isascii() and path.parent == tmp_path
    assert path.name == f"BC-{resolve_period(plan, period).code}-Phong-Van-hoa-Xa-hoi-xa-Cam-Lam.docx"
    assert_nd30(path, "report")
    report = check_docx(path)
    assert report.kind == "report" and not report.errors, [str(f) for f in report.findings]
    document = docx.Document(str(path))
    header = document.tables[0]
    left = [p.text for p in header.cell(0, 0).paragraphs if p.text.strip()]
    # a name too long for the column breaks before its place, as offices write it
    assert left[0] == "UBND XÃ CAM LÂM" and left[1].startswith("PHÒNG VĂN HÓA") and left[-1].endswith("CAM LÂM")
    so = [p.text for p in header.cell(1, 0).paragraphs if p.text.startswith("Số")][0]
    assert so.replace(" ", "") == "Số:/BC-VHXH"
    date = [p.text for p in header.cell(1, 1).paragraphs if p.text.strip()][0]
    assert date.startswith("Cam Lâm, ngày ") and "tháng  " in date and date.endswith("năm 2026")


def test_form_content(tmp_path, plan):
    path = render_report(plan, tmp_path, period="2026-Q2", unit="Ủy ban nhân dân xã An Bình").files[0]
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    assert "BÁO CÁO" in texts
    subject = texts[texts.index("BÁO CÁO") + 1]
    assert subject == "Kết quả thực hiện Kế hoạch công tác dân vận chính quyền quý II năm 2026"
    assert "Kính gửi: UBND tỉnh (qua Sở Nội vụ)." in texts
    items = [p for p in document.paragraphs if p.style.name == "DV Mục"]
    headings = [p.text for p in items]
    n = len(plan.all_items())
    assert [h.split(". ", 1)[0] for h in headings[:n]] == [str(i) for i in range(1, n + 1)]
    assert headings[0] == "1. Tuyên truyền, phổ biến các văn bản về công tác dân vận"
    assert headings[n:] == ["1. Ưu điểm", "2. Hạn chế", "3. Nguyên nhân của hạn chế", "4. Khó khăn, vướng mắc"]
    sections = [p.text for p in document.paragraphs if p.style.name == "DV Phần"]
    assert sections == [
        "I. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ",
        "II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
        "III. SỐ LIỆU CÁC CHỈ SỐ",
        "IV. ĐÁNH GIÁ CHUNG",
        "V. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ TỚI",
        "VI. ĐỀ XUẤT, KIẾN NGHỊ",
    ]
    # the answer area is the control alone: no dotted leader (a tab) left after what the unit types
    elements = [p._p for p in document.paragraphs]
    after_first = document.paragraphs[elements.index(items[0]._p) + 1]
    assert after_first._p.find(qn("w:sdt")) is not None and "<w:tab/>" not in after_first._p.xml
    assert not any("<w:tab/>" in p._p.xml for p in document.paragraphs if p.style.name == "DV Dòng chấm")
    # targets table: header bold, text 13 pt, one row per target, plan values filled in, results empty
    table = document.tables[1]
    head = [c.text for c in table.rows[0].cells]
    assert head == ["STT", "Chỉ tiêu", "Kế hoạch", "Kết quả", "Tỷ lệ %", "Ghi chú"]
    for cell in table.rows[0].cells:
        p = cell.paragraphs[0]
        assert all(effective(r, p, "bold") for r in p.runs)
    # a xã is asked chỉ tiêu 1 (assigned to the xã) and 3 (assigned to nobody: all), not 2 (the Sở Nội vụ's)
    assert [r.cells[1].text[:20] for r in table.rows[1:]] == [t.text[:20] for t in plan.targets.items[::2]]
    first = [c.text for c in table.rows[1].cells]
    assert first[0] == "1" and first[2] == "100%" and first[3] == first[4] == ""
    for row in table.rows:
        for cell in row.cells:
            for p in cell.paragraphs:
                for r in p.runs:
                    if r.text.strip():
                        assert effective(r, p, "size").pt == 13
    closing = document.tables[-1]
    noi_nhan = [p.text for p in closing.cell(0, 0).paragraphs if p.text.strip()]
    assert noi_nhan == ["Nơi nhận:", "- Như trên;", "- Lưu: VT."]  # the collector is under "Kính gửi"
    signer = [p.text for p in closing.cell(0, 1).paragraphs if p.text.strip()]
    assert signer[:2] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"] and set(signer[-1]) == {"…"}


def test_unscheduled_period_lists_the_scheduled_ones():
    commune = load_plan(COMMUNE).plan
    with pytest.raises(InputError) as exc:
        resolve_period(commune, "2026-Q2")
    message = exc.value.message
    assert "hằng quý" in message and "hằng tháng (ví dụ 2026-05)" in message
    assert "6 tháng (ví dụ 2026-H1)" in message and "hằng năm (ví dụ 2026)" in message
    with pytest.raises(InputError, match="ngoài thời gian của kế hoạch"):
        resolve_period(commune, "2027-H1")
    with pytest.raises(InputError, match="không hợp lệ"):
        resolve_period(commune, "2026-Q5")


def test_cli_report(run_cli, tmp_path):
    units = ROOT / "examples" / "don-vi.csv"
    code, out, err = run_cli(
        "report",
        PROVINCE,
        "--period",
        "2026-H1",
        "--unit",
        "ủy ban nhân dân  đặc khu Trường Sa",
        "--units",
        units,
        "-o",
        tmp_path,
    )
    assert code == 0, err
    path = tmp_path / "BC-2026-H1-Uy-ban-nhan-dan-dac-khu-Truong-Sa.docx"
    assert path.exists() and f"Đã ghi: {path}" in out
    assert_nd30(path, "report")
    path.write_bytes(path.read_bytes() + b"\0")  # edited since: never overwritten without --force
    code, out, err = run_cli(
        "report",
        PROVINCE,
        "--period",
        "2026-H1",
        "--unit",
        "Ủy ban nhân dân đặc khu Trường Sa",
        "--units",
        units,
        "-o",
        tmp_path,
    )
    assert code == 1 and "Không ghi đè" in err and "Traceback" not in err
    code, out, err = run_cli("report", COMMUNE, "--period", "2026-Q1", "--unit", "Xã Hòa", "-o", tmp_path / "x")
    assert code == 2 and "hằng quý" in err and not (tmp_path / "x").exists()
    code, out, err = run_cli(
        "report", PROVINCE, "--period", "2026", "--unit", "Không Có", "--units", units, "-o", tmp_path
    )
    assert code == 2 and "Không có đơn vị 'Không Có'" in err


def test_unknown_unit_suggests_the_closest_names(run_cli, tmp_path):
    code, _, err = run_cli(
        "report",
        COMMUNE,
        "--period",
        "2026-05",
        "--unit",
        "UBND xã Dien Khanh",
        "--units",
        ROOT / "examples" / "don-vi.xlsx",
        "-o",
        tmp_path,
    )
    assert code == 2 and "có phải: Ủy ban nhân dân xã Diên Khánh?" in err
    assert not list(tmp_path.iterdir())
