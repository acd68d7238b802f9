"""Dates the way ND30 writes them.

ND30 (Phụ lục I, địa danh và thời gian) puts a leading zero before days below
10 and before months 1 and 2 only ("tháng 01", "tháng 02", but "tháng 3"): the
zero stops anyone from adding a digit in front of a one-digit day or a
January/February that could become 11 or 12. A draft leaves day and month
blank so the văn thư can fill them in by hand on signing.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime

from .text import collapse_spaces

__all__ = [
    "BLANK",
    "day_str",
    "month_str",
    "date_line",
    "date_words",
    "short_date",
    "day_month",
    "parse_vn_date",
    "add_years",
]

BLANK = "     "
"""Five spaces: what a draft shows in place of a missing day, month or number."""


def _check_int(value: object, name: str, low: int, high: int) -> int:
    """Reject bools, non-ints and out-of-range values (programming misuse)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be an int, got {value!r}")
    if not low <= value <= high:
        raise ValueError(f"{name} must be in {low}..{high}, got {value}")
    return value


def day_str(day: int) -> str:
    """Two-digit day.

    >>> day_str(5), day_str(15)
    ('05', '15')
    """
    return f"{_check_int(day, 'day', 1, 31):02d}"


def month_str(month: int) -> str:
    """Month as ND30 writes it: leading zero for 1 and 2 only.

    >>> month_str(1), month_str(2), month_str(3), month_str(12)
    ('01', '02', '3', '12')
    """
    month = _check_int(month, "month", 1, 12)
    return f"{month:02d}" if month <= 2 else str(month)


def _words(day: int | None, month: int | None, year: int) -> str:
    year = _check_int(year, "year", 1, 9999)
    if day is not None and month is not None:
        _check_int(month, "month", 1, 12)
        _check_int(day, "day", 1, calendar.monthrange(year, month)[1])
    # a blank stands where " 05" would: "ngày      tháng      năm 2024" (6 spaces, as ND30's draft)
    d = BLANK if day is None else " " + day_str(day)
    m = BLANK if month is None else " " + month_str(month)
    return f"ngày{d} tháng{m} năm {year}"


def date_line(place: str, day: int | None, month: int | None, year: int) -> str:
    """The địa danh và thời gian line; missing day/month become ``BLANK``.

    The place is NFC'd, its spaces collapsed and a trailing comma dropped; an
    empty place gives the date alone.

    >>> date_line("Ninh Thuận", 5, 1, 2024)
    'Ninh Thuận, ngày 05 tháng 01 năm 2024'
    >>> date_line("Ninh Thuận", None, 12, 2021) == "Ninh Thuận, ngày" + BLANK + " tháng 12 năm 2021"
    True
    """
    words = _words(day, month, year)
    place = collapse_spaces(place).rstrip(",").rstrip()
    return f"{place}, {words}" if place else words


def date_words(d: date) -> str:
    """A full date in words, without place.

    >>> date_words(date(2024, 1, 5))
    'ngày 05 tháng 01 năm 2024'
    """
    return _words(d.day, d.month, d.year)


def short_date(d: date) -> str:
    """A date in running text, the one way every document writes it: ``dd/m/yyyy``.

    The day keeps its zero and the month has one for January and February only, as
    in the date line (ND30 Phụ lục I) and in the citations of real documents
    ("Nghị quyết số 25-NQ/TW ngày 03/6/2013", "trước ngày 15/6/2026").

    >>> short_date(date(2024, 1, 5)), short_date(date(2026, 6, 15)), short_date(date(2025, 12, 5))
    ('05/01/2024', '15/6/2026', '05/12/2025')
    """
    return f"{day_str(d.day)}/{month_str(d.month)}/{d.year:04d}"


def day_month(day: int, month: int) -> str:
    """A day of every year in running text ("trước ngày 15/6").

    >>> day_month(15, 6), day_month(5, 2)
    ('15/6', '05/02')
    """
    return f"{day_str(day)}/{month_str(month)}"


# re.ASCII: \d is 0-9 only (no Arabic-Indic or full-width digits).
_NUMERIC = re.compile(r"(?:ngày\s*)?(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})", re.ASCII)
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)
_WORDS = re.compile(r"(?:[^\d,]+,\s*)?ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.ASCII)


def _make(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def parse_vn_date(text: str) -> date | None:
    """Read a date typed by a clerk; ``None`` when the text is not one whole, real date.

    Accepts ``15/12/2024``, ``5/1/2024``, ``15-12-2024``, ``15.12.2024``,
    ``2024-12-15``, ``ngày 05 tháng 01 năm 2024`` (with or without a leading
    ``"<place>, "``), in any case and NFC or NFD. A ``date`` passes through, a
    ``datetime`` gives its date; anything else gives ``None``.

    >>> parse_vn_date("ngày 05 tháng 01 năm 2024")
    datetime.date(2024, 1, 5)
    >>> parse_vn_date("31/02/2024") is None
    True
    """
    if isinstance(text, datetime):
        return text.date()
    if isinstance(text, date):
        return text
    if not isinstance(text, str):
        return None
    text = collapse_spaces(text).lower().rstrip(".")
    m = _NUMERIC.fullmatch(text)
    if m:
        return _make(m.group(4), m.group(3), m.group(1))
    m = _ISO.fullmatch(text)
    if m:
        return _make(m.group(1), m.group(2), m.group(3))
    m = _WORDS.fullmatch(text)
    if m:
        return _make(m.group(3), m.group(2), m.group(1))
    return None


def add_years(d: date, n: int) -> date:
    """Same day and month ``n`` years later; 29 February becomes 28 February in a common year.

    >>> add_years(date(2024, 2, 29), 1)
    datetime.date(2025, 2, 28)
    """
    n = _check_int(n, "n", -9999, 9999)
    year = d.year + n
    if not 1 <= year <= 9999:
        raise ValueError(f"year {year} out of range")
    last = calendar.monthrange(year, d.month)[1]
    return date(year, d.month, min(d.day, last))
