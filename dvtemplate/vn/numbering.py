"""Numbering of headings, points and documents.

ND30 numbers sections with Roman numerals (I, II, …), items with Arabic
numerals and points with the letters of the Vietnamese legal alphabet, which
has đ after d and no f, j, w, z. Document numbers below 10 get a leading zero
(01…09) so a digit cannot be added in front of them.
"""

from __future__ import annotations

import re
import unicodedata

from .dates import BLANK

__all__ = [
    "roman",
    "from_roman",
    "POINT_ALPHABET",
    "point_letter",
    "point_index",
    "doc_number",
    "quantity",
    "grouped",
]

_ROMAN_VALUES = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)
_ROMAN_RE = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
_ROMAN_DIGIT = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def _positive(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be an int, got {value!r}")
    return value


def roman(n: int) -> str:
    """Roman numeral for 1..3999 (section numbers).

    >>> roman(1), roman(4), roman(14), roman(1994)
    ('I', 'IV', 'XIV', 'MCMXCIV')
    """
    n = _positive(n, "n")
    if not 1 <= n <= 3999:
        raise ValueError(f"roman numerals cover 1..3999, got {n}")
    out = []
    for value, symbol in _ROMAN_VALUES:
        count, n = divmod(n, value)
        out.append(symbol * count)
    return "".join(out)


def from_roman(s: str) -> int:
    """Value of a canonical Roman numeral (case and surrounding spaces ignored).

    Non-canonical forms such as ``"IIII"`` or ``"IC"`` are rejected, so a word
    like ``"DIM"`` is never taken for a number.

    >>> from_roman("XIV"), from_roman(" iv ")
    (14, 4)
    """
    if not isinstance(s, str):
        raise ValueError(f"expected a string, got {s!r}")
    text = s.strip().upper()
    if not text or not _ROMAN_RE.fullmatch(text):
        raise ValueError(f"not a Roman numeral: {s!r}")
    total = 0
    for i, ch in enumerate(text):
        value = _ROMAN_DIGIT[ch]
        following = _ROMAN_DIGIT[text[i + 1]] if i + 1 < len(text) else 0
        total += -value if value < following else value
    return total


POINT_ALPHABET: tuple[str, ...] = (
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
"""Letters of points (điểm) in Vietnamese legal drafting, in order."""

_POINT_INDEX = {letter: i for i, letter in enumerate(POINT_ALPHABET)}


def point_letter(index: int) -> str:
    """Letter of the point at 0-based ``index``; after ``y`` letters double, then triple.

    >>> point_letter(0), point_letter(4), point_letter(5), point_letter(22), point_letter(23)
    ('a', 'đ', 'e', 'y', 'aa')
    """
    index = _positive(index, "index")
    if index < 0:
        raise ValueError(f"index must be >= 0, got {index}")
    repeat, pos = divmod(index, len(POINT_ALPHABET))
    return POINT_ALPHABET[pos] * (repeat + 1)


def point_index(letter: str) -> int:
    """Inverse of ``point_letter``: ``"a"`` → 0, ``"đ"`` → 4, ``"aa"`` → 23.

    Accepts upper case, NFD input, surrounding spaces and a trailing ``")"``
    (``"b)"`` as typed in a document).

    >>> point_index("đ"), point_index("Đ"), point_index("c)"), point_index("bb")
    (4, 4, 2, 24)
    """
    if not isinstance(letter, str):
        raise ValueError(f"expected a string, got {letter!r}")
    text = unicodedata.normalize("NFC", letter).strip()
    if text.endswith(")"):
        text = text[:-1].rstrip()
    text = text.lower()
    if not text or len(set(text)) != 1 or text[0] not in _POINT_INDEX:
        raise ValueError(f"not a point letter: {letter!r}")
    return _POINT_INDEX[text[0]] + (len(text) - 1) * len(POINT_ALPHABET)


def doc_number(n: int | None) -> str:
    """Document number with a leading zero below 10; ``BLANK`` for a draft.

    >>> doc_number(5), doc_number(112), doc_number(None) == BLANK
    ('05', '112', True)
    """
    if n is None:
        return BLANK
    n = _positive(n, "n")
    if n < 1:
        raise ValueError(f"document numbers start at 1, got {n}")
    return f"{n:02d}"


def quantity(n: int) -> str:
    """A count in running text as administrative documents write it: a leading zero below 10
    ("06 cơ quan, đơn vị", "02 ý kiến"), a dot between thousands ("3.300 đơn vị").

    >>> quantity(6), quantity(12), quantity(3300), quantity(0)
    ('06', '12', '3.300', '0')
    """
    return f"{n:02d}" if 0 < n < 10 else grouped(n)


def grouped(n: int) -> str:
    """An integer with a dot between thousands, as Vietnamese writes it (limits in messages, counts).

    >>> grouped(20_000_000), grouped(950)
    ('20.000.000', '950')
    """
    return f"{n:,}".replace(",", ".")
