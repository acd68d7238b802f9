"""`dvtemplate comments`: the bản tổng hợp, the answers workbook round trip, the Tờ trình, bad input."""

from __future__ import annotations

import zipfile

import docx
import openpyxl
import pytest
from commentdocs import LETTER_REF, PLAN, reply_docx

from dvtemplate import check_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
UNITS = (
    "Tên đơn vị,Cấp,Viết tắt\n"
    "Sở Tư pháp,sở,STP\n"
    "Ủy ban nhân dân phường Nha Trang,phường,\n"
    "Ủy ban nhân dân xã Diên Khánh,xã,\n"
    "Ủy ban nhân dân đặc khu Trường Sa,đặc khu,\n"
)
INTRO = f"Thực hiện {LETTER_REF}, đơn vị có ý kiến như sau:"
STP = [
    INTRO,
    "1. Tại điểm a khoản 1 Mục II: đề nghị bổ sung phổ biến Luật Tiếp công dân.",
    "2. Đề nghị rà soát chính tả.",
]
DK = [INTRO, "Tại mục 1 phần II, đề nghị bổ sung đối thoại với Nhân dân.", '=HYPERLINK("http://x") đề nghị làm rõ.']


def _replies(folder, extra=()):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "stp.docx").write_bytes(reply_docx(body=STP))
    (folder / "nt.docx").write_bytes(
        reply_docx(
            parent=None,
            issuer=["ỦY BAN NHÂN DÂN", "PHƯỜNG NHA TRANG"],
            so="Số: 45/UBND-VP",
            layout="lines",
            body=[f"Phúc đáp {LETTER_REF}, Ủy ban nhân dân phường thống nhất với nội dung dự thảo."],
        )
    )
    (folder / "dk.docx").write_bytes(reply_docx(parent=None, issuer=["UBND XÃ DIÊN KHÁNH"], so="Số: 7/UBND", body=DK))
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"0" * 64)
    for name, data in extra:
        (folder / name).write_bytes(data)


@pytest.fixture
def setup(tmp_path):
    (tmp_path / "units.csv").write_text(UNITS, encoding="utf-8")
    _replies(tmp_path / "replies")
    return tmp_path


def _table_doc(out):
    return docx.Document(next(out.glob("Ban-tong-hop-*.docx")))


def _rows(document):
    table = document.tables[-2]  # the comments table; the last one holds the signature
    return [[c.text for c in row.cells] for row in table.rows]


def test_comments_writes_table_workbook_and_lists_bad_files(setup, run_cli):
    out = setup / "out"
    code, stdout, stderr = run_cli(
        "comments", PLAN, setup / "replies", "--units", setup / "units.csv", "-o", out, "--to-trinh"
    )
    assert code == 1, stderr  # old.doc is listed, the rest is done
    assert "old.doc" in stderr and ".doc" in stderr
    assert "Traceback" not in stderr
    document = _table_doc(out)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "BẢN TỔNG HỢP, GIẢI TRÌNH, TIẾP THU Ý KIẾN GÓP Ý" in text
    assert "đã gửi lấy ý kiến 04 cơ quan, đơn vị; đến nay đã nhận được 03 văn bản góp ý" in text
    assert "01 cơ quan, đơn vị thống nhất với nội dung dự thảo" in text and "02 cơ quan, đơn vị có 04 ý kiến" in text
    assert "Ủy ban nhân dân phường Nha Trang (Công văn số 45/UBND-VP ngày 02/12/2025)" in text
    assert "Ủy ban nhân dân đặc khu Trường Sa" in text  # silent: counted as agreeing
    rows = _rows(document)
    assert rows[0] == ["STT", "Phần của dự thảo", "Đơn vị góp ý", "Nội dung góp ý", "Ý kiến tiếp thu, giải trình"]
    body = rows[1:]
    dk, stp = "Ủy ban nhân dân xã Diên Khánh", "Sở Tư pháp"
    assert [r[2] for r in body] == [dk, stp, dk, stp]  # the draft's order: khoản 1 before its điểm a
    assert body[0][1].startswith("Khoản 1 Mục II\n") and body[1][1].startswith("Điểm a khoản 1 Mục II\n")
    assert body[2][1] == body[3][1] == "Ý kiến chung"  # general comments last, one group
    assert body[2][3] == DK[2]  # verbatim, even text that looks like a formula
    assert [r[0] for r in body] == ["1", "2", "3", "4"]  # each comment numbered
    # no merged cells: every row names its part, so a group running onto the next page still shows it;
    # the header row repeats on every page
    tr = document.tables[-2]._tbl.findall(f"{W}tr")
    assert not document.tables[-2]._tbl.findall(f".//{W}vMerge")
    assert tr[0].find(f"{W}trPr/{W}tblHeader") is not None
    # landscape section for the table
    assert document.sections[-1].page_width > document.sections[-1].page_height
    assert document.sections[0].page_width < document.sections[0].page_height


