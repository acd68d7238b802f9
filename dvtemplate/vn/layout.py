"""How long a header line is on paper, so the issuer name breaks and its rule is sized as ND30 says.

Nghị định 30 (Phụ lục I, III.2): the issuing body is UPPER CASE, bold, and "phía dưới có đường kẻ
ngang, nét liền, có độ dài bằng từ 1/3 đến 1/2 độ dài của dòng chữ". A .docx template cannot measure
text, so the width is estimated from Times New Roman's average advances (good to a few per cent for
upper-case Vietnamese, which is all the header holds) and the rule is picked from fixed widths.
"""

from __future__ import annotations

import unicodedata

__all__ = ["RULE_WIDTHS_MM", "text_width_mm", "break_issuer_name", "rule_width_mm"]

RULE_WIDTHS_MM = (10, 15, 20, 25, 30, 35, 40)
"""The rule lengths the templates offer under the issuing body (mm)."""

_PT_MM = 25.4 / 72
# average advance in em of Times New Roman (bold) by character class
_EM = {"upper": 0.70, "lower": 0.50, "digit": 0.50, "space": 0.25, "narrow": 0.33, "other": 0.55}
_NARROW = set(".,:;'!|()[]/-")
_PREFIXES = ("ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN", "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM", "VĂN PHÒNG")
_PLACES = ("TỈNH", "THÀNH PHỐ", "HUYỆN", "QUẬN", "THỊ XÃ", "XÃ", "PHƯỜNG", "THỊ TRẤN", "ĐẶC KHU")


def _advance(ch: str) -> float:
    base = unicodedata.normalize("NFD", ch)[0]
    if ch.isspace():
        return _EM["space"]
    if base in _NARROW:
        return _EM["narrow"]
    if base.isdigit():
        return _EM["digit"]
    if base.isalpha():
        return _EM["upper"] if base.isupper() else _EM["lower"]
    return _EM["other"]


def text_width_mm(text: str, size_pt: float, bold: bool = True) -> float:
    """Estimated printed width of *text* in Times New Roman at *size_pt*.

    >>> round(text_width_mm("SỞ NỘI VỤ", 12))
    23
    """
    factor = 1.0 if bold else 0.95
    return sum(_advance(ch) for ch in text) * size_pt * _PT_MM * factor


def break_issuer_name(name: str, max_mm: float, size_pt: float = 12) -> list[str]:
    """Split an UPPER CASE issuer name into lines that fit *max_mm*, the way offices break them.

    >>> break_issuer_name("ỦY BAN NHÂN DÂN PHƯỜNG NHA TRANG", 62)
    ['ỦY BAN NHÂN DÂN', 'PHƯỜNG NHA TRANG']
    >>> break_issuer_name("BAN DÂN VẬN / MẶT TRẬN XÃ CAM LÂM", 62)
    ['BAN DÂN VẬN / MẶT TRẬN', 'XÃ CAM LÂM']
    >>> break_issuer_name("SỞ NỘI VỤ", 62)
    ['SỞ NỘI VỤ']
    """
    name = " ".join(name.split())
    if text_width_mm(name, size_pt) <= max_mm:
        return [name]
    for prefix in _PREFIXES:
        if name.startswith(prefix + " "):
            return [prefix, *break_issuer_name(name[len(prefix) + 1 :], max_mm, size_pt)]
    words = name.split()
    # prefer a break before the place ("SỞ NỘI VỤ" / "TỈNH KHÁNH HÒA"), the last one that fits
    for i in range(len(words) - 1, 0, -1):
        if any(" ".join(words[i : i + len(p.split())]) == p for p in _PLACES):
            head, tail = " ".join(words[:i]), " ".join(words[i:])
            if text_width_mm(head, size_pt) <= max_mm and text_width_mm(tail, size_pt) <= max_mm:
                return [head, tail]
    lines, line = [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if line and text_width_mm(candidate, size_pt) > max_mm:
            lines.append(line)
            line = word
        else:
            line = candidate
    return lines + [line] if line else lines


def rule_width_mm(lines: list[str], size_pt: float = 12) -> int:
    """The offered rule length closest to 40 % of the longest line, kept within 1/3–1/2 when possible.

    >>> rule_width_mm(["ỦY BAN NHÂN DÂN", "TỈNH KHÁNH HÒA"])
    15
    """
    width = max((text_width_mm(line, size_pt) for line in lines), default=0.0)
    fitting = [w for w in RULE_WIDTHS_MM if width / 3 <= w <= width / 2]
    pool = fitting or list(RULE_WIDTHS_MM)
    return min(pool, key=lambda w: abs(w - 0.4 * width))
