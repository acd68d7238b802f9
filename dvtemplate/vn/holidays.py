"""Vietnamese public holidays and working days (Bộ luật Lao động 2019, Điều 112).

Why: deadlines written into a plan ("trước ngày 15/12") and dates rolled over
to next year should not land on a day the office is closed.

Rules (one calendar year at a time):

* Tết Dương lịch: 1/1.
* Tết Nguyên đán: five days, the last two days of the lunar year (29 and 30,
  or 28 and 29 when the twelfth month is short) through mùng 3, i.e. lunar
  new year's day − 2 … + 2. Lunar new year's day comes from ``LUNAR_NEW_YEAR``,
  a table for 2020–2036 (Vietnamese calendar, UTC+7; 2030 is 2 February, a day
  before China's).
* Giỗ Tổ Hùng Vương: 10/3 lunar, from ``HUNG_KINGS_DAY`` (2020–2036).
* Ngày Chiến thắng 30/4, Quốc tế Lao động 1/5.
* Quốc khánh 2/9 and, from 2021, one adjacent day: 3/9 when 2/9 is a Monday,
  Thursday or Sunday, otherwise 1/9 (the day that joins the break to a weekend,
  as the yearly decisions of 2021–2025 did).
* Nghỉ bù (Điều 111 khoản 3): each holiday falling on a Saturday or Sunday gives
  a day off on the first working day after its run of holidays.

The yearly swaps the Prime Minister decides (working a Saturday to bridge a
gap) are not predictable and are not modelled. Outside 2020–2036 only the
solar-calendar holidays are known.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType

__all__ = [
    "LUNAR_NEW_YEAR",
    "HUNG_KINGS_DAY",
    "holidays",
    "holiday_name",
    "is_working_day",
    "next_working_day",
    "previous_working_day",
    "roll_to_working_day",
    "add_working_days",
]

LUNAR_NEW_YEAR: dict[int, date] = {
    2020: date(2020, 1, 25),
    2021: date(2021, 2, 12),
    2022: date(2022, 2, 1),
    2023: date(2023, 1, 22),
    2024: date(2024, 2, 10),
    2025: date(2025, 1, 29),
    2026: date(2026, 2, 17),
    2027: date(2027, 2, 6),
    2028: date(2028, 1, 26),
    2029: date(2029, 2, 13),
    2030: date(2030, 2, 2),
    2031: date(2031, 1, 23),
    2032: date(2032, 2, 11),
    2033: date(2033, 1, 31),
    2034: date(2034, 2, 19),
    2035: date(2035, 2, 8),
    2036: date(2036, 1, 28),
}
"""Gregorian date of mùng 1 Tết (1/1 lunar) in Vietnam, by Gregorian year."""

HUNG_KINGS_DAY: dict[int, date] = {
    2020: date(2020, 4, 2),
    2021: date(2021, 4, 21),
    2022: date(2022, 4, 10),
    2023: date(2023, 4, 29),
    2024: date(2024, 4, 18),
    2025: date(2025, 4, 7),
    2026: date(2026, 4, 26),
    2027: date(2027, 4, 16),
    2028: date(2028, 4, 4),
    2029: date(2029, 4, 23),
    2030: date(2030, 4, 12),
    2031: date(2031, 4, 1),
    2032: date(2032, 4, 19),
    2033: date(2033, 4, 9),
    2034: date(2034, 4, 28),
    2035: date(2035, 4, 17),
    2036: date(2036, 4, 6),
}
"""Gregorian date of Giỗ Tổ Hùng Vương (10/3 lunar, not the leap third month)."""

NEW_YEAR = "Tết Dương lịch"
TET = "Tết Nguyên đán"
HUNG_KINGS = "Giỗ Tổ Hùng Vương"
VICTORY = "Ngày Chiến thắng"
LABOUR = "Quốc tế Lao động"
NATIONAL = "Quốc khánh"
COMPENSATION = "Nghỉ bù "
_ONE = timedelta(days=1)


def _weekend(d: date) -> bool:
    return d.weekday() >= 5


def _statutory(year: int) -> dict[date, str]:
    """The holidays themselves, before compensation days."""
    days: dict[date, str] = {date(year, 1, 1): NEW_YEAR}
    tet = LUNAR_NEW_YEAR.get(year)
    if tet is not None:
        for offset in range(-2, 3):
            days[tet + timedelta(days=offset)] = TET
    hung = HUNG_KINGS_DAY.get(year)
    if hung is not None:
        days[hung] = HUNG_KINGS
    days[date(year, 4, 30)] = VICTORY
    days[date(year, 5, 1)] = LABOUR
    national = date(year, 9, 2)
    days[national] = NATIONAL
    if year >= 2021:
        after = national.weekday() in (0, 3, 6)  # Monday, Thursday, Sunday
        days[national + (_ONE if after else -_ONE)] = NATIONAL
    return days


@lru_cache(maxsize=64)
def _year_table(year: int) -> MappingProxyType:
    """Read-only, cached table of one year: holiday_name is called in loops."""
    days = _statutory(year)
    result = dict(days)
    for start in sorted(days):
        if start > date.min and start - _ONE in days:
            continue  # not the first day of a run
        run = [start]
        while run[-1] + _ONE in days:
            run.append(run[-1] + _ONE)
        owed = [days[d] for d in run if _weekend(d)]
        cursor = run[-1]
        for name in owed:
            cursor += _ONE
            while _weekend(cursor) or cursor in result:
                cursor += _ONE
            result[cursor] = COMPENSATION + name
    return MappingProxyType(dict(sorted(result.items())))


def holidays(year: int) -> dict[date, str]:
    """Every day off (besides ordinary weekends) in ``year``, with its name.

    Compensation days are named ``"Nghỉ bù <holiday>"``.

    >>> holidays(2024)[date(2024, 2, 13)]
    'Nghỉ bù Tết Nguyên đán'
    """
    # Checked here, not in the cached function: lru_cache would treat True as 1.
    if isinstance(year, bool) or not isinstance(year, int) or not 1 <= year <= 9999:
        raise ValueError(f"year must be an int in 1..9999, got {year!r}")
    return dict(_year_table(year))


def holiday_name(d: date) -> str | None:
    """Name of the holiday on ``d`` (``"Nghỉ bù …"`` for a compensation day), else ``None``.

    >>> holiday_name(date(2024, 9, 2)), holiday_name(date(2024, 9, 4))
    ('Quốc khánh', None)
    """
    return _year_table(d.year).get(d)


def is_working_day(d: date) -> bool:
    """``False`` on Saturdays, Sundays, public holidays and their compensation days.

    >>> is_working_day(date(2024, 4, 30)), is_working_day(date(2024, 5, 2))
    (False, True)
    """
    return not _weekend(d) and holiday_name(d) is None


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

    >>> previous_working_day(date(2024, 5, 2))
    datetime.date(2024, 4, 29)
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

    >>> add_working_days(date(2024, 4, 26), 2)
    datetime.date(2024, 5, 2)
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise ValueError(f"n must be an int, got {n!r}")
    step = next_working_day if n >= 0 else previous_working_day
    for _ in range(abs(n)):
        d = step(d)
    return d
