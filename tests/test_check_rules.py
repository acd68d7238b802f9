"""Each ND30 rule fires on a fixture broken in exactly that way, and only there."""

from __future__ import annotations

import json

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from dvtemplate.check import check_docx, format_json, format_text
from ndfixtures import Spec, build

POINTS_NO_DD = ["a) Một;", "b) Hai;", "c) Ba;", "d) Bốn;", "e) Năm."]


def _check(tmp_path, **changes):
    return check_docx(build(tmp_path / "doc.docx", Spec(**changes)))


@pytest.mark.parametrize("letter", [False, True])
def test_clean_fixture_has_no_findings(tmp_path, letter):
    rep = _check(tmp_path, letter=letter)
    assert rep.kind == ("letter" if letter else "plan")
    assert rep.findings == [], format_text([rep])


CASES = {
    "body font Arial (direct)": (dict(body_font="Arial"), {"ND30-FONT"}),
    "Normal style Arial": (dict(font="Arial"), {"ND30-FONT"}),
    "body 12 pt": (dict(body_size=12), {"ND30-BODY-SIZE"}),
    "en dash in tiêu ngữ": (dict(tieu_ngu="Độc lập – Tự do – Hạnh phúc"), {"ND30-TIEU-NGU-HYPHEN"}),
    "unspaced hyphen": (dict(tieu_ngu="Độc lập-Tự do-Hạnh phúc"), {"ND30-TIEU-NGU-HYPHEN"}),
    "tháng 1": (dict(date="Ninh Thuận, ngày 05 tháng 1 năm 2024"), {"ND30-DATE-ZERO"}),
    "tháng 03": (dict(date="Ninh Thuận, ngày 15 tháng 03 năm 2024"), {"ND30-DATE-ZERO"}),
    "ngày 5": (dict(date="Ninh Thuận, ngày 5 tháng 3 năm 2024"), {"ND30-DATE-ZERO"}),
    "date not italic": (dict(date_italic=False), {"ND30-DATE-STYLE"}),
    "missing Lưu": (dict(recipients=["- Như trên;", "- Giám đốc Sở (b/c)."]), {"ND30-NOI-NHAN-LUU"}),
    "skipped đ": (dict(sections=[("I. NỘI DUNG", [("1. Việc cần làm.", POINTS_NO_DD)])]), {"ND30-NUMBERING-POINTS"}),
    "point f": (
        dict(
            sections=[
                (
                    "I. NỘI DUNG",
                    [("1. Việc.", ["a) Một;", "b) Hai;", "c) Ba;", "d) Bốn;", "đ) Năm;", "e) Sáu;", "f) Bảy."])],
                )
            ]
        ),
        {"ND30-NUMBERING-POINTS"},
    ),
    "section III after I": (
        dict(sections=[("I. MỤC ĐÍCH", [("1. Một.", [])]), ("III. NỘI DUNG", [("1. Hai.", [])])]),
        {"ND30-NUMBERING-SECTIONS"},
    ),
    "items not restarted": (
        dict(sections=[("I. MỤC ĐÍCH", [("1. Một.", [])]), ("II. NỘI DUNG", [("2. Hai.", [])])]),
        {"ND30-NUMBERING-ITEMS"},
    ),
    "page number on page 1": (dict(page_on_first=True), {"ND30-PAGE-NUMBER-FIRST"}),
    "page number not centred": (dict(page_align=WD_ALIGN_PARAGRAPH.RIGHT), {"ND30-PAGE-NUMBER"}),
    "typed footnote": (dict(typed_footnote=True, footnote=False), {"ND30-FOOTNOTE-TYPED"}),
    "left margin 25 mm": (dict(margins_mm={"top": 20, "bottom": 20, "left": 25, "right": 15}), {"ND30-PAGE-MARGINS"}),
    "top margin 30 mm": (dict(margins_mm={"top": 30, "bottom": 20, "left": 30, "right": 15}), {"ND30-PAGE-MARGINS"}),
    "Số without leading zero": (dict(so="Số: 5/KH-SNV"), {"ND30-SO-KY-HIEU"}),
    "Số with wrong type": (dict(so="Số: 05/BC-SNV"), {"ND30-SO-KY-HIEU"}),
    "quốc hiệu HOÀ": (dict(quoc_hieu="CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"), {"ND30-QUOC-HIEU"}),
    "no rule under issuer": (dict(issuer_rule=False), {"ND30-ISSUER-RULE"}),
    "no rule under tiêu ngữ": (dict(tieu_ngu_rule=False), {"ND30-TIEU-NGU-RULE"}),
    "body left aligned": (dict(body_align=WD_ALIGN_PARAGRAPH.LEFT), {"ND30-BODY-ALIGN"}),
    "indent 0.5 cm": (dict(first_line_cm=0.5), {"ND30-BODY-INDENT"}),
    "old T/M prefix": (dict(signer=["T/M ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]), {"ND30-SIGNER"}),
    "KT. without title": (dict(signer=["KT. GIÁM ĐỐC"]), {"ND30-SIGNER"}),
    "rank before name": (dict(signer_name="TS. Lê Thị Bình"), {"ND30-SIGNER"}),
    "Trân trọng!": (dict(letter=True, closing_line="Trân trọng!"), {"ND30-TRAN-TRONG"}),
    "letter without Như trên": (
        dict(letter=True, recipients=["- Giám đốc Sở;", "- Lưu: VT, CCHC."]),
        {"ND30-NOI-NHAN"},
    ),
    "letter with a type abbreviation": (dict(letter=True, so="Số: 112/KH-SNV"), {"ND30-SO-KY-HIEU"}),
}


@pytest.mark.parametrize("name", list(CASES))
def test_broken_fixture_caught_by_its_rule(tmp_path, name):
    changes, expected = CASES[name]
    rep = _check(tmp_path, **changes)
    assert {f.rule for f in rep.errors} == expected, format_text([rep])


def test_no_page_number_is_a_warning_only(tmp_path):
    rep = _check(tmp_path, page_number=False)
    assert rep.errors == []
    assert [f.rule for f in rep.warnings] == ["ND30-PAGE-NUMBER"]
    assert "không đánh số trang" in rep.warnings[0].message


def test_font_in_styles_reported_through_style_chain(tmp_path):
    rep = _check(tmp_path, font="Arial")
    fonts = [f for f in rep.findings if f.rule == "ND30-FONT"]
    assert len(fonts) == 1 and "'Arial'" in fonts[0].message
    assert "ND30-FONT-DEFAULT" in {f.rule for f in rep.warnings}


def test_typed_footnote_location_and_quote(tmp_path):
    rep = _check(tmp_path, typed_footnote=True, footnote=False)
    (f,) = rep.errors
    assert f.location == {"paragraph": 6}
    assert f.text.startswith("1. Nâng cao hiểu biết")
    assert f.clause.startswith("NĐ 30/2020, Phụ lục I")


def test_skipped_dd_names_the_letter(tmp_path):
    rep = _check(tmp_path, sections=[("I. NỘI DUNG", [("1. Việc cần làm.", POINTS_NO_DD)])])
    (f,) = rep.errors
    assert f.text.startswith("e) Năm") and "'đ)'" in f.message


def test_body_size_findings_are_capped(tmp_path):
    rep = _check(tmp_path, body_size=12)
    sizes = [f for f in rep.errors if f.rule == "ND30-BODY-SIZE"]
    assert len(sizes) == 4 and "khác cùng lỗi" in sizes[-1].message
    assert all(len(f.text) <= 60 for f in rep.findings)


def test_text_and_json_output(tmp_path):
    rep = _check(tmp_path, tieu_ngu="Độc lập – Tự do – Hạnh phúc")
    text = format_text([rep])
    assert "ND30-TIEU-NGU-HYPHEN" in text and "bảng 1, hàng 1, ô 2" in text
    assert text.splitlines()[-1] == "Tổng cộng: 1 tệp, 1 lỗi, 0 cảnh báo."
    data = json.loads(format_json([rep]))
    (finding,) = data[0]["findings"]
    assert data[0]["kind"] == "plan"
    assert finding["location"] == {"table": 1, "row": 1, "cell": 2, "paragraph": 2}
    assert set(finding) == {"rule", "severity", "message", "clause", "location", "text"}
    assert rep.to_dict() == data[0]


def test_loose_header_paragraphs_detected_from_text(tmp_path):
    """A hand-made document without the header table: components found by their text."""
    import docx

    doc = docx.Document()
    for t in [
        "UBND TỈNH HÀ GIANG",
        "SỞ TÀI CHÍNH",
        "Số: 3/BC-STC",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập — Tự do — Hạnh phúc",
        "Hà Giang, ngày 03 tháng 2 năm 2024",
        "BÁO CÁO",
        "I. KẾT QUẢ",
        "1. Việc một",
        "Nơi nhận:",
        "- Lưu: VT.",
        "GIÁM ĐỐC",
        "Trần Văn Cường",
    ]:
        doc.add_paragraph(t)
    doc.save(tmp_path / "loose.docx")
    rep = check_docx(tmp_path / "loose.docx")
    assert rep.kind == "report"
    assert not any(f.message.startswith("Không tìm thấy") for f in rep.errors), format_text([rep])
    by_rule = {f.rule: f for f in rep.errors}
    assert by_rule["ND30-TIEU-NGU-HYPHEN"].location == {"paragraph": 5}
    assert "'03'" in by_rule["ND30-SO-KY-HIEU"].message
    assert "tháng 02" in by_rule["ND30-DATE-ZERO"].message
    assert by_rule["ND30-FONT"].text == "UBND TỈNH HÀ GIANG"  # blank template: Cambria via theme
