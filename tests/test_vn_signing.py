"""dvtemplate.vn.signing: signer block, Nơi nhận, Kính gửi."""

from __future__ import annotations

import unicodedata

import pytest

from dvtemplate.vn import (
    AUTHORITY_PREFIXES,
    clean_list_item,
    kinh_gui_lines,
    parse_authority,
    recipient_lines,
    signer_lines,
    upper_vn,
)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_authority_prefixes():
    assert AUTHORITY_PREFIXES == ("TM.", "KT.", "TL.", "TUQ.", "Q.")


@pytest.mark.parametrize(
    "raw, expected",
    [
        (None, ()),
        ("", ()),
        ("  ", ()),
        ("TM.", ("TM.",)),
        ("tm", ("TM.",)),
        ("KT.", ("KT.",)),
        ("TL", ("TL.",)),
        ("tuq.", ("TUQ.",)),
        ("Q.", ("Q.",)),
        ("TM.+KT.", ("TM.", "KT.")),
        ("tm + kt", ("TM.", "KT.")),
        ("TM+KT.", ("TM.", "KT.")),
    ],
)
def test_parse_authority(raw, expected):
    assert parse_authority(raw) == expected


@pytest.mark.parametrize("raw", ["TT.", "KT.+TM.", "TM.+TL.", "TM.+KT.+TL.", "TM.+", "Chủ tịch", "+"])
def test_parse_authority_rejects(raw):
    with pytest.raises(ValueError):
        parse_authority(raw)


@pytest.mark.parametrize(
    "args, expected",
    [
        ((None, None, None, "Chủ tịch"), ["CHỦ TỊCH"]),
        (("TM.", "Ủy ban nhân dân", None, "Chủ tịch"), ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
        (
            ("TM.+KT.", "Ủy ban nhân dân", "Chủ tịch", "Phó Chủ tịch"),
            ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        ),
        (("KT.", None, "Giám đốc", "Phó Giám đốc"), ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]),
        (("TL.", None, "Chủ tịch", "Chánh Văn phòng"), ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"]),
        (("TUQ.", None, "Chủ tịch", "Giám đốc Sở Nội vụ"), ["TUQ. CHỦ TỊCH", "GIÁM ĐỐC SỞ NỘI VỤ"]),
        (("Q.", None, None, "Giám đốc"), ["Q. GIÁM ĐỐC"]),
        (("Q.", None, "Chủ tịch", "Giám đốc"), ["Q. GIÁM ĐỐC"]),
        (("KT.", "ignored", "  Giám   đốc ", " Phó giám đốc "), ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]),
        (("", None, None, "Chủ tịch"), ["CHỦ TỊCH"]),
    ],
)
def test_signer_lines(args, expected):
    assert signer_lines(*args) == expected
    assert signer_lines(*[nfd(a) if isinstance(a, str) else a for a in args]) == expected


@pytest.mark.parametrize("prefix", AUTHORITY_PREFIXES)
def test_signer_lines_upper_case_each_prefix(prefix):
    lines = signer_lines(prefix, "ủy ban nhân dân", "chủ tịch", "phó chủ tịch")
    assert all(line == upper_vn(line) for line in lines)
    assert lines[0].startswith(prefix + " ")
    assert lines[-1].endswith("CHỦ TỊCH")


@pytest.mark.parametrize(
    "args",
    [
        ("XX.", None, "Chủ tịch", "Phó Chủ tịch"),
        ("KT.", None, None, "Phó Chủ tịch"),
        ("KT.", None, "  ", "Phó Chủ tịch"),
        ("TL.", None, None, "Chánh Văn phòng"),
        ("TUQ.", None, None, "Giám đốc"),
        ("TM.", None, None, "Chủ tịch"),
        ("TM.", "", "Chủ tịch", "Chủ tịch"),
        ("TM.+KT.", "Ủy ban nhân dân", None, "Phó Chủ tịch"),
        ("TM.+KT.", None, "Chủ tịch", "Phó Chủ tịch"),
        (None, None, None, ""),
        (None, None, None, "   "),
    ],
)
def test_signer_lines_rejects(args):
    with pytest.raises(ValueError):
        signer_lines(*args)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Sở Nội vụ", "Sở Nội vụ"),
        ("- Sở Nội vụ;", "Sở Nội vụ"),
        ("  -  Sở Nội vụ ; ", "Sở Nội vụ"),
        ("– UBND các huyện.", "UBND các huyện"),
        ("• Thường trực Tỉnh ủy (b/c);", "Thường trực Tỉnh ủy (b/c)"),
        ("- Chủ tịch, các PCT UBND tỉnh;", "Chủ tịch, các PCT UBND tỉnh"),
        ("Ban Dân vận Tỉnh ủy (để phối hợp).", "Ban Dân vận Tỉnh ủy (để phối hợp)"),
        ("-;", ""),
        ("", ""),
    ],
)
def test_clean_list_item(raw, expected):
    assert clean_list_item(raw) == expected


