"""ND30 III.2: the issuer name breaks to fit its column and the rule under it is 1/3–1/2 of the line."""

from __future__ import annotations

import pytest

from dvtemplate.vn import RULE_WIDTHS_MM, break_issuer_name, rule_width_mm, text_width_mm

NAMES = [
    "SỞ NỘI VỤ",
    "ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA",
    "ỦY BAN NHÂN DÂN PHƯỜNG NHA TRANG",
    "ỦY BAN NHÂN DÂN ĐẶC KHU TRƯỜNG SA",
    "SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH KHÁNH HÒA",
    "VĂN PHÒNG HỘI ĐỒNG NHÂN DÂN VÀ ỦY BAN NHÂN DÂN XÃ DIÊN KHÁNH",
]


def test_width_grows_with_text_and_size():
    assert text_width_mm("SỞ NỘI VỤ", 12) < text_width_mm("SỞ NỘI VỤ TỈNH", 12) < text_width_mm("SỞ NỘI VỤ TỈNH", 13)
    assert 20 < text_width_mm("SỞ NỘI VỤ", 12) < 26  # measured in Word: about 23 mm


@pytest.mark.parametrize("name", NAMES)
def test_lines_fit_the_column_and_keep_every_word(name):
    lines = break_issuer_name(name, 62)
    assert " ".join(lines) == name
    assert all(text_width_mm(line, 12) <= 62 for line in lines)


def test_uy_ban_nhan_dan_is_its_own_line():
    assert break_issuer_name("ỦY BAN NHÂN DÂN PHƯỜNG NHA TRANG", 62) == ["ỦY BAN NHÂN DÂN", "PHƯỜNG NHA TRANG"]
    assert break_issuer_name("SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH KHÁNH HÒA", 62) == [
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "TỈNH KHÁNH HÒA",
    ]


@pytest.mark.parametrize("name", NAMES)
def test_rule_is_a_third_to_a_half_of_the_longest_line(name):
    lines = break_issuer_name(name, 62)
    width = max(text_width_mm(line, 12) for line in lines)
    rule = rule_width_mm(lines)
    assert rule in RULE_WIDTHS_MM
    assert width / 3 <= rule <= width / 2
