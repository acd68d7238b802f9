"""dvtemplate.vn.docrefs: type abbreviations, ký hiệu, "Số:" line, citations."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from dvtemplate.vn import BLANK, TYPE_ABBREVIATIONS, cite_document, ky_hieu, so_line, type_abbreviation

PHU_LUC_III = {
    "Nghị quyết": "NQ",
    "Quyết định": "QĐ",
    "Chỉ thị": "CT",
    "Quy chế": "QC",
    "Quy định": "QyĐ",
    "Thông cáo": "TC",
    "Thông báo": "TB",
    "Hướng dẫn": "HD",
    "Chương trình": "CTr",
    "Kế hoạch": "KH",
    "Phương án": "PA",
    "Đề án": "ĐA",
    "Dự án": "DA",
    "Báo cáo": "BC",
    "Biên bản": "BB",
    "Tờ trình": "TTr",
    "Hợp đồng": "HĐ",
    "Công điện": "CĐ",
    "Bản ghi nhớ": "BGN",
    "Bản thỏa thuận": "BTT",
    "Giấy ủy quyền": "GUQ",
    "Giấy mời": "GM",
    "Giấy giới thiệu": "GGT",
    "Giấy nghỉ phép": "GNP",
    "Phiếu gửi": "PG",
    "Phiếu chuyển": "PC",
    "Phiếu báo": "PB",
}


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.mark.parametrize("kind, abbr", sorted(PHU_LUC_III.items()))
def test_every_phu_luc_iii_type(kind, abbr):
    assert TYPE_ABBREVIATIONS[kind] == abbr
    assert type_abbreviation(kind) == abbr
    assert type_abbreviation(kind.lower()) == abbr
    assert type_abbreviation(kind.upper()) == abbr
    assert type_abbreviation(nfd(kind)) == abbr
    assert type_abbreviation(f"  {kind}  ") == abbr


def test_cong_van_has_no_abbreviation():
    assert TYPE_ABBREVIATIONS["Công văn"] == ""
    assert type_abbreviation("công văn") == ""


def test_table_is_nfc_and_abbreviations_unique():
    for kind, abbr in TYPE_ABBREVIATIONS.items():
        assert unicodedata.is_normalized("NFC", kind) and unicodedata.is_normalized("NFC", abbr)
    values = [a for a in TYPE_ABBREVIATIONS.values() if a]
    assert len(values) == len(set(values))


@pytest.mark.parametrize("old, new", [("Bản thoả thuận", "BTT"), ("Giấy uỷ quyền", "GUQ")])
def test_old_tone_placement(old, new):
    assert type_abbreviation(old) == new


@pytest.mark.parametrize("kind", ["Thư", "", "Kế", "Kế hoạch năm", "Quy"])
def test_unknown_type(kind):
    assert type_abbreviation(kind) is None


@pytest.mark.parametrize(
    "parts, expected",
    [
        (("KH", "UBND"), "KH-UBND"),
        (("kh", " ubnd "), "KH-UBND"),
        (("BC", "SNV"), "BC-SNV"),
        (("", "SNV", "TCBM"), "SNV-TCBM"),
        (("UBND", "", "KGVX"), "UBND-KGVX"),
        (("KH", "U BND"), "KH-UBND"),
        (("KH-UBND",), "KH-UBND"),
        (("qđ", "ubnd"), "QĐ-UBND"),
        ((nfd("qđ"), nfd("sở")), "QĐ-SỞ"),
        (("QĐ", "TTg"), "QĐ-TTg"),
        (("qyđ", "ubnd"), "QyĐ-UBND"),
        (("QYĐ", "UBND"), "QyĐ-UBND"),
        (("ttr", "ubnd"), "TTr-UBND"),
        (("ctr", "ubnd"), "CTr-UBND"),
        (("UBND", "ttr"), "UBND-TTR"),
        ((), ""),
        (("", " "), ""),
    ],
)
def test_ky_hieu(parts, expected):
    assert ky_hieu(*parts) == expected


@pytest.mark.parametrize("kind, abbr", sorted(PHU_LUC_III.items()))
def test_ky_hieu_keeps_every_official_abbreviation(kind, abbr):
    assert ky_hieu(abbr, "UBND") == f"{abbr}-UBND"
    assert ky_hieu(abbr.lower(), "ubnd") == f"{abbr}-UBND"


@pytest.mark.parametrize(
    "args, expected",
    [
        ((5, "KH-UBND"), "Số: 05/KH-UBND"),
        ((112, "SNV-TCBM"), "Số: 112/SNV-TCBM"),
        ((1, "kh-ubnd"), "Số: 01/KH-UBND"),
        ((None, "KH-UBND"), "Số: " + BLANK + "/KH-UBND"),
        ((30, "NĐ-CP", 2020), "Số: 30/2020/NĐ-CP"),
        ((None, "NĐ-CP", 2020), "Số: " + BLANK + "/2020/NĐ-CP"),
        ((5, "/KH-UBND"), "Số: 05/KH-UBND"),
        ((5, ""), "Số: 05"),
    ],
)
def test_so_line(args, expected):
    assert so_line(*args) == expected


def test_so_line_draft_literal():
    assert so_line(None, "KH-UBND") == "Số:      /KH-UBND"


@pytest.mark.parametrize("n", range(1, 100))
def test_so_line_leading_zero(n):
    number = so_line(n, "BC-UBND").removeprefix("Số: ").split("/")[0]
    assert number == f"{n:02d}"


@pytest.mark.parametrize("bad", [(0, "KH"), (5, "KH", 0), (5, "KH", "2024"), (-1, "KH")])
def test_so_line_rejects(bad):
    with pytest.raises(ValueError):
        so_line(*bad)


@pytest.mark.parametrize(
    "args, expected",
    [
        (
            ("Kế hoạch", "5", "KH-UBND", date(2024, 1, 10), "UBND tỉnh", "thực hiện dân chủ ở cơ sở"),
            "Kế hoạch số 05/KH-UBND ngày 10/01/2024 của UBND tỉnh về thực hiện dân chủ ở cơ sở",
        ),
        (
            ("Kế hoạch", "05", "KH-UBND", date(2024, 1, 10), "UBND tỉnh"),
            "Kế hoạch số 05/KH-UBND ngày 10/01/2024 của UBND tỉnh",
        ),
        (("Nghị định", "30/2020/NĐ-CP", None, None, None), "Nghị định số 30/2020/NĐ-CP"),
        (
            ("Nghị định", "30/2020/NĐ-CP", "NĐ-CP", date(2020, 3, 5), "Chính phủ", "công tác văn thư"),
            "Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư",
        ),
        (("Nghị định", "30/2020", "NĐ-CP", None, None), "Nghị định số 30/2020/NĐ-CP"),
        (("Luật", None, None, None, None, "Thực hiện dân chủ ở cơ sở"), "Luật Thực hiện dân chủ ở cơ sở"),
        (
            ("Luật", "10/2022/QH15", None, date(2022, 11, 10), None, "Thực hiện dân chủ ở cơ sở"),
            "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 ngày 10/11/2022",
        ),
        (
            ("Kế hoạch", None, "KH-UBND", None, "UBND tỉnh", "dân vận chính quyền"),
            "Kế hoạch của UBND tỉnh về dân vận chính quyền",
        ),
        (
            ("Công văn", "112", "SNV-TCBM", None, None, "V/v góp ý dự thảo"),
            "Công văn số 112/SNV-TCBM về việc góp ý dự thảo",
        ),
        (
            ("Quyết định", "681", "QĐ-UBND", None, None, "về ban hành Kế hoạch."),
            "Quyết định số 681/QĐ-UBND về ban hành Kế hoạch",
        ),
        (
            ("Quyết định", "1705/QĐ- TTg", None, None, "Thủ tướng Chính phủ"),
            "Quyết định số 1705/QĐ-TTg của Thủ tướng Chính phủ",
        ),
        (("  Chỉ   thị ", "", "", None, "  ", ""), "Chỉ thị"),
        (("Kế hoạch", 5, "KH-UBND", None, None), "Kế hoạch số 05/KH-UBND"),
    ],
)
def test_cite_document(args, expected):
    assert cite_document(*args) == expected


def test_cite_document_nfd_input_is_nfc():
    out = cite_document(nfd("Kế hoạch"), "5", "KH-UBND", None, nfd("Ủy ban nhân dân tỉnh"))
    assert out == "Kế hoạch số 05/KH-UBND của Ủy ban nhân dân tỉnh"
    assert unicodedata.is_normalized("NFC", out)


@pytest.mark.parametrize("kind", ["", "   ", None])
def test_cite_document_requires_kind(kind):
    with pytest.raises(ValueError):
        cite_document(kind, "5", "KH-UBND", None, None)