def test_recipient_lines_full():
    lines = recipient_lines(
        ["Thường trực Tỉnh ủy (b/c);", "- Sở Nội vụ", "UBND các huyện, thành phố."],
        "VT, TCBM",
        as_above=True,
        drafter="NV",
        copies=10,
    )
    assert lines == [
        "- Như trên;",
        "- Thường trực Tỉnh ủy (b/c);",
        "- Sở Nội vụ;",
        "- UBND các huyện, thành phố;",
        "- Lưu: VT, TCBM, NV(10).",
    ]


@pytest.mark.parametrize(
    "kwargs, last",
    [
        ({"archive": "VT, NV"}, "- Lưu: VT, NV."),
        ({"archive": "VT,NV"}, "- Lưu: VT, NV."),
        ({"archive": "Lưu: VT, NV."}, "- Lưu: VT, NV."),
        ({"archive": "- Lưu: VT;"}, "- Lưu: VT."),
        ({"archive": ""}, "- Lưu: VT."),
        ({"archive": "VT, NV", "drafter": "TCBM", "copies": 10}, "- Lưu: VT, NV, TCBM(10)."),
        ({"archive": "VT", "drafter": "NV"}, "- Lưu: VT, NV."),
        ({"archive": "VT, NV", "copies": 10}, "- Lưu: VT, NV(10)."),
    ],
)
def test_recipient_lines_archive(kwargs, last):
    archive = kwargs.pop("archive")
    lines = recipient_lines(["Sở Nội vụ"], archive, **kwargs)
    assert lines == ["- Sở Nội vụ;", last]


def test_recipient_lines_punctuation_shape():
    lines = recipient_lines(["A.", "- B;", "C"], "VT")
    assert all(line.startswith("- ") for line in lines)
    assert all(line.endswith(";") for line in lines[:-1])
    assert lines[-1].endswith(".") and not lines[-1].endswith("..")
    assert not any(";;" in line or "- -" in line for line in lines)


def test_recipient_lines_moves_typed_nhu_tren_and_drops_typed_luu():
    lines = recipient_lines(["Sở Tài chính", "- Như trên;", "Lưu: VT."], "VT, NV")
    assert lines == ["- Như trên;", "- Sở Tài chính;", "- Lưu: VT, NV."]


def test_recipient_lines_no_duplicate_nhu_tren():
    lines = recipient_lines(["Như trên"], "VT", as_above=True)
    assert lines == ["- Như trên;", "- Lưu: VT."]


def test_recipient_lines_empty_items_skipped():
    assert recipient_lines(["", " - ; "], "VT") == ["- Lưu: VT."]


def test_recipient_lines_keeps_agency_named_luu_tru():
    lines = recipient_lines(["Trung tâm Lưu trữ lịch sử", "Lưu trữ tỉnh"], "VT")
    assert lines[:2] == ["- Trung tâm Lưu trữ lịch sử;", "- Lưu trữ tỉnh;"]


def test_recipient_lines_nfc():
    lines = recipient_lines([nfd("Sở Nội vụ")], nfd("VT, Phòng TCBM"))
    assert lines == ["- Sở Nội vụ;", "- Lưu: VT, Phòng TCBM."]
    assert all(unicodedata.is_normalized("NFC", line) for line in lines)


@pytest.mark.parametrize("copies", [0, -1, True, 2.5, "10"])
def test_recipient_lines_rejects_copies(copies):
    with pytest.raises(ValueError):
        recipient_lines(["A"], "VT", copies=copies)


@pytest.mark.parametrize(
    "recipients, expected",
    [
        ([], []),
        (["Sở Nội vụ"], ["Sở Nội vụ"]),
        (["- Sở Nội vụ."], ["Sở Nội vụ"]),
        (["Sở Nội vụ", "Sở Tài chính"], ["- Sở Nội vụ;", "- Sở Tài chính."]),
        (
            ["- Sở Nội vụ;", "Sở Tài chính;", "UBND các huyện."],
            ["- Sở Nội vụ;", "- Sở Tài chính;", "- UBND các huyện."],
        ),
        (["", "Sở Nội vụ", " "], ["Sở Nội vụ"]),
    ],
)
def test_kinh_gui_lines(recipients, expected):
    assert kinh_gui_lines(recipients) == expected


@pytest.mark.parametrize("n", range(2, 12))
def test_kinh_gui_lines_shape(n):
    lines = kinh_gui_lines([f"Đơn vị {i}" for i in range(n)])
    assert len(lines) == n
    assert all(line.startswith("- ") for line in lines)
    assert all(line.endswith(";") for line in lines[:-1]) and lines[-1].endswith(".")
