"""What a head of office checks first in the papers of a consultation: the numbers add up (a unit that
answered without being on the units list was still asked), the office that asks is not one of the
units it asks, and the đôn đốc cites the letter by the number the bản tổng hợp cites."""

from __future__ import annotations

import re
import zipfile

from commentdocs import reply_docx, write
from lxml import etree

from conftest import EXAMPLES

PLAN = EXAMPLES / "ke-hoach-tinh-2026.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CV = "Công văn số 215/SNV-XDCQ ngày 24/11/2025 của Sở Nội vụ"
ABOUT = "về việc lấy ý kiến góp ý dự thảo Kế hoạch thực hiện công tác dân vận chính quyền năm 2026"


def _text(path) -> str:
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    return "\n".join(
        "".join((t.text or "") if t.tag == f"{W}t" else "\n" for t in p.iter(f"{W}t", f"{W}br"))
        for p in root.iter(f"{W}p")
    )


def _scene(tmp_path):
    replies = tmp_path / "gop-y"
    agree = (
        f"Phúc đáp {CV} {ABOUT}, Ủy ban nhân dân xã Khánh Sơn thống nhất với nội dung dự thảo, không có ý kiến khác."
    )
    write(
        replies,
        "ks.docx",
        reply_docx(parent=None, issuer=["ỦY BAN NHÂN DÂN", "XÃ KHÁNH SƠN"], so="Số: 31/UBND-VP", body=[agree]),
    )
    # Sở Tư pháp answers (the letter went to "Các sở, ban, ngành tỉnh") but is not on the units list
    comment = f"Sở Tư pháp nhận được {CV} {ABOUT}. Đề nghị rà soát các căn cứ, bổ sung văn bản mới ban hành."
    second = "Tại khoản 2 Mục II: đề nghị làm rõ cách tính tỷ lệ hồ sơ giải quyết đúng hạn."
    write(replies, "stp.docx", reply_docx(so="Số: 2044/STP-VP", body=[comment, second]))
    units = tmp_path / "don-vi.csv"
    units.write_text(
        "Tên đơn vị,Cấp,Viết tắt\nỦy ban nhân dân xã Khánh Sơn,xã,\nỦy ban nhân dân đặc khu Trường Sa,đặc khu,\n"
        "Sở Nội vụ,sở,SNV\n",
        encoding="utf-8",
    )
    return replies, units


def test_counts_add_up_and_the_asking_office_is_not_asked(run_cli, tmp_path):
    replies, units = _scene(tmp_path)
    out = tmp_path / "out"
    code, _, err = run_cli("comments", PLAN, replies, "--units", units, "-o", out, "--to-trinh", "--remind")
    assert code == 0, err
    table = _text(next(out.glob("Ban-tong-hop-*.docx")))
    to_trinh = _text(next(out.glob("TTr-*.docx")))
    # 2 letters answered + 1 silent (Trường Sa) = 3 asked; Sở Nội vụ does not ask itself
    assert "đã gửi lấy ý kiến 03 cơ quan, đơn vị; đến nay đã nhận được 02 văn bản góp ý" in table
    assert "01 cơ quan, đơn vị không có văn bản trả lời" in table
    assert "dự thảo Kế hoạch của 03 cơ quan, đơn vị" in to_trinh
    silent = table.split("không có văn bản trả lời (được hiểu là thống nhất với dự thảo):", 1)[1]
    assert "- Ủy ban nhân dân đặc khu Trường Sa." in silent and "Sở Nội vụ." not in silent
    assert "Sở Nội vụ là cơ quan lấy ý kiến" in err
    reminder = _text(next(out.glob("CV-don-doc-gop-y-*.docx")))
    kinh_gui = reminder.split("Kính gửi", 1)[1].split("\n\n", 1)[0]
    assert "Trường Sa" in kinh_gui and "Sở Nội vụ." not in reminder.split("Sở Nội vụ đã có", 1)[0]


def test_the_đôn_đốc_cites_the_letter_as_the_bản_tổng_hợp_does(run_cli, tmp_path):
    replies, units = _scene(tmp_path)
    out = tmp_path / "out"
    code, _, err = run_cli("comments", PLAN, replies, "--units", units, "-o", out, "--remind")
    assert code == 0, err
    assert "Công văn số 215/SNV-XDCQ ngày 24/11/2025" in _text(next(out.glob("Ban-tong-hop-*.docx")))
    reminder = _text(next(out.glob("CV-don-doc-gop-y-*.docx")))
    assert "Sở Nội vụ đã có Công văn số 215/SNV-XDCQ ngày 24/11/2025 về việc lấy ý kiến" in reminder
    assert not re.search(r"Công văn số\s+/", reminder)