def test_outputs_pass_check_and_ooxml_validator(setup, run_cli):
    from openxml_audit import OpenXmlValidator

    out = setup / "out"
    run_cli("comments", PLAN, setup / "replies", "--units", setup / "units.csv", "-o", out, "--to-trinh")
    files = sorted(out.glob("*.docx"))
    assert len(files) == 2
    for f in files:
        report = check_docx(f)
        assert report.errors == [], [e.message for e in report.errors]
        result = OpenXmlValidator().validate(str(f))
        assert result.is_valid, [str(e) for e in result.errors][:3]
    tt = docx.Document(next(out.glob("TTr-*.docx")))
    text = "\n".join(p.text for p in tt.paragraphs)
    assert "TỜ TRÌNH" in text and "Kính gửi: Ủy ban nhân dân tỉnh Khánh Hòa." in text
    assert "Về việc ban hành Kế hoạch thực hiện công tác dân vận chính quyền năm 2026" in text
    assert "Căn cứ Nghị quyết số 25-NQ/TW" in text and "- Bản tổng hợp, giải trình, tiếp thu ý kiến góp ý;" in text
    closing = [c.text for row in tt.tables[-1].rows for c in row.cells]
    assert "Nơi nhận:\n- Như trên;" in closing[0]
    assert "Số:" in tt.tables[0].cell(1, 0).text and "/TTr-SNV" in tt.tables[0].cell(1, 0).text


def test_responses_round_trip(setup, run_cli):
    out = setup / "out"
    run_cli("comments", PLAN, setup / "replies", "--units", setup / "units.csv", "-o", out)
    sheet_path = next(out.glob("Tiep-thu-*.xlsx"))
    with zipfile.ZipFile(sheet_path) as z:
        assert "<f>" not in z.read("xl/worksheets/sheet1.xml").decode()  # no formula injected
    book = openpyxl.load_workbook(sheet_path)
    ws = book.worksheets[0]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 4 and all(r[0].startswith("GY-") for r in rows)
    assert ws.data_validations.dataValidation and ws["D5"].data_type == "s"
    ids = [r[0] for r in rows]
    ws["E2"], ws["F2"] = "Tiếp thu", "Đã bổ sung vào điểm a."
    ws["E3"], ws["F3"] = "Giải trình, giữ nguyên dự thảo", "Đã có ở khoản 3."
    ws.append(["GY-DEADBEEF", "Mục I", "Sở Cũ", "Ý kiến đã rút", "Tiếp thu", "x"])
    filled = setup / "tra-loi.xlsx"
    book.save(filled)
    # a new reply arrives; the answers follow their comments by id
    (setup / "replies" / "late.docx").write_bytes(
        reply_docx(
            parent=None,
            issuer=["UBND ĐẶC KHU TRƯỜNG SA"],
            so="Số: 9/UBND",
            body=[INTRO, "Tại khoản 1 Mục IV: giao thêm nhiệm vụ."],
        )
    )
    out2 = setup / "out2"
    code, stdout, stderr = run_cli(
        "comments", PLAN, setup / "replies", "--units", setup / "units.csv", "-o", out2, "--responses", filled
    )
    assert "GY-DEADBEEF" in stderr  # the orphaned answer is listed
    rows2 = {
        r[0]: r
        for r in openpyxl.load_workbook(next(out2.glob("Tiep-thu-*.xlsx")))
        .worksheets[0]
        .iter_rows(min_row=2, values_only=True)
    }
    assert len(rows2) == 5
    assert rows2[ids[0]][4:6] == ("Tiếp thu", "Đã bổ sung vào điểm a.")
    assert rows2[ids[1]][4] == "Giải trình, giữ nguyên dự thảo"
    book2 = openpyxl.load_workbook(next(out2.glob("Tiep-thu-*.xlsx")))
    assert [r[0] for r in book2["Không còn ý kiến"].iter_rows(min_row=2, values_only=True)] == ["GY-DEADBEEF"]
    document = _table_doc(out2)
    answers = [r[4] for r in _rows(document)[1:]]
    assert "Tiếp thu: Đã bổ sung vào điểm a." in answers
    assert "Giải trình, giữ nguyên dự thảo: Đã có ở khoản 3." in answers
    text = "\n".join(p.text for p in document.paragraphs)
    assert "tiếp thu 01 ý kiến, giải trình 01 ý kiến; còn 03 ý kiến chưa" in text


def test_missing_letter_and_bad_responses_are_input_errors(setup, run_cli, tmp_path):
    bad = tmp_path / "x.xlsx"
    bad.write_bytes(b"not a workbook")
    code, _, stderr = run_cli(
        "comments", PLAN, setup / "replies", "--units", setup / "units.csv", "-o", tmp_path / "o", "--responses", bad
    )
    assert code == 2 and "x.xlsx" in stderr and "Traceback" not in stderr
