"""Vietnamese public holidays and working days, from the ``holidays`` package (country ``VN``).

Why: deadlines written into a plan ("trước ngày 15/12"), dates rolled over to
next year and report due dates should not land on a day the office is closed.

The ``holidays`` package (kept up to date monthly) computes Tết Nguyên đán and
Giỗ Tổ Hùng Vương from the lunar calendar for any year, adds the compensation
days (nghỉ bù) and carries the yearly swaps the Prime Minister announces — a
weekday off "thay cho" a Saturday that is worked instead (2 May 2025 for 26
April; 31 August 2026 for 22 August). Those worked Saturdays are working days
here. Names are the package's Vietnamese ones. What this module adds is the
office's view: :func:`is_working_day` and the stepping functions.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType

import holidays as _holidays_lib

__all__ = [
    "holidays",
    "holiday_name",
    "is_working_day",
    "next_working_day",
    "previous_working_day",
    "roll_to_working_day",
    "add_working_days",
]

_ONE = timedelta(days=1)


@lru_cache(maxsize=64)
def _year(year: int) -> tuple[MappingProxyType, frozenset]:
    """(day → name, worked Saturdays/Sundays) for one year, cached: is_working_day runs in loops."""
    table = _holidays_lib.country_holidays("VN", years=year, language="vi")
    days = {d: name for d, name in sorted(table.items()) if d.year == year}
    worked = frozenset(d for d in getattr(table, "weekend_workdays", ()) if d.year == year)
    return MappingProxyType(days), worked


def holidays(year: int) -> dict[date, str]:
    """Every public holiday, compensation day and announced swapped day off in ``year``, with its name.

    >>> holidays(2025)[date(2025, 5, 2)]
    'Ngày nghỉ (thay cho ngày 26/04/2025)'
    """
    # Checked here, not in the cached function: lru_cache would treat True as 1.
    if isinstance(year, bool) or not isinstance(year, int) or not 1 <= year <= 9999:
        raise ValueError(f"year must be an int in 1..9999, got {year!r}")
    return dict(_year(year)[0])


def holiday_name(d: date) -> str | None:
    """Name of the holiday on ``d`` (``"Nghỉ bù …"`` for a compensation day), else ``None``.

    >>> holiday_name(date(2024, 9, 2)), holiday_name(date(2024, 9, 4))
    ('Quốc khánh', None)
    """
    return _year(d.year)[0].get(d)


def is_working_day(d: date) -> bool:
    """``False`` on Saturdays, Sundays and days off; ``True`` on a Saturday worked in a swap.

    >>> is_working_day(date(2024, 4, 30)), is_working_day(date(2024, 5, 2)), is_working_day(date(2025, 4, 26))
    (False, True, True)
    """
    days, worked = _year(d.year)
    if d in worked:
        return True
    return d.weekday() < 5 and d not in days


def next_working_day(d: date) -> date:
    """The first working day strictly after ``d``.

    >>> next_working_day(date(2024, 4, 29))  # 30/4 and 1/5 are holidays
    datetime.date(2024, 5, 2)
    """
    d += _ONE
    while not is_working_day(d):
        d += _ONE
    return d


def previous_working_day(d: date) -> date:
    """The last working day strictly before ``d``.

    >>> previous_working_day(date(2024, 5, 2))  # 29/4 was swapped for Saturday 4/5
    datetime.date(2024, 4, 26)
    """
    d -= _ONE
    while not is_working_day(d):
        d -= _ONE
    return d


def roll_to_working_day(d: date) -> date:
    """``d`` itself when it is a working day, else the next one (for moving a deadline).

    >>> roll_to_working_day(date(2025, 9, 1))
    datetime.date(2025, 9, 3)
    """
    return d if is_working_day(d) else next_working_day(d)


def add_working_days(d: date, n: int) -> date:
    """The date ``n`` working days after ``d`` (before it when ``n`` is negative).

    >>> add_working_days(date(2024, 4, 26), 2)  # 29/4 swapped for Saturday 4/5; 30/4 and 1/5 off
    datetime.date(2024, 5, 3)
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise ValueError(f"n must be an int, got {n!r}")
    step = next_working_day if n >= 0 else previous_working_day
    for _ in range(abs(n)):
        d = step(d)
    return d
