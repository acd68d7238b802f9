"""Reading reply letters: citations in every form, the draft's numbering, units, agreement, verbatim text."""

from __future__ import annotations

import pytest
from commentdocs import LETTER_REF, PLAN, reply_docx

from dvtemplate.comments import collect_replies, comment_id, draft_parts, unit_key
from dvtemplate.comments.reply import Expected, read_reply_blocks
from dvtemplate.docx import open_package, read_document
from dvtemplate.loading import load_plan
from dvtemplate.vn import parse_citation, quoted_spans


@pytest.fixture(scope="module")
def plan():
    return load_plan(PLAN).plan


@pytest.fixture(scope="module")
def draft(plan):
    return draft_parts(plan)


def _read(data: bytes, plan, draft, name="reply.docx"):
    doc = read_document(open_package(data, name=name))
    return read_reply_blocks(doc, name, draft, Expected(plan.title, "SNV-XDCQ"))


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Tại điểm a khoản 1 Mục II, đề nghị bổ sung", (2, 1, "a")),
        ("điểm a, khoản 1, mục II: sửa lại", (2, 1, "a")),
        ("Mục II, khoản 1, điểm a: sửa lại", (2, 1, "a")),
        ("tại mục 2 phần II, đề nghị", (2, 2, None)),
        ("Về Mục IV (Tổ chức thực hiện): giao thêm", (4, None, None)),
        ("Khoản 3 Mục II cần nêu rõ", (2, 3, None)),
        ("Tại điểm đ khoản 1 mục II", (2, 1, "đ")),
        ("Đề nghị bổ sung vào điểm c, khoản 2 thuộc Mục II nội dung", (2, 2, "c")),
    ],
)
def test_citation_forms(text, key):
    c = parse_citation(text)
    assert (c.section, c.item, c.point) == key


def test_citations_of_other_texts_are_ignored():
    assert parse_citation("theo khoản 3 Điều 5 Luật Thực hiện dân chủ ở cơ sở") is None
    assert parse_citation("điểm b khoản 3 Nghị định số 30/2020/NĐ-CP") is None
    assert parse_citation("Đề nghị rà soát lỗi chính tả.") is None
    assert parse_citation("Về Mục IV (Tổ chức thực hiện): x").title == "Tổ chức thực hiện"
    assert quoted_spans("sửa “tối thiểu 02 kỳ mỗi tháng” thành «hằng tuần»") == [
        "tối thiểu 02 kỳ mỗi tháng",
        "hằng tuần",
    ]


def test_draft_parts_follow_the_rendered_numbering(draft):
    labels = [p.label for p in draft.parts]
    assert labels[:3] == ["Mục I", "Mục I, khoản 1", "Mục I, khoản 2"]
    assert "Mục II, khoản 1, điểm đ" in labels  # the Vietnamese legal alphabet: a b c d đ
    assert draft.by_key[(4, 0, "")].title == "Tổ chức thực hiện"
    assert draft.by_key[(2, 1, "b")].text[0].startswith("Mở chuyên mục")


BODY = [
    f"Thực hiện {LETTER_REF} về việc lấy ý kiến góp ý dự thảo Kế hoạch, Sở Tư pháp có ý kiến như sau:",
    "1. Tại điểm a khoản 1 Mục II: đề nghị bổ sung cụm từ “và Luật Tiếp công dân”.",
    "2. Mục II, khoản 2:",
    "- Đề nghị điều chỉnh thời hạn rà soát thủ tục hành chính;",
    "- Bổ sung chỉ tiêu về hồ sơ trực tuyến.",
    "3. Đề nghị sửa cụm từ “tối thiểu 02 kỳ mỗi tháng” thành “hằng tuần”.",
    "4. Về Mục IV (Tổ chức thực hiện): giao Sở Tư pháp phối hợp phổ biến pháp luật.",
    "5. Đề nghị rà soát lỗi chính tả toàn văn bản.",
    "Trên đây là ý kiến góp ý của Sở Tư pháp, đề nghị Sở Nội vụ tổng hợp.",
]


@pytest.mark.parametrize("layout", ["table", "lines"])
def test_reply_header_comments_and_mapping(plan, draft, layout):
    reply = _read(reply_docx(layout=layout, body=BODY), plan, draft)
    assert reply.unit == "Sở Tư pháp"
    assert reply.parent == "UBND tỉnh Khánh Hòa"
    assert (reply.number, reply.symbol, reply.issued.isoformat()) == (312, "STP-VP", "2025-12-02")
    assert reply.vv.startswith("góp ý dự thảo Kế hoạch")
    assert reply.kind == "comments"
    parts = [c.part.label if c.part else None for c in reply.comments]
    assert parts == ["Mục II, khoản 1, điểm a", "Mục II, khoản 2", "Mục II, khoản 1, điểm b", "Mục IV", None]
    # word for word, the writer's list label dropped; dashes under a heading stay with it
    assert reply.comments[0].text == "Tại điểm a khoản 1 Mục II: đề nghị bổ sung cụm từ “và Luật Tiếp công dân”."
    assert reply.comments[1].text == "\n".join(["Mục II, khoản 2:", BODY[3], BODY[4]])
    assert reply.comments[2].cited == "«tối thiểu 02 kỳ mỗi tháng»"  # a quote of the draft's words
    assert all("Trên đây" not in c.text and "Thực hiện Công văn" not in c.text for c in reply.comments)


