"""dvtemplate.vn.filenames: safe, unique file names."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dvtemplate.vn import WINDOWS_RESERVED, safe_filename, unique_filenames

SAFE = re.compile(r"[A-Za-z0-9._-]+")


def assert_safe(name: str, max_len: int = 80) -> None:
    assert SAFE.fullmatch(name), name
    assert 1 <= len(name) <= max_len
    assert not name.startswith(".") and not name.endswith(".")
    assert not name.startswith("-") and not name.endswith("-")
    assert "--" not in name
    assert name.partition(".")[0].upper() not in WINDOWS_RESERVED


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("UBND xã Phước Hà / Thuận Nam", "UBND-xa-Phuoc-Ha-Thuan-Nam"),
        ("Báo cáo quý I/2024", "Bao-cao-quy-I-2024"),
        ("Sở Nội vụ: Kế hoạch *2024*?", "So-Noi-vu-Ke-hoach-2024"),
        ("ĐẮK LẮK", "DAK-LAK"),
        ('a\\b|c<d>e"f', "a-b-c-d-e-f"),
        ("ke_hoach.v2", "ke_hoach.v2"),
        ("..hidden", "hidden"),
        ("trailing. ", "trailing"),
        ("", "van-ban"),
        ("???", "van-ban"),
        ("文件", "van-ban"),
        ("Tổ 👷 công tác", "To-cong-tac"),
    ],
)
def test_safe_filename_examples(raw, expected):
    assert safe_filename(raw) == expected
    assert safe_filename(unicodedata.normalize("NFD", raw)) == expected


@pytest.mark.parametrize("reserved", sorted(WINDOWS_RESERVED))
def test_reserved_names_get_suffix(reserved):
    assert safe_filename(reserved) == reserved + "_"
    assert safe_filename(reserved.lower()) == reserved.lower() + "_"
    assert safe_filename(reserved + ".docx") == reserved + "_.docx"
    assert safe_filename(reserved + "x") == reserved + "x"


def test_reserved_set_complete():
    assert WINDOWS_RESERVED == {"CON", "PRN", "AUX", "NUL"} | {f"COM{i}" for i in range(1, 10)} | {
        f"LPT{i}" for i in range(1, 10)
    }


@pytest.mark.parametrize("max_len", [1, 2, 3, 4, 5, 10, 80])
@pytest.mark.parametrize("raw", ["CON", "con.docx", "LPT1", "Ủy ban nhân dân tỉnh Ninh Thuận", "", "a" * 200])
def test_max_len(raw, max_len):
    assert_safe(safe_filename(raw, max_len=max_len), max_len)


def test_truncation_keeps_prefix():
    out = safe_filename("Kế hoạch thực hiện công tác dân vận chính quyền năm 2024 của UBND tỉnh Ninh Thuận")
    assert len(out) <= 80
    assert out.startswith("Ke-hoach-thuc-hien-cong-tac-dan-van")


@pytest.mark.parametrize("bad", [0, -1, True, 1.5])
def test_bad_max_len(bad):
    with pytest.raises(ValueError):
        safe_filename("x", max_len=bad)


@given(st.text(), st.integers(min_value=1, max_value=100))
def test_safe_filename_properties(text, max_len):
    out = safe_filename(text, max_len=max_len)
    assert_safe(out, max_len)
    assert safe_filename(out, max_len=max_len) == out  # idempotent


def test_unique_filenames_examples():
    assert unique_filenames(["Xã Phước Hà", "xa phuoc ha", "XÃ PHƯỚC HÀ", "Xã Phước Hậu"]) == [
        "Xa-Phuoc-Ha",
        "xa-phuoc-ha-2",
        "XA-PHUOC-HA-3",
        "Xa-Phuoc-Hau",
    ]
    assert unique_filenames(["a", "a", "a-2"]) == ["a", "a-2", "a-2-2"]
    assert unique_filenames([]) == []
    assert unique_filenames(["", "?"]) == ["van-ban", "van-ban-2"]


def test_unique_filenames_respects_max_len():
    out = unique_filenames(["x" * 100] * 12, max_len=10)
    assert len({n.casefold() for n in out}) == 12
    assert all(len(n) <= 10 for n in out)
    assert out[0] == "x" * 10 and out[11] == "x" * 7 + "-12"


@given(st.lists(st.text(max_size=12), max_size=30))
def test_unique_filenames_properties(names):
    out = unique_filenames(names)
    assert len(out) == len(names)
    assert len({n.casefold() for n in out}) == len(out)
    for raw, name in zip(names, out, strict=False):
        assert_safe(name)
        assert name.startswith(safe_filename(raw))
