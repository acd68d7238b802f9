"""Replies written the way offices write them → the counts, the bản tổng hợp and the Tờ trình a head
of office signs: framing is never a comment, agreement is found inside any framing, bullets and
tables of comments are read, and both documents say the same numbers."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import openpyxl
import pytest
from commentdocs import PLAN, reply_docx

from dvtemplate import check_docx
from dvtemplate.comments import draft_parts
from dvtemplate.comments.reply import Expected, read_reply_blocks
from dvtemplate.documents import render_comments
from dvtemplate.docx import open_package, read_document
from dvtemplate.loading import load_plan
from dvtemplate.model.wording import AGREED_PHRASE
from dvtemplate.vn import BLANK, quantity

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CV = "Công văn số 215/SNV-XDCQ ngày 24/11/2025 của Sở Nội vụ"
ABOUT = "về việc lấy ý kiến góp ý dự thảo Kế hoạch thực hiện công tác dân vận chính quyền năm 2026"


def opening(unit: str) -> str:
    return f"{unit} nhận được {CV} {ABOUT}."


# opening + agreement only (the agreement inside the opening's paragraph), closing after it
AGREE_ONLY = dict(
    body=[
        opening("Sở Tư pháp")
        + " Sau khi nghiên cứu, Sở Tư pháp thống nhất với nội dung dự thảo, không có ý kiến khác.",
        "Trên đây là ý kiến góp ý của Sở Tư pháp, trân trọng gửi Sở Nội vụ tổng hợp./.",
    ]
)
# opening + numbered comments + closing
NUMBERED = dict(
    issuer=["SỞ TÀI CHÍNH"],
    so="Số: 1208/STC-HCSN",
    body=[
        opening("Sở Tài chính"),
        "Sau khi nghiên cứu, Sở Tài chính có ý kiến như sau:",
        "1. Tại điểm a khoản 1 Mục II: đề nghị nêu rõ nguồn kinh phí biên soạn tài liệu.",
        "2. Đề nghị rà soát lại thể thức trình bày dự thảo.",
        "Trên đây là ý kiến của Sở Tài chính, kính gửi Sở Nội vụ tổng hợp, hoàn thiện dự thảo.",
    ],
)
# comments as "- " bullets under a framing sentence, closing with "trân trọng gửi … tổng hợp"
BULLETS = dict(
    parent=None,
    issuer=["ỦY BAN NHÂN DÂN", "PHƯỜNG NHA TRANG"],
    so="Số: 45/UBND-VP",
    body=[
        f"Phúc đáp {CV} {ABOUT}, Ủy ban nhân dân phường Nha Trang cơ bản thống nhất với dự thảo và góp ý như sau:",
        "- Tại khoản 4 Mục II: đề nghị bổ sung tiêu chí công nhận mô hình “Dân vận khéo” cấp xã.",
        "- Tại khoản 1 Mục IV: đề nghị giao Sở Nội vụ hướng dẫn cách chấm điểm mô hình.",
        "Ủy ban nhân dân phường Nha Trang trân trọng gửi Sở Nội vụ tổng hợp.",
    ],
)
# comments in a table (STT | Nội dung dự thảo | Ý kiến góp ý | Lý do)
TABLE = dict(
    parent=None,
    issuer=["UBND XÃ DIÊN KHÁNH"],
    so="Số: 07/UBND",
    body=[opening("Ủy ban nhân dân xã Diên Khánh") + " Ủy ban nhân dân xã có ý kiến góp ý như sau:"],
    table=[
        ["STT", "Nội dung dự thảo", "Ý kiến góp ý", "Lý do"],
        ["1", "Điểm b khoản 1 Mục II", "Đề nghị tăng lên 04 kỳ mỗi tháng.", "Đáp ứng nhu cầu thông tin."],
        ["2", "Khoản 2 Mục II", "Đề nghị bổ sung chỉ tiêu hồ sơ trực tuyến.", ""],
        ["3", "Mục III", "Thống nhất.", ""],
    ],
    after=["Trên đây là ý kiến của Ủy ban nhân dân xã Diên Khánh./."],
)
UNITS = (
    "Tên đơn vị,Cấp,Viết tắt\nSở Tư pháp,sở,STP\nSở Tài chính,sở,STC\nỦy ban nhân dân phường Nha Trang,phường,\n"
    "Ủy ban nhân dân xã Diên Khánh,xã,\nCông an tỉnh,khác,CAT\n"
)


@pytest.fixture(scope="module")
def plan():
    return load_plan(PLAN).plan


def _read(fields: dict, plan):
    data = reply_docx(**fields)
    return read_reply_blocks(
        read_document(open_package(data, name="r.docx")), "r.docx", draft_parts(plan), Expected(plan.title, "SNV-XDCQ")
    )


@pytest.mark.parametrize(
    ("fields", "kind", "texts"),
    [
        (AGREE_ONLY, "agree", []),
        (
            NUMBERED,
            "comments",
            [
                "Tại điểm a khoản 1 Mục II: đề nghị nêu rõ nguồn kinh phí biên soạn tài liệu.",
                "Đề nghị rà soát lại thể thức trình bày dự thảo.",
            ],
        ),
        (
            BULLETS,
            "comments",
            [
                "Tại khoản 4 Mục II: đề nghị bổ sung tiêu chí công nhận mô hình “Dân vận khéo” cấp xã.",
                "Tại khoản 1 Mục IV: đề nghị giao Sở Nội vụ hướng dẫn cách chấm điểm mô hình.",
            ],
        ),
        (
            TABLE,
            "comments",
            [
                "Điểm b khoản 1 Mục II: Đề nghị tăng lên 04 kỳ mỗi tháng. Lý do: Đáp ứng nhu cầu thông tin.",
                "Khoản 2 Mục II: Đề nghị bổ sung chỉ tiêu hồ sơ trực tuyến.",
            ],
        ),
    ],
    ids=["agreement-only", "numbered", "bullets", "table"],
)
def test_framing_is_never_a_comment(plan, fields, kind, texts):
    reply = _read(fields, plan)
    assert reply.kind == kind
    assert [c.text for c in reply.comments] == texts


@pytest.mark.parametrize(
    "sentence",
    [
        "Sau khi nghiên cứu, Sở Tư pháp nhất trí hoàn toàn với toàn bộ nội dung của dự thảo.",
        "Qua nghiên cứu, đơn vị thống nhất với dự thảo Kế hoạch và không có ý kiến gì thêm.",
        f"Phúc đáp {CV}, Sở Tư pháp không có ý kiến góp ý.",
        "Sở Tư pháp cơ bản đồng ý với dự thảo, không có ý kiến bổ sung. Trân trọng./.",
        "Ngày 24/11/2025, Sở Nội vụ có Công văn số 215/SNV-XDCQ đề nghị góp ý dự thảo. Sở Tư pháp không có ý kiến.",
        "Đơn vị thống nhất 100% nội dung dự thảo. Đề nghị Sở Nội vụ tổng hợp, trình Ủy ban nhân dân tỉnh ban hành.",
        "Đối với khoản 2 Mục II, không có ý kiến. Rất mong nhận được sự quan tâm của Quý Sở.",
    ],
)
def test_agreement_is_found_whatever_frames_it(plan, sentence):
    reply = _read(dict(body=[opening("Sở Tư pháp"), sentence, "Trên đây là ý kiến của Sở Tư pháp."]), plan)
    assert (reply.kind, reply.comments) == ("agree", [])


def test_a_comment_that_opens_like_framing_is_kept(plan):
    text = "Sau khi nghiên cứu dự thảo, đề nghị bổ sung nhiệm vụ đối thoại tại khoản 3 Mục II."
    reply = _read(dict(body=[opening("Sở Tư pháp"), text]), plan)
    assert [c.text for c in reply.comments] == [text]
    assert reply.comments[0].part.key == (2, 3, "")


def test_signature_typed_into_the_body_is_not_a_comment(plan):
    body = [opening("Sở Tư pháp"), "Đề nghị rà soát chính tả.", "Trân trọng./.", "KT. GIÁM ĐỐC", "Nguyễn Văn An"]
    reply = _read(dict(body=body), plan)
    assert [c.text for c in reply.comments] == ["Đề nghị rà soát chính tả."]


@pytest.mark.parametrize(
    ("fields", "agreed", "commenting", "comments"),
    [(AGREE_ONLY, 1, 0, 0), (NUMBERED, 0, 1, 2), (BULLETS, 0, 1, 2), (TABLE, 0, 1, 2)],
    ids=["agreement-only", "numbered", "bullets", "table"],
)
def test_each_way_of_writing_gives_the_right_counts_in_both_documents(tmp_path, fields, agreed, commenting, comments):
    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "reply.docx").write_bytes(reply_docx(**fields))
    (tmp_path / "units.csv").write_text(UNITS, encoding="utf-8")
    result = render_comments(PLAN, [tmp_path / "r"], tmp_path / "o", units_file=tmp_path / "units.csv", to_trinh=True)
    table = next(f for f in result.files if f.name.startswith("Ban-tong-hop"))
    tt = next(f for f in result.files if f.name.startswith("TTr-"))
    for path in (table, tt):
        text = _text(path)
        assert "đã nhận được 01 văn bản góp ý" in text
        # a nil count is left out ("0 cơ quan, đơn vị …" is not written)
        assert (f"{quantity(agreed)} cơ quan, đơn vị {AGREED_PHRASE}" in text) == bool(agreed)
        assert (f"{quantity(commenting)} cơ quan, đơn vị có {quantity(comments)} ý kiến góp ý" in text) == bool(
            commenting
        )
        assert not re.search(r"(?<!\d)0 cơ quan", text)
        assert "04 cơ quan, đơn vị không có văn bản trả lời" in text
    rows = _rows(table)[1] if comments else []
    assert len(rows) == comments
    assert not any("nhận được Công văn" in r[3] or r[3].startswith("-") for r in rows)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cycle")
    replies = tmp / "replies"
    replies.mkdir()
    for name, fields in (("stp", AGREE_ONLY), ("stc", NUMBERED), ("nt", BULLETS), ("dk", TABLE)):
        (replies / f"{name}.docx").write_bytes(reply_docx(**fields))
    (tmp / "units.csv").write_text(UNITS, encoding="utf-8")
    first = render_comments(PLAN, [replies], tmp / "o1", units_file=tmp / "units.csv", to_trinh=True)
    assert any("Tờ trình: còn 6 ý kiến góp ý chưa có ý kiến tiếp thu" in w for w in first.warnings)
    sheet = next(f for f in first.files if f.suffix == ".xlsx")
    book = openpyxl.load_workbook(sheet)
    ws = book.worksheets[0]
    answers = ["Tiếp thu", "Tiếp thu một phần", "Giải trình, giữ nguyên dự thảo", "Tiếp thu", "Tiếp thu", "Tiếp thu"]
    for row, choice in zip(range(2, ws.max_row + 1), answers, strict=False):
        ws.cell(row=row, column=5).value = choice
    book.save(tmp / "tra-loi.xlsx")
    final = render_comments(
        PLAN, [replies], tmp / "o2", units_file=tmp / "units.csv", to_trinh=True, responses=tmp / "tra-loi.xlsx"
    )
    table = next(f for f in final.files if f.name.startswith("Ban-tong-hop"))
    tt = next(f for f in final.files if f.name.startswith("TTr-"))
    return table, tt, final


def _text(path) -> str:
    return "\n".join(p.text for p in docx.Document(path).paragraphs)


COUNTS = "đã nhận được 04 văn bản góp ý"
AGREED = f"01 cơ quan, đơn vị {AGREED_PHRASE}"
COMMENTED = "03 cơ quan, đơn vị có 06 ý kiến góp ý"
SILENT = "01 cơ quan, đơn vị không có văn bản trả lời"


def test_both_documents_give_the_same_right_counts(outputs):
    table, tt, _ = outputs
    for path in (table, tt):
        text = _text(path)
        for phrase in (COUNTS, AGREED, COMMENTED, SILENT):
            assert phrase in text, (path.name, phrase)
    assert "lấy ý kiến 05 cơ quan, đơn vị" in _text(table)
    assert "- Sở Tài chính (Công văn số 1208/STC-HCSN ngày 02/12/2025);" in _text(table)  # who commented, and how
    assert "của 05 cơ quan, đơn vị" in _text(tt)


def _rows(path):
    table = docx.Document(path).tables[-2]
    return table, [[c.text for c in row.cells] for row in table.rows][1:]


def test_table_rows_cite_full_parts_and_carry_the_units_words(outputs):
    table_path, _, _ = outputs
    table, rows = _rows(table_path)
    assert len(rows) == 6
    parts = [r[1] for r in rows]
    assert parts[0].startswith("Điểm a khoản 1 Mục II\nBiên soạn tài liệu hỏi - đáp")
    assert parts[1].startswith("Điểm b khoản 1 Mục II\n")
    assert "Khoản 2 Mục II\n" in parts[2] and "Khoản 4 Mục II\n" in parts[3]
    assert parts[-1] == "Ý kiến chung"
    assert all(
        re.match(r"(Điểm [a-zđ] khoản \d+ Mục [IVX]+|Khoản \d+ Mục [IVX]+|Mục [IVX]+|Ý kiến chung)", p) for p in parts
    )
    plan_text = PLAN.read_text(encoding="utf-8")
    for p in parts:
        assert "…" not in p
        heading = p.split("\n", 1)[1] if "\n" in p else ""
        # the heading is the draft's own words, ending at a clause boundary or at the end
        assert not heading or re.search(re.escape(heading) + r"(?:[,;:.\"]|\s-|$)", plan_text, re.M), heading
    texts = [r[3] for r in rows]
    assert not any(t.startswith(("-", "–")) for t in texts)
    assert not any("nhận được Công văn" in t or "Trên đây" in t or "trân trọng" in t.lower() for t in texts)
    assert [r[0] for r in rows] == [str(i) for i in range(1, 7)]
    assert table._tbl.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None  # the header repeats on each page
    assert all(tr.find(f"{W}trPr/{W}cantSplit") is not None for tr in table._tbl.findall(f"{W}tr")[1:])


def test_table_preamble_letter_number_attached_line_and_blank_date(outputs):
    table_path, _, result = outputs
    text = _text(table_path)
    assert f"Thực hiện {CV} {ABOUT}" in text  # two replies cite 215: the plan left it blank
    assert any("215/SNV-XDCQ" in w and "Công văn góp ý › Số" in w and "letter." not in w for w in result.warnings)
    assert not any("Tờ trình: còn" in w for w in result.warnings)  # every comment has its answer
    assert f"(Kèm theo Tờ trình số{BLANK}/TTr-SNV ngày{BLANK}tháng{BLANK}năm" in text
    header = docx.Document(table_path).tables[0]
    assert "Khánh Hòa, ngày      tháng      năm" in " ".join(c.text for c in header._cells)
    assert "…" not in text


def test_letter_number_left_blank_when_nobody_knows_it(tmp_path, plan):
    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "a.docx").write_bytes(reply_docx(body=["Sở Tư pháp thống nhất với nội dung dự thảo."]))
    result = render_comments(plan, [tmp_path / "r"], tmp_path / "o", to_trinh=True)
    assert not any("Tờ trình: còn" in w for w in result.warnings)  # nothing to answer: agreement only
    for path in result.files:
        if path.suffix == ".docx":
            text = _text(path)
            assert f"Công văn số{BLANK}/SNV-XDCQ ngày 24/11/2025" not in text
            assert f"Công văn số {BLANK}/SNV-XDCQ ngày 24/11/2025" in text and "…" not in text
    numbered = plan.model_copy(update={"letter": plan.letter.model_copy(update={"number": 9})})
    result = render_comments(numbered, [tmp_path / "r"], tmp_path / "o2")
    assert "Công văn số 09/SNV-XDCQ ngày 24/11/2025" in _text(result.files[0])


def test_to_trinh_says_what_a_to_trinh_says(outputs):
    _, tt, _ = outputs
    text = _text(tt)
    for heading in (
        "I. SỰ CẦN THIẾT BAN HÀNH KẾ HOẠCH",
        "II. QUÁ TRÌNH XÂY DỰNG DỰ THẢO",
        "III. NỘI DUNG CHÍNH CỦA DỰ THẢO KẾ HOẠCH",
        "IV. ĐỀ XUẤT, KIẾN NGHỊ",
    ):
        assert heading in text
    # sự cần thiết: the plan's legal bases and its purpose
    assert "Căn cứ Nghị quyết số 25-NQ/TW" in text and "Thực hiện Chỉ thị số 33/CT-TTg" in text
    assert "là cần thiết" in text and "củng cố niềm tin của Nhân dân" in text
    # quá trình: the letter, its deadline, what came back and what was done with it
    assert "Công văn số 215/SNV-XDCQ ngày 24/11/2025 gửi lấy ý kiến" in text and "trước ngày 05/12/2025" in text
    assert "tiếp thu 04 ý kiến, tiếp thu một phần 01 ý kiến, giải trình 01 ý kiến" in text
    # nội dung chính: a summary with the numbers, not the list of headings
    assert "Dự thảo Kế hoạch gồm 04 phần" in text
    assert "đạt 100%" in text and "đạt 20 mô hình" in text and "đạt 95%" in text
    assert "Nội dung thực hiện gồm 04 nhóm nhiệm vụ: tuyên truyền, phổ biến" in text
    assert "Sở Nội vụ chủ trì" in text and "Sở Khoa học và Công nghệ" in text
    assert not re.search(r"^- Mục [IVX]+\.", text, re.M)
    # kiến nghị and the hồ sơ
    assert "kính đề nghị Ủy ban nhân dân tỉnh Khánh Hòa xem xét, ký ban hành" in text
    assert "- Dự thảo Kế hoạch thực hiện công tác dân vận chính quyền năm 2026;" in text
    assert "- Bản tổng hợp, giải trình, tiếp thu ý kiến góp ý;" in text
    assert "Văn bản góp ý của 04 cơ quan, đơn vị: Sở Tư pháp (Công văn số 312/STP-VP ngày 02/12/2025)" in text
    assert "…" not in text


def test_outputs_check_clean_and_to_trinh_is_recognised(outputs):
    table, tt, _ = outputs
    from openxml_audit import OpenXmlValidator

    for path, kind in ((table, "comments_table"), (tt, "to_trinh")):
        report = check_docx(path)
        assert report.kind == kind
        assert report.errors == [], [e.message for e in report.errors]
        assert OpenXmlValidator().validate(str(path)).is_valid


def _mutated(path, tmp_path, old: str, new: str):
    raw = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                xml = data.decode()
                assert old in xml
                data = xml.replace(old, new).encode()
            dst.writestr(item, data)
    out = tmp_path / "mutated.docx"
    out.write_bytes(raw.getvalue())
    return out


def test_check_applies_the_to_trinh_rules(outputs, tmp_path):
    _, tt, _ = outputs
    wrong_symbol = check_docx(_mutated(tt, tmp_path, "/TTr-SNV", "/KH-SNV"))
    assert wrong_symbol.kind == "to_trinh"
    assert any(f.rule == "ND30-SO-KY-HIEU" and "'TTr'" in f.message for f in wrong_symbol.errors)
    no_kinh_gui = check_docx(_mutated(tt, tmp_path, "Kính gửi:", "Gửi tới:"))
    assert any(f.rule == "ND30-KINH-GUI-TTR" for f in no_kinh_gui.errors)


def test_a_huge_paragraph_of_framing_and_labels_is_read_in_bounded_time(tmp_path):
    from hostile import run_bounded

    sentences = ["Trên đây là ý kiến góp ý.", "1. Đề nghị x.", "a. B.", "TP. Nha Trang.", "Sở Tư pháp thống nhất."]
    huge = " ".join(sentences[i % len(sentences)] for i in range(30_000))
    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "a.docx").write_bytes(reply_docx(body=[opening("Sở Tư pháp"), huge]))
    code, _, stderr = run_bounded(["comments", PLAN, tmp_path / "r", "-o", tmp_path / "o"], seconds=60)
    assert code in (0, 1, 2), stderr
    assert "Traceback" not in stderr


def test_a_to_trinh_never_submits_a_body_to_itself(plan):
    from dvtemplate.contexts.to_trinh import to_trinh_context

    own = plan.model_copy(update={"letter": plan.letter.model_copy(update={"issuer": None})})
    facts = {"asked": 2, "answered": 1, "agreed": 1, "commenting": 0, "comments": 0, "silent": 1}
    context = to_trinh_context(own, facts=facts, tally=None, table_name="BẢN TỔNG HỢP")
    assert context["kinh_gui"] == "Chủ tịch Ủy ban nhân dân tỉnh Khánh Hòa"
    assert "Các cơ quan, đơn vị đều thống nhất với nội dung dự thảo" in " ".join(b["text"] for b in context["blocks"])