def test_agreement_only_is_not_a_comment(plan, draft):
    for sentence in (
        "Ủy ban nhân dân phường Nha Trang thống nhất với nội dung dự thảo Kế hoạch.",
        "Sau khi nghiên cứu, đơn vị không có ý kiến khác.",
        f"Phúc đáp {LETTER_REF}, Ủy ban nhân dân phường thống nhất với toàn bộ nội dung dự thảo.",
        "Ủy ban nhân dân phường nhất trí với nội dung dự thảo Kế hoạch, không có ý kiến bổ sung.",
    ):
        reply = _read(reply_docx(issuer=["ỦY BAN NHÂN DÂN", "PHƯỜNG NHA TRANG"], body=[sentence]), plan, draft)
        assert (reply.kind, reply.comments) == ("agree", []), sentence


def test_general_comment_and_tracked_changes(plan, draft):
    data = reply_docx(body=["Đề nghị bổ sung kinh phí thực hiện Kế hoạch."], tracked=("Thêm ý kiến mới. ", "xóa"))
    reply = _read(data, plan, draft)
    assert [c.text for c in reply.comments] == ["Đề nghị bổ sung kinh phí thực hiện Kế hoạch.", "Thêm ý kiến mới."]
    assert all(c.part is None for c in reply.comments)
    assert any("Track Changes" in n for n in reply.notes)


def test_reply_to_another_letter(plan, draft):
    data = reply_docx(vv="V/v báo cáo kết quả cải cách hành chính quý III", body=["Sở báo cáo kết quả như sau: …"])
    assert _read(data, plan, draft).kind == "other"


def test_units_match_whatever_the_spelling():
    assert unit_key("UBND XÃ DIÊN KHÁNH") == unit_key("Ủy ban nhân dân xã Diên Khánh")
    assert unit_key("ỦY BAN NHÂN DÂN  PHƯỜNG NHA TRANG") == unit_key("Ủy ban nhân dân phường Nha Trang")


def test_comment_ids_are_stable():
    a = comment_id("Sở Tư pháp", "Đề nghị   bổ sung.")
    assert a == comment_id("SỞ TƯ PHÁP", "đề nghị bổ sung.") and a.startswith("GY-")
    assert a != comment_id("Sở Tài chính", "Đề nghị bổ sung.")


def test_collect_lists_bad_files_and_unknown_units(plan, tmp_path):
    from dvtemplate.units import read_units

    units = tmp_path.parent / f"{tmp_path.name}-units.csv"
    units.write_text("Tên đơn vị,Cấp,Viết tắt\nSở Tư pháp,sở,STP\n", encoding="utf-8")
    (tmp_path / "a.docx").write_bytes(reply_docx(body=BODY))
    (tmp_path / "b.docx").write_bytes(reply_docx(issuer=["CÔNG TY ABC"], body=["Tại khoản 1 Mục I: rõ hơn."]))
    (tmp_path / "c.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"0" * 64)
    (tmp_path / "d.pdf").write_bytes(b"%PDF-1.4\n")
    (tmp_path / "e.docx").write_bytes(b"PK\x03\x04 not a zip")
    c = collect_replies(plan, read_units(units), [tmp_path])
    assert [r.unit for r in c.replies] == ["Sở Tư pháp", "Công ty ABC"]
    assert [r.unit for r in c.unknown] == ["Công ty ABC"]
    reasons = dict((name.rsplit("/", 1)[-1], why) for name, why in c.problems)
    assert set(reasons) == {"c.doc", "d.pdf", "e.docx"}
    assert ".doc" in reasons["c.doc"] and "PDF" in reasons["d.pdf"]


def test_sub_items_under_a_heading_inherit_its_part(plan, draft):
    body = [
        "Sở Tư pháp cơ bản thống nhất với dự thảo, đồng thời có một số ý kiến như sau:",
        "I. Ý KIẾN CHUNG",
        "Dự thảo cần ngắn gọn hơn.",
        "II. Ý KIẾN CỤ THỂ",
        "1. Mục II:",
        "a) Khoản 1: bổ sung nội dung đối thoại.",
        "b) Khoản 2, điểm b: sửa thời hạn.",
        "2. Mục IV, khoản 1:",
        "- Bổ sung nhiệm vụ kiểm tra.",
    ]
    reply = _read(reply_docx(kinh_gui="Kính gửi:", body=["- Sở Nội vụ;", "- Văn phòng UBND tỉnh.", *body]), plan, draft)
    got = [(c.part.label if c.part else None, c.text) for c in reply.comments]
    assert got == [
        (None, "Dự thảo cần ngắn gọn hơn."),
        ("Mục II, khoản 1", "Khoản 1: bổ sung nội dung đối thoại."),
        ("Mục II, khoản 2, điểm b", "Khoản 2, điểm b: sửa thời hạn."),
        ("Mục IV, khoản 1", "Mục IV, khoản 1:\n- Bổ sung nhiệm vụ kiểm tra."),
    ]


def test_short_vv_is_ours_another_draft_is_not(plan, draft):
    ours = reply_docx(vv="V/v góp ý dự thảo Kế hoạch thực hiện", body=["Đề nghị bổ sung kinh phí."])
    assert _read(ours, plan, draft).kind == "comments"
    other = reply_docx(vv="V/v góp ý dự thảo Quyết định ban hành Quy chế làm việc", body=["Đề nghị sửa Điều 3."])
    assert _read(other, plan, draft).kind == "other"


def test_zip_of_replies(plan, tmp_path):
    import zipfile

    archive = tmp_path / "gop-y.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("thu-muc/stp.docx", reply_docx(body=BODY))
        z.writestr("thu-muc/scan.pdf", b"%PDF-1.4\n")
        z.writestr("__MACOSX/._stp.docx", b"junk")
        z.writestr("thu-muc/~$stp.docx", b"lock")
    c = collect_replies(plan, None, [archive])
    assert [r.unit for r in c.replies] == ["Sở Tư pháp"] and len(c.comments) == 5
    assert [name for name, _ in c.problems] == ["gop-y.zip/thu-muc/scan.pdf"]
