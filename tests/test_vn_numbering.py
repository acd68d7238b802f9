"""dvtemplate.vn.numbering: Roman numerals, point letters, document numbers."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dvtemplate.vn import BLANK, POINT_ALPHABET, doc_number, from_roman, point_index, point_letter, roman


def _roman_reference(n: int) -> str:
    """Independent construction: digit by digit with the classic patterns."""
    ones = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]
    tens = ["", "X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX", "XC"]
    hundreds = ["", "C", "CC", "CCC", "CD", "D", "DC", "DCC", "DCCC", "CM"]
    return "M" * (n // 1000) + hundreds[n // 100 % 10] + tens[n // 10 % 10] + ones[n % 10]


@given(st.integers(min_value=1, max_value=3999))
def test_roman_matches_reference_and_round_trips(n):
    s = roman(n)
    assert s == _roman_reference(n)
    assert from_roman(s) == n
    assert from_roman(s.lower()) == n


def test_roman_all_distinct():
    assert len({roman(n) for n in range(1, 4000)}) == 3999


@pytest.mark.parametrize(
    "n, s",
    [
        (1, "I"),
        (4, "IV"),
        (9, "IX"),
        (14, "XIV"),
        (40, "XL"),
        (90, "XC"),
        (400, "CD"),
        (1994, "MCMXCIV"),
        (3999, "MMMCMXCIX"),
    ],
)
def test_roman_examples(n, s):
    assert roman(n) == s


@pytest.mark.parametrize("bad", [0, -1, 4000, 10**6, True, 1.0, "1", None])
def test_roman_rejects(bad):
    with pytest.raises(ValueError):
        roman(bad)


@pytest.mark.parametrize(
    "bad", ["", " ", "IIII", "IC", "VX", "IL", "XM", "MMMM", "DD", "VV", "LL", "IIV", "ABC", "X I", "1", "DIM", None, 5]
)
def test_from_roman_rejects(bad):
    with pytest.raises(ValueError):
        from_roman(bad)


def test_from_roman_strips_spaces():
    assert from_roman("  XIV\n") == 14


def test_point_alphabet_is_the_legal_alphabet():
    assert POINT_ALPHABET == (
        "a",
        "b",
        "c",
        "d",
        "đ",
        "e",
        "g",
        "h",
        "i",
        "k",
        "l",
        "m",
        "n",
        "o",
        "p",
        "q",
        "r",
        "s",
        "t",
        "u",
        "v",
        "x",
        "y",
    )
    assert len(POINT_ALPHABET) == 23
    assert not {"f", "j", "w", "z"} & set(POINT_ALPHABET)
    assert all(unicodedata.is_normalized("NFC", x) for x in POINT_ALPHABET)


@pytest.mark.parametrize("i, letter", list(enumerate(POINT_ALPHABET)))
def test_point_letter_whole_alphabet(i, letter):
    assert point_letter(i) == letter
    assert point_index(letter) == i
    assert point_index(letter.upper()) == i
    assert point_index(unicodedata.normalize("NFD", letter)) == i
    assert point_index(f" {letter}) ") == i


@given(st.integers(min_value=0, max_value=23 * 4))
def test_point_letter_doubling_round_trip(i):
    s = point_letter(i)
    assert len(s) == i // 23 + 1
    assert set(s) == {POINT_ALPHABET[i % 23]}
    assert point_index(s) == i


@pytest.mark.parametrize(
    "i, s", [(0, "a"), (4, "đ"), (5, "e"), (22, "y"), (23, "aa"), (24, "bb"), (27, "đđ"), (45, "yy"), (46, "aaa")]
)
def test_point_letter_examples(i, s):
    assert point_letter(i) == s


@pytest.mark.parametrize("bad", [-1, -100, 1.0, True, None, "a"])
def test_point_letter_rejects(bad):
    with pytest.raises(ValueError):
        point_letter(bad)


@pytest.mark.parametrize("bad", ["", "f", "j", "w", "z", "ab", "a)b", "1", "ă", "aa)a", ")", None, 0])
def test_point_index_rejects(bad):
    with pytest.raises(ValueError):
        point_index(bad)


@given(st.integers(min_value=1, max_value=99999))
def test_doc_number(n):
    s = doc_number(n)
    assert int(s) == n
    assert len(s) == max(2, len(str(n)))


def test_doc_number_examples():
    assert doc_number(5) == "05"
    assert doc_number(10) == "10"
    assert doc_number(112) == "112"
    assert doc_number(None) == BLANK


@pytest.mark.parametrize("bad", [0, -5, True, "5", 5.0])
def test_doc_number_rejects(bad):
    with pytest.raises(ValueError):
        doc_number(bad)
