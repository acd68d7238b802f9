"""Vietnamese figures as units type them: '1.234', '1,5', '1.234,5', '95%', '12 cuộc', 'Có'.

Pure functions. Vietnamese writes '.' between thousands and ',' before decimals;
a single '.' followed by other than three digits ('1.5', typed in an English
locale) is read as a decimal point. A figure may be followed by its unit of
measure ('12 cuộc', '95 %') but not by other figures ('10 - 12', '5/7'): those
are not one value and come back as an error, never as a guess. A blank is
missing, never 0.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from ..limits import MAX_FIGURE_DIGITS

__all__ = ["parse_number", "parse_value", "format_number", "ValueProblem"]

_NUMBER = re.compile(r"[+-]?\d[\d.,\s\u00a0]*")
_YES = {"có", "co", "x", "đạt", "dat", "yes", "y", "1", "rồi", "đã có", "có mô hình"}
_NO = {"không", "khong", "0", "chưa", "chua", "no", "n", "không có", "chưa có"}


class ValueProblem(ValueError):
    """What was typed does not fit the field's type (the message is Vietnamese)."""


def _shown(text: str) -> str:
    """*text* as a message quotes it: at most 40 characters."""
    return text if len(text) <= 40 else text[:40] + "…"


def _digits(text: str) -> Decimal:
    raw = re.sub(r"[\s\u00a0]", "", text)
    sign = ""
    if raw[:1] in "+-":
        sign, raw = raw[0].replace("+", ""), raw[1:]
    if "," in raw and "." in raw:
        if raw.rfind(",") < raw.rfind("."):  # 1,234.5 (English) — read as typed
            whole, frac = raw.rsplit(".", 1)
            whole = whole.replace(",", "")
        else:
            whole, frac = raw.rsplit(",", 1)
            whole = whole.replace(".", "")
    elif "," in raw:
        if raw.count(",") > 1:
            whole, frac = raw.replace(",", ""), ""
        else:
            whole, frac = raw.split(",")
    elif "." in raw:
        parts = raw.split(".")
        if len(parts) > 2 or len(parts[1]) == 3:
            whole, frac = raw.replace(".", ""), ""  # 1.234 / 1.234.567: thousands
        else:
            whole, frac = parts
    else:
        whole, frac = raw, ""
    if not whole.isdigit() or (frac and not frac.isdigit()):
        raise ValueProblem(f"'{_shown(text)}' không phải một số")
    if len(whole.lstrip("0")) + len(frac.rstrip("0")) > MAX_FIGURE_DIGITS:
        raise ValueProblem(f"'{_shown(text)}' có quá {MAX_FIGURE_DIGITS} chữ số, không phải một số liệu báo cáo")
    return Decimal(f"{sign}{whole}.{frac or '0'}")


def parse_number(text: str, unit: str | None = None) -> tuple[Decimal, bool]:
    """The figure in *text* and whether a '%' followed it; ValueProblem when *text* is not one figure."""
    clean = unicodedata.normalize("NFC", text or "").strip().rstrip(".;")
    m = _NUMBER.match(clean)
    if not m:
        raise ValueProblem(f"'{_shown(text)}' không phải một số")
    figure = m.group(0).strip().rstrip(".,")
    rest = clean[m.start() + len(figure) :].strip()
    percent = rest.startswith("%")
    rest = rest.lstrip("%").strip()
    if re.search(r"\d", rest):
        raise ValueProblem(f"'{_shown(text)}' có nhiều hơn một số")
    if len(rest) > 30:  # a unit of measure, not a sentence
        raise ValueProblem(f"'{_shown(text)}' không phải một số")
    try:
        return _digits(figure), percent
    except InvalidOperation:
        raise ValueProblem(f"'{_shown(text)}' không phải một số") from None


def parse_value(text: str, kind: str, unit: str | None = None):
    """*text* as a value of *kind* (integer, decimal, percent, yes_no, text); None when blank."""
    text = " ".join((text or "").split())
    if not text:
        return None
    if kind == "text":
        return text
    if kind == "yes_no":
        word = text.lower().rstrip(".;!")
        if word in _YES:
            return True
        if word in _NO:
            return False
        raise ValueProblem(f"'{_shown(text)}' phải là 'Có' hoặc 'Không'")
    number, _ = parse_number(text, unit)
    if kind == "integer":
        if number != number.to_integral_value():
            raise ValueProblem(f"'{_shown(text)}' phải là số nguyên")
        if number < 0:
            raise ValueProblem(f"'{_shown(text)}' không được âm")
        return int(number)
    if kind == "percent" and not 0 <= number <= 100:
        raise ValueProblem(f"'{_shown(text)}' phải là tỷ lệ từ 0 đến 100%")
    return number


def format_number(value, decimals: int = 2) -> str:
    """1234.5 → '1.234,5'; 1234 → '1.234'; True → 'Có' (Vietnamese separators, no trailing zeros)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, str):
        return value
    if isinstance(value, int) or value == value.to_integral_value():  # the usual case: a whole number
        whole = int(value)
        return ("-" if whole < 0 else "") + f"{abs(whole):,}".replace(",", ".")
    number = Decimal(value).quantize(Decimal(1).scaleb(-decimals))
    whole, _, frac = f"{abs(number):f}".partition(".")
    frac = frac.rstrip("0")
    grouped = f"{int(whole):,}".replace(",", ".")
    return ("-" if number < 0 else "") + grouped + ("," + frac if frac else "")
