"""dvtemplate.vn.text: NFC, clean-up and Vietnamese case rules."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dvtemplate.vn import clean_text, collapse_spaces, lower_vn, nfc, sentence_case, strip_diacritics, upper_vn

# Every Vietnamese vowel with every tone, plus đ: the letters that must survive all functions.
VOWELS = "aăâeêioôơuưy"
TONES = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]
VN_LETTERS = sorted({nfc(v + t) for v in VOWELS for t in TONES} | {"đ"})


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_vn_letters_table_is_complete():
    assert len(VN_LETTERS) == 12 * 6 + 1


@pytest.mark.parametrize("letter", VN_LETTERS)
def test_nfc_composes_every_letter(letter):
    assert nfc(nfd(letter)) == letter
    assert len(nfc(nfd(letter))) == 1


@pytest.mark.parametrize("letter", VN_LETTERS)
def test_upper_vn_every_letter_nfc_and_nfd(letter):
    expected = unicodedata.normalize("NFC", letter.upper())
    assert len(expected) == 1
    assert upper_vn(letter) == expected
    assert upper_vn(nfd(letter)) == expected
    assert lower_vn(expected) == letter
    assert lower_vn(nfd(expected)) == letter


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ủy ban nhân dân tỉnh", "ỦY BAN NHÂN DÂN TỈNH"),
        ("đ", "Đ"),
        ("sở nội vụ tỉnh ninh thuận", "SỞ NỘI VỤ TỈNH NINH THUẬN"),
        ("cộng hòa xã hội chủ nghĩa việt nam", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("Phó Chủ tịch", "PHÓ CHỦ TỊCH"),
        ("ĐÃ HOA", "ĐÃ HOA"),
        ("", ""),
    ],
)
def test_upper_vn_examples(text, expected):
    assert upper_vn(text) == expected
    assert upper_vn(nfd(text)) == expected
    assert unicodedata.is_normalized("NFC", upper_vn(nfd(text)))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("triển khai Nghị quyết số 05", "Triển khai Nghị quyết số 05"),
        ("đẩy mạnh cải cách hành chính", "Đẩy mạnh cải cách hành chính"),
        ("ủy ban", "Ủy ban"),
        ("Đã viết hoa", "Đã viết hoa"),
        ("  ưu tiên", "  Ưu tiên"),
        ("“dân vận khéo”", "“Dân vận khéo”"),
        ("1. nội dung", "1. Nội dung"),
        ("rest UNTOUCHED UBND", "Rest UNTOUCHED UBND"),
        ("", ""),
        ("123", "123"),
    ],
)
def test_sentence_case(text, expected):
    assert sentence_case(text) == expected
    assert sentence_case(nfd(text)) == expected


@pytest.mark.parametrize("letter", VN_LETTERS)
def test_sentence_case_every_first_letter(letter):
    assert sentence_case(nfd(letter) + " x y") == upper_vn(letter) + " x y"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("  Sở   Nội\u00a0vụ\n tỉnh ", "Sở Nội vụ tỉnh"),
        ("a\t\tb", "a b"),
        ("\u2003a\u3000b\u2028c", "a b c"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_collapse_spaces(text, expected):
    assert collapse_spaces(text) == expected


@given(st.text())
def test_collapse_spaces_properties(text):
    out = collapse_spaces(text)
    assert out == out.strip()
    assert "  " not in out
    assert not any(ch.isspace() and ch != " " for ch in out)
    assert unicodedata.is_normalized("NFC", out)


@pytest.mark.parametrize(
    "code", [c for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)] + [0x7F] + list(range(0x80, 0xA0))
)
def test_clean_text_drops_every_control_char(code):
    # \r is not dropped but turned into a line break (test_clean_text_lines).
    assert clean_text(f"a{chr(code)}b") == "ab"


@pytest.mark.parametrize("code", [0xE000, 0xE001, 0xE123, 0xF000, 0xF8FF, 0xF0000, 0x10FFFD])
def test_clean_text_drops_private_use(code):
    assert clean_text(f"Kế{chr(code)} hoạch") == "Kế hoạch"


@pytest.mark.parametrize(
    "code", [0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069]
)
def test_clean_text_drops_bidi_controls(code):
    assert clean_text(f"Số{chr(code)} 05") == "Số 05"


@pytest.mark.parametrize(
    "text",
    ["👍", "👨‍👩‍👧", "❤️", "🇻🇳", "Tổ 👷🏽 công tác"],
)
def test_clean_text_keeps_emoji(text):
    assert clean_text(text) == text


@pytest.mark.parametrize(
    "text, expected",
    [
        ("dòng 1  \ndòng 2\t\n", "dòng 1\ndòng 2\n"),
        ("a\r\nb\rc", "a\nb\nc"),
        ("\tthụt đầu dòng", "\tthụt đầu dòng"),
        ("giữ  hai  dấu cách", "giữ  hai  dấu cách"),
        ("Kế hoạch\x07 \ue000số 05  \r\nnăm 2024 ", "Kế hoạch số 05\nnăm 2024"),
    ],
)
def test_clean_text_lines(text, expected):
    assert clean_text(text) == expected


def test_clean_text_composes_after_dropping():
    # A control character between a letter and its combining mark must not block composition.
    assert clean_text("e\x00\u0302") == "ê"
    assert clean_text(nfd("Nghệ An")) == "Nghệ An"


@given(st.text())
def test_clean_text_properties(text):
    out = clean_text(text)
    assert unicodedata.is_normalized("NFC", out)
    for ch in out:
        cat = unicodedata.category(ch)
        assert cat != "Co"
        assert cat != "Cc" or ch in "\n\t"
        assert not (0xE000 <= ord(ch) <= 0xF8FF)
    assert all(line == line.rstrip() for line in out.split("\n"))
    assert clean_text(out) == out  # idempotent


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Phước Hà, Đắk Lắk", "Phuoc Ha, Dak Lak"),
        ("ĐỘC LẬP - TỰ DO - HẠNH PHÚC", "DOC LAP - TU DO - HANH PHUC"),
        ("Nguyễn Thị Ưng", "Nguyen Thi Ung"),
    ],
)
def test_strip_diacritics(text, expected):
    assert strip_diacritics(text) == expected
    assert strip_diacritics(nfd(text)) == expected


@pytest.mark.parametrize("letter", VN_LETTERS)
def test_strip_diacritics_every_letter_ascii(letter):
    for form in (letter, upper_vn(letter)):
        out = strip_diacritics(form)
        assert len(out) == 1 and out.isascii() and out.isalpha()


def test_cut_heading_keeps_short_titles_and_cuts_long_ones_at_a_clause_never_inside_a_word():
    from dvtemplate.vn import cut_heading

    short = "Tuyên truyền, phổ biến các văn bản về công tác dân vận"
    assert cut_heading(short) == short
    long = "Thực hiện nghiêm việc tiếp công dân định kỳ của người đứng đầu; giải quyết kịp thời, dứt điểm khiếu nại."
    assert cut_heading(long, 80) == "Thực hiện nghiêm việc tiếp công dân định kỳ của người đứng đầu"
    words = "Đẩy mạnh chuyển đổi số trong tiếp nhận và trả lời phản ánh kiến nghị của người dân doanh nghiệp"
    cut = cut_heading(words, 60)
    assert len(cut) <= 60 and words.startswith(cut) and words[len(cut)] == " " and "…" not in cut