def test_part_headings_are_not_cut_after_a_dangling_lead_in(run_cli, tmp_path):
    """The phiếu's row for a chỉ tiêu: "…: 100% (năm 2026)", not "…: 100% (năm 2026); thực hiện"."""
    code, _, err = run_cli("letter", PLAN, "-o", tmp_path, "--form")
    assert code == 0, err
    text = _text(next(tmp_path.glob("Phieu-gop-y-*.docx")))
    lines = text.split("\n")
    row = lines[lines.index("Khoản 1 Mục III") + 1]
    assert row.endswith("về công tác dân vận: 100% (năm 2026)"), row
    assert not any(line.rstrip().endswith("; thực hiện") for line in lines)


def test_no_row_of_the_phiếu_góp_ý_is_cut_across_pages(run_cli, tmp_path):
    code, _, err = run_cli("letter", PLAN, "-o", tmp_path, "--form")
    assert code == 0, err
    with zipfile.ZipFile(next(tmp_path.glob("Phieu-gop-y-*.docx"))) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    rows = [tr for tr in root.iter(f"{W}tr") if "Mục" in "".join(t.text or "" for t in tr.iter(f"{W}t"))]
    assert len(rows) > 10
    assert all(tr.find(f"{W}trPr/{W}cantSplit") is not None for tr in rows[1:])  # the heading row repeats


def test_the_signature_of_the_bản_tổng_hợp_keeps_with_the_last_row(run_cli, tmp_path):
    """Only the last comment row keeps with the next paragraph (and that one with the signature), so
    the signature never stands alone on a page after the table; other rows flow freely."""
    replies, units = _scene(tmp_path)
    out = tmp_path / "out"
    assert run_cli("comments", PLAN, replies, "--units", units, "-o", out)[0] == 0
    with zipfile.ZipFile(next(out.glob("Ban-tong-hop-*.docx"))) as z:
        xml = z.read("word/document.xml")
    assert b"{%" not in xml and b"{{" not in xml
    body = etree.fromstring(xml).find(f"{W}body")
    tables = body.findall(f"{W}tbl")
    grid, signer = tables[-2], tables[-1]
    assert "Phạm Quốc Hùng" in "".join(t.text or "" for t in signer.iter(f"{W}t"))
    rows = grid.findall(f"{W}tr")[1:]  # the heading row repeats on each page

    def kept(tr):
        return [tc.find(f"{W}p/{W}pPr/{W}keepNext") is not None for tc in tr.findall(f"{W}tc")]

    assert len(rows) >= 2
    assert all(kept(rows[-1])) and not any(any(kept(tr)) for tr in rows[:-1])
    between = list(body)[list(body).index(grid) + 1 : list(body).index(signer)]
    assert between and all(p.find(f"{W}pPr/{W}keepNext") is not None for p in between)


def test_no_count_of_nil_is_written(run_cli, tmp_path):
    """Nobody agreed without comment, nothing was taken in part: neither "0 cơ quan, đơn vị thống nhất"
    nor "tiếp thu một phần 0 ý kiến" in the bản tổng hợp or the Tờ trình."""
    replies = tmp_path / "gop-y"
    body = [f"Sở Tư pháp nhận được {CV} {ABOUT}.", "Tại khoản 2 Mục II: đề nghị làm rõ cách tính tỷ lệ."]
    write(replies, "stp.docx", reply_docx(so="Số: 2044/STP-VP", body=body))
    out = tmp_path / "out"
    assert run_cli("comments", PLAN, replies, "-o", out)[0] == 0
    import openpyxl

    sheet = next(out.glob("Tiep-thu-*.xlsx"))
    book = openpyxl.load_workbook(sheet)
    book.worksheets[0].cell(2, 5).value = "Tiếp thu"
    book.save(sheet)
    code, _, err = run_cli("comments", PLAN, replies, "-o", out, "--responses", sheet, "--to-trinh", "--force")
    assert code == 0, err
    for doc in (next(out.glob("Ban-tong-hop-*.docx")), next(out.glob("TTr-*.docx"))):
        text = _text(doc)
        assert "đã nhận được 01 văn bản góp ý" in text
        assert "01 cơ quan, đơn vị có 01 ý kiến góp ý" in text
        assert "đã nghiên cứu, tiếp thu 01 ý kiến" in text
        assert not re.search(r"\b0 (cơ quan|ý kiến)", text), doc.name
