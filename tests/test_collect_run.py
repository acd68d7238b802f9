"""Issue 12: ``collect`` end to end — on time, late, duplicate, not sent, wrong period, .doc, PDF,
junk, a zip of returns — checked in the statuses, the totals, the báo cáo tổng hợp, the workbook
and the công văn đôn đốc (both pass ``check`` and the OOXML validator)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pytest
from collectfill import fill
from openxml_audit import OpenXmlValidator

from dvtemplate.batch import run_batch
from dvtemplate.check import check_docx
from dvtemplate.collect import run_collect
from dvtemplate.errors import OutputError
from dvtemplate.loading import load_plan

ROOT = Path(__file__).resolve().parent.parent
PROVINCE = ROOT / "examples" / "ke-hoach-tinh-2026.yaml"
A, B, C, D = (
    "Ủy ban nhân dân xã An Bình",
    "Ủy ban nhân dân xã Cam Hải",
    "Ủy ban nhân dân phường Nam Nha Trang",
    "Ủy ban nhân dân đặc khu Trường Sa",
)
INJECTION = '=HYPERLINK("http://x.invalid","bấm vào đây")'


def audit_errors(path: Path) -> list[str]:
    """OOXML schema errors, except the table-level ``w:jc`` order every template shares today
    (fixed on the ooxml branch, not here)."""
    result = OpenXmlValidator().validate(str(path))
    return [f"{e.path}: {e.description}" for e in result.errors if not (e.node == "jc" and e.path.endswith("tblPr[1]"))]


def _at(path: Path, day: dt.datetime) -> Path:
    os.utime(path, (day.timestamp(), day.timestamp()))
    return path


@pytest.fixture(scope="module")
def scene(tmp_path_factory):
    """Four units; A on time, B late, C twice (the newer in a zip), D not at all; junk around them."""
    plan = load_plan(PROVINCE).plan
    root = tmp_path_factory.mktemp("collect")
    units = root / "don-vi.csv"
    units.write_text("Tên đơn vị,Cấp\n" + "\n".join(f"{u},xã" for u in (A, B, C, D)) + "\n", encoding="utf-8")
    forms = run_batch(plan, units, "2026-H1", root / "forms", jobs=1).files
    blank = {f.name: f.read_bytes() for f in forms}

    def form(unit: str) -> bytes:
        return next(data for name, data in blank.items() if name.endswith(_slug(unit) + ".docx"))

    inbox = root / "hop-thu"
    inbox.mkdir()
    a = fill(
        form(A),
        {
            "dvt:item:1:result": "Tổ chức 3 hội nghị quán triệt.",
            "dvt:ind:doi-thoai": "10 cuộc",
            "dvt:ind:phan-anh": "100",
            "dvt:ind:ty-le-dung-han": "90%",
            "dvt:ind:kinh-phi": "1.234,5",
            "dvt:ind:mo-hinh": "Có",
            "dvt:difficulties": "Thiếu kinh phí.\n- Địa bàn rộng, dân cư phân tán",
            "dvt:proposals": INJECTION,
        },
    )
    _at(_write(inbox / "xa-an-binh-da-dien.docx", a), dt.datetime(2026, 6, 10, 9, 0))
    b = fill(
        form(B),
        {
            "dvt:item:1:result": "Quán triệt tại 5 thôn.",
            "dvt:ind:doi-thoai": "5",
            "dvt:ind:phan-anh": "1.300",
            "dvt:ind:ty-le-dung-han": "80",
            "dvt:ind:mo-hinh": "không",
            "dvt:difficulties": "thiếu kinh phí",
        },
    )
    _at(_write(inbox / "cam-hai.docx", b), dt.datetime(2026, 6, 20, 16, 0))
    c_old = fill(form(C), {"dvt:ind:doi-thoai": "1"})
    _at(_write(inbox / "nam-nha-trang-ban-dau.docx", c_old), dt.datetime(2026, 6, 1, 8, 0))
    c_new = fill(form(C), {"dvt:ind:doi-thoai": "7", "dvt:ind:kinh-phi": "mười triệu"})
    q2 = run_batch(plan, _write(root / "d.csv", f"Tên đơn vị\n{D}\n".encode()), "2026-Q2", root / "q2", jobs=1)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr(zipfile.ZipInfo("gui-lai/nam-nha-trang.docx", (2026, 6, 12, 9, 0, 0)), c_new)
        z.writestr(zipfile.ZipInfo("truong-sa-quy-2.docx", (2026, 6, 14, 9, 0, 0)), q2.files[0].read_bytes())
        z.writestr("long-nhau.zip", b"PK\x05\x06" + b"\0" * 18)
        z.writestr("ghi-chu.txt", "không phải mẫu")
    _write(root / "tai-ve.zip", archive.getvalue())
    _write(inbox / "bao-cao-cu.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    _write(inbox / "ban-scan.pdf", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\n")
    _write(inbox / "hong.docx", b"PK\x03\x04 this is not a zip")
    out = root / "tong-hop"
    result = run_collect(
        PROVINCE,
        "2026-H1",
        [inbox, root / "tai-ve.zip"],
        out,
        units_file=units,
        remind=True,
        today=dt.date(2026, 6, 22),
    )
    return {"plan": plan, "result": result, "out": out, "inbox": inbox, "root": root, "units": units, "a": a}


def _slug(unit: str) -> str:
    from dvtemplate.vn import safe_filename

    return safe_filename(unit, max_len=100)


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_statuses_duplicates_and_unreadable_files(scene):
    result = scene["result"]
    status = {r.unit.name: r.status for r in result.rows}
    assert status == {A: "on_time", B: "late", C: "on_time", D: "not_sent"}
    reasons = dict(result.problems)
    assert "nam-nha-trang-ban-dau.docx" in " ".join(reasons) and any("bản cũ hơn" in r for r in reasons.values())
    assert any("kỳ 2026-Q2" in r for r in reasons.values())
    assert "Word cũ (.doc)" in reasons["hop-thu/bao-cao-cu.doc"]
    assert "PDF" in reasons["hop-thu/ban-scan.pdf"]
    assert "hop-thu/hong.docx" in reasons
    assert any("lồng" in r for name, r in reasons.items() if name.endswith("long-nhau.zip"))
    assert not any(name.endswith("ghi-chu.txt") for name in reasons)  # not a form: skipped, not an error
    assert result.unreadable == 4  # .doc, PDF, junk, nested zip → exit status 1
    row_c = next(r for r in result.rows if r.unit.name == C)
    assert row_c.file.endswith("gui-lai/nam-nha-trang.docx")  # the newest copy
    assert row_c.answers["dvt:ind:kinh-phi"].status == "invalid"


def test_totals_as_the_plan_defines(scene):
    totals = scene["result"].totals
    assert totals["dvt:ind:doi-thoai"].value == 22  # 10 + 5 + 7 (not the older 1)
    assert totals["dvt:ind:phan-anh"].value == 1400
    # weighted by the number of phản ánh: (90·100 + 80·1300) / 1400
    assert totals["dvt:ind:ty-le-dung-han"].value == (Decimal(90) * 100 + Decimal(80) * 1300) / 1400
    kinh_phi = totals["dvt:ind:kinh-phi"]
    assert (kinh_phi.value, kinh_phi.reported, kinh_phi.invalid, kinh_phi.missing) == (Decimal("1234.5"), 1, 1, 1)
    assert totals["dvt:ind:mo-hinh"].value == 1  # one "Có"
    assert totals["dvt:ind:tiep-cong-dan"].value is None  # nobody reported: no total, not 0


def _body_and_appendix(document) -> tuple[list[str], list]:
    """Paragraph texts of the body (before the Phụ lục's section break) and the Phụ lục table."""
    texts = []
    for p in document.paragraphs:
        if p._p.find(f"{{{NS_W}}}pPr/{{{NS_W}}}sectPr") is not None:
            break
        texts.append(p.text)
    return texts, document.tables[-1]


NS_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def test_summary_is_a_synthesis_with_appendix(scene):
    path = scene["out"] / "BC-tong-hop-2026-H1.docx"
    report = check_docx(path)
    assert not report.errors, [str(f) for f in report.findings]
    assert audit_errors(path) == []
    document = docx.Document(str(path))
    texts, appendix = _body_and_appendix(document)
    joined = "\n".join(texts)
    assert "DỰ THẢO" in texts and "BÁO CÁO" in texts
    assert "Kính gửi: Ban Dân vận Tỉnh ủy." in texts
    sections = [t for t in texts if re.match(r"^[IVX]+\. ", t)]
    assert sections == [
        "I. TÌNH HÌNH TRIỂN KHAI",
        "II. KẾT QUẢ THỰC HIỆN",
        "III. ĐÁNH GIÁ CHUNG",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM",
        "V. KIẾN NGHỊ, ĐỀ XUẤT",
    ]
    for sub in (
        "1. Ưu điểm",
        "2. Hạn chế, khó khăn, vướng mắc",
        "3. Nguyên nhân",
        "2. Kết quả thực hiện các chỉ tiêu, chỉ số",
    ):
        assert sub in texts
    assert "Tổng số đơn vị phải báo cáo: 4; đã gửi và đọc được: 3 (đúng hạn: 2, trễ hạn: 1); chưa gửi: 1" in joined
    assert f"- Gửi trễ hạn (1 đơn vị): {B}." in texts and f"- Chưa gửi báo cáo (1 đơn vị): {D}." in texts
    assert "Có 4 tệp gửi về không đọc được" in joined and "hop-thu/ban-scan.pdf" in joined
    assert "- Nhiệm vụ 1 (Tuyên truyền, phổ biến các văn bản về công tác dân vận): 2/3 đơn vị" in joined
    # no paste: the units' own text is not in the body, only the points most units raised, counted
    assert "Tổ chức 3 hội nghị quán triệt" not in joined and "Quán triệt tại 5 thôn" not in joined
    assert f"- Thiếu kinh phí ({A}; {B})." in texts  # grouped: the same point from two units once
    assert "kiến nghị Ban Dân vận Tỉnh ủy" in joined  # addressed to the level above the signer
    # one table: indicator × target × result × units reporting × đạt / chưa đạt
    table = next(t for t in document.tables if t.rows[0].cells[1].text == "Chỉ tiêu, chỉ số")
    head = [c.text for c in table.rows[0].cells]
    assert head == ["STT", "Chỉ tiêu, chỉ số", "Đơn vị tính", "Kế hoạch", "Kết quả", "Số đơn vị báo cáo", "Đánh giá"]
    rows = {r.cells[1].text: [c.text for c in r.cells] for r in table.rows[1:]}
    assert len(rows) == 3 + 6
    first = rows["Tỷ lệ cán bộ, công chức, viên chức được quán triệt các văn bản về công tác dân vận"]
    assert first[3:] == ["100", "-", "0/3", "Chưa có số liệu"]
    assert rows["Số cuộc đối thoại trực tiếp với Nhân dân (tổng cộng)"][4:6] == ["22", "3/3"]
    rate = rows["Tỷ lệ phản ánh, kiến nghị được trả lời đúng hạn (bình quân gia quyền)"]
    assert rate[4] == "80,71"  # (90·100 + 80·1300) / 1400
    # the units that sent a form but left a figure blank are named under the table
    assert f"- Kinh phí chi cho công tác dân vận (2 đơn vị): {B}; {C}." in texts
    noi_nhan = [p.text for p in document.tables[-2].cell(0, 0).paragraphs if p.text.strip()]
    assert noi_nhan == ["Nơi nhận:", "- Như trên;", "- Lưu: VT, NV."]
    # the Phụ lục: landscape, one row per unit that sent its report, each area it filled a paragraph
    last = document.sections[-1]
    assert last.orientation == 1 and last.page_width > last.page_height  # WD_ORIENT.LANDSCAPE
    assert "Phụ lục" in [p.text for p in document.paragraphs]
    rows = {r.cells[1].text: [p.text for p in r.cells[2].paragraphs] for r in appendix.rows[1:]}
    assert list(rows) == [A, B, C]
    assert "Tuyên truyền, phổ biến các văn bản về công tác dân vận: Tổ chức 3 hội nghị quán triệt." in rows[A]
    assert "Khó khăn, vướng mắc: thiếu kinh phí" in rows[B]


def test_reminder_to_units_not_sent_or_late(scene):
    path = scene["out"] / "CV-don-doc-2026-H1.docx"
    report = check_docx(path)
    assert not report.errors, [str(f) for f in report.findings]
    assert audit_errors(path) == []
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    joined = "\n".join(texts)
    assert f"{D}." in texts and f"{B}." in texts
    assert A not in joined and C not in joined
    assert "trước ngày 15/6/2026" in joined and "trước ngày 29/6/2026" in joined  # 5 working days after 22/06


def test_workbook_rows_sha_values_and_no_formulas(scene):
    book = openpyxl.load_workbook(scene["out"] / "tong-hop-2026-H1.xlsx")
    sheet = book["Tổng hợp"]
    rows = list(sheet.iter_rows(values_only=True))
    header, body, totals = rows[0], rows[1:-1], rows[-1]
    assert [r[1] for r in body] == [A, B, C, D]
    assert [r[2] for r in body] == ["Đúng hạn", "Trễ hạn", "Đúng hạn", "Chưa gửi"]
    assert body[0][5] == hashlib.sha256(scene["a"]).hexdigest()
    column = header.index("Chỉ số: Số cuộc đối thoại trực tiếp với Nhân dân (cuộc)")
    assert [r[column] for r in body[:3]] == [10, 5, 7] and totals[column] == 22
    proposals = header.index("Đề xuất, kiến nghị")
    assert body[0][proposals] == "'" + INJECTION
    assert all(not (isinstance(v, str) and v.startswith("=")) for r in rows for v in r)
    assert {r[0] for r in book["Tệp không dùng"].iter_rows(min_row=2, values_only=True)} >= {"hop-thu/hong.docx"}


def test_rerun_needs_force_and_then_replaces(scene):
    with pytest.raises(OutputError):
        run_collect(PROVINCE, "2026-H1", [scene["inbox"]], scene["out"], units_file=scene["units"], remind=True)
    again = run_collect(PROVINCE, "2026-H1", [scene["inbox"]], scene["out"], units_file=scene["units"], force=True)
    assert {r.unit.name: r.status for r in again.rows}[C] == "on_time"  # the older copy only, still before the deadline


def test_cli_exit_status_and_summary_line(scene, run_cli, tmp_path):
    code, out, err = run_cli(
        "collect", PROVINCE, scene["inbox"], "--period", "2026-H1", "--units", scene["units"], "-o", tmp_path
    )
    assert code == 1  # the .doc, the PDF and the junk could not be read
    assert "Tổng hợp 4 đơn vị:" in out and "chưa gửi" in out
    assert "Không dùng 'hop-thu/ban-scan.pdf'" in err and "Traceback" not in out + err
    clean = tmp_path / "sach"
    clean.mkdir()
    (clean / "a.docx").write_bytes(scene["a"])
    code, out, _ = run_cli("collect", PROVINCE, clean, "--period", "2026-H1", "-o", tmp_path / "kq")
    assert code == 0
    assert "Tổng hợp 1 đơn vị: 0 đúng hạn, 1 trễ hạn, 0 chưa gửi" in out  # written today: after 15/06/2026
