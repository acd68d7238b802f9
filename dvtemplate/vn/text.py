"""Text clean-up and Vietnamese-aware case rules.

Vietnamese letters can arrive composed (NFC, what Word writes) or decomposed
(NFD, what macOS file names and some web forms produce). They look the same but
compare, sort and measure differently, so every function here returns NFC.

Text pasted from Word or a PDF also carries control characters, bidi marks and
private-use characters; the engine uses the private-use area (U+E000–U+F8FF)
for its own markers, so user text must never contain any.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "nfc",
    "clean_text",
    "upper_vn",
    "lower_vn",
    "sentence_case",
    "collapse_spaces",
    "strip_diacritics",
    "cut_heading",
    "lower_first",
]

# Bidi embedding/override/isolate controls and marks: invisible, but they
# reorder text when Word lays it out. U+061C is the Arabic letter mark.
_BIDI = frozenset("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_WS_RUN = re.compile(r"\s+")


def nfc(text: str) -> str:
    """Return ``text`` in Unicode normal form C (composed).

    >>> nfc("Nghe\u0323\u0302 An") == "Nghệ An"
    True
    """
    return unicodedata.normalize("NFC", text)


def _keep(ch: str) -> bool:
    """Whether ``clean_text`` keeps the character ``ch``."""
    if ch in "\n\t":
        return True
    if ch in _BIDI:
        return False
    category = unicodedata.category(ch)
    # Cc = C0 (U+0000–U+001F), DEL and C1 (U+0080–U+009F);
    # Co = private use (U+E000–U+F8FF and planes 15–16);
    # Cs = lone surrogates (cannot be written as UTF-8) and the noncharacters
    # U+FDD0–U+FDEF, U+xFFFE, U+xFFFF, which XML 1.0 forbids (Word refuses the file).
    if category == "Cs" or "\ufdd0" <= ch <= "\ufdef" or (ord(ch) & 0xFFFE) == 0xFFFE:
        return False
    return category not in ("Cc", "Co")


def clean_text(text: str) -> str:
    """Make pasted text safe to put in a document.

    NFC; line breaks ``\\r\\n`` and ``\\r`` become ``\\n``; control characters
    other than ``\\n`` and ``\\t``, private-use characters and bidi controls are
    dropped; emoji (with their joiners and variation selectors) are kept; trailing
    spaces of every line are removed.

    >>> clean_text("Kế hoạch\\x07 \\ue000số 05  \\r\\nnăm 2024 ")
    'Kế hoạch số 05\\nnăm 2024'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    kept = "".join(ch for ch in text if _keep(ch))
    lines = nfc(kept).split("\n")
    return "\n".join(line.rstrip() for line in lines)


def upper_vn(text: str) -> str:
    """Upper-case Vietnamese text, diacritics kept, result in NFC.

    >>> upper_vn("ủy ban nhân dân tỉnh đắk lắk")
    'ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK'
    """
    return nfc(nfc(text).upper())


def lower_vn(text: str) -> str:
    """Lower-case Vietnamese text, diacritics kept, result in NFC.

    >>> lower_vn("ĐỘC LẬP")
    'độc lập'
    """
    return nfc(nfc(text).lower())


def sentence_case(text: str) -> str:
    """Upper-case the first letter (skipping leading digits, spaces, quotes), leave the rest.

    Used for trích yếu, which ND30 sets in sentence case; the rest is left alone
    because it often holds proper nouns ("Ninh Thuận") and abbreviations ("UBND").

    >>> sentence_case("triển khai Nghị quyết số 05")
    'Triển khai Nghị quyết số 05'
    """
    text = nfc(text)
    for i, ch in enumerate(text):
        if ch.isalpha():
            return nfc(text[:i] + ch.upper() + text[i + 1 :])
    return text


def collapse_spaces(text: str) -> str:
    """NFC, every run of whitespace (line breaks, tabs, no-break spaces) becomes one space, ends stripped.

    >>> collapse_spaces("  Sở   Nội\\u00a0vụ\\n tỉnh ")
    'Sở Nội vụ tỉnh'
    """
    return _WS_RUN.sub(" ", nfc(text)).strip()


def strip_diacritics(text: str) -> str:
    """Remove Vietnamese tone and vowel marks; ``đ``/``Đ`` become ``d``/``D``.

    Used for file names and for matching user input loosely; never for
    document text.

    >>> strip_diacritics("Phước Hà, Đắk Lắk")
    'Phuoc Ha, Dak Lak'
    """
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return nfc(bare.replace("đ", "d").replace("Đ", "D"))


HEADING_CHARS = 120
"""A part's heading in a table cell: up to this many characters, cut at a clause boundary."""
_CLAUSE_ENDS = (re.compile(r"[;.]\s"), re.compile(r":\s"), re.compile(r",\s|\s[-–]\s"))
"""Clause boundaries, strongest first: a sentence or a list item ends, then a colon (cut there, the
words before it announce what was cut: "…; thực hiện"), then a comma or a dash."""


def cut_heading(text: str, limit: int = HEADING_CHARS) -> str:
    """*text* whole when it fits in *limit* characters; else up to its last clause boundary
    within *limit* (";" or "." first, then ":", then "," or " - "), or failing one, its last space (never
    inside a word).

    >>> cut_heading("Biên soạn tài liệu hỏi - đáp ngắn gọn về Luật Thực hiện dân chủ ở cơ sở, đăng trên Cổng", 80)
    'Biên soạn tài liệu hỏi - đáp ngắn gọn về Luật Thực hiện dân chủ ở cơ sở'
    """
    text = " ".join(text.split()).rstrip(" ;:,.")
    if len(text) <= limit:
        return text
    for boundary in _CLAUSE_ENDS:
        ends = [m.start() for m in boundary.finditer(text, 0, limit + 2) if 30 <= m.start() <= limit]
        if ends:
            return text[: ends[-1]].rstrip(" ;:,.")
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ;:,.-–")


def lower_first(text: str) -> str:
    """The first letter in lower case, to run a title into a sentence: 'Tuyên truyền …' → 'tuyên truyền …';
    kept when the second letter is upper too ('UBND …') or the text opens with a quote ('“Dân vận khéo”').

    >>> lower_first("Thực hiện công tác"), lower_first("UBND tỉnh"), lower_first("A")
    ('thực hiện công tác', 'UBND tỉnh', 'A')
    """
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text
