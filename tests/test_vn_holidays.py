"""dvtemplate.vn.holidays: public holidays, compensation days, announced swaps, working days.

The lunar holidays the ``holidays`` package computes are checked against an
independent computation: Hồ Ngọc Đức's astronomical algorithm for the
Vietnamese lunar calendar (UTC+7), implemented below from its published formulas;
the days off against the Government's announcements for 2020–2025.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from math import pi, sin

import pytest

from dvtemplate.vn import (
    add_working_days,
    holiday_name,
    holidays,
    is_working_day,
    next_working_day,
    previous_working_day,
    roll_to_working_day,
)

YEARS = range(2020, 2037)
ONE = timedelta(days=1)

# ---------------------------------------------------------------- lunar calendar (reference)


def _jd(d: date) -> int:
    a = (14 - d.month) // 12
    y = d.year + 4800 - a
    m = d.month + 12 * a - 3
    return d.day + (153 * m + 2) // 5 + 365 * y + y // 4 - y // 100 + y // 400 - 32045


def _new_moon(k: int) -> float:
    t = k / 1236.85
    t2, t3, dr = t * t, t * t * t, pi / 180
    jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
    jd1 += 0.00033 * sin((166.56 + 132.87 * t - 0.009173 * t2) * dr)
    m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3
    mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3
    f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3
    c1 = (0.1734 - 0.000393 * t) * sin(m * dr) + 0.0021 * sin(2 * dr * m)
    c1 += -0.4068 * sin(mpr * dr) + 0.0161 * sin(dr * 2 * mpr) - 0.0004 * sin(dr * 3 * mpr)
    c1 += 0.0104 * sin(dr * 2 * f) - 0.0051 * sin(dr * (m + mpr))
    c1 += -0.0074 * sin(dr * (m - mpr)) + 0.0004 * sin(dr * (2 * f + m))
    c1 += -0.0004 * sin(dr * (2 * f - m)) - 0.0006 * sin(dr * (2 * f + mpr))
    c1 += 0.0010 * sin(dr * (2 * f - mpr)) + 0.0005 * sin(dr * (2 * mpr + m))
    deltat = -0.000278 + 0.000265 * t + 0.000262 * t2
    return jd1 + c1 - deltat


def _new_moon_day(k: int, tz: int = 7) -> int:
    return math.floor(_new_moon(k) + 0.5 + tz / 24)


def _sun_sector(day_number: int, tz: int = 7) -> int:
    t = (day_number - 0.5 - tz / 24 - 2451545.0) / 36525
    t2, dr = t * t, pi / 180
    m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2
    l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2
    dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * sin(dr * m)
    dl += (0.019993 - 0.000101 * t) * sin(dr * 2 * m) + 0.000290 * sin(dr * 3 * m)
    lon = (l0 + dl) * dr
    lon -= 2 * pi * math.floor(lon / (2 * pi))
    return math.floor(lon / pi * 6)


def _month11(year: int) -> int:
    k = math.floor((_jd(date(year, 12, 31)) - 2415021) / 29.530588853)
    nm = _new_moon_day(k)
    return _new_moon_day(k - 1) if _sun_sector(nm) >= 9 else nm


def _leap_offset(a11: int) -> int:
    k = math.floor((a11 - 2415021.076998695) / 29.530588853 + 0.5)
    i = 1
    arc = _sun_sector(_new_moon_day(k + i))
    while True:
        last = arc
        i += 1
        arc = _sun_sector(_new_moon_day(k + i))
        if arc == last or i >= 14:
            return i - 1


def lunar(d: date) -> tuple[int, int, bool]:
    """(lunar day, lunar month, is leap month) of a Gregorian date in Vietnam."""
    day_number = _jd(d)
    k = math.floor((day_number - 2415021.076998695) / 29.530588853)
    start = _new_moon_day(k + 1)
    if start > day_number:
        start = _new_moon_day(k)
    a11 = _month11(d.year)
    b11 = a11
    if a11 >= start:
        a11 = _month11(d.year - 1)
    else:
        b11 = _month11(d.year + 1)
    diff = math.floor((start - a11) / 29)
    month, leap = diff + 11, False
    if b11 - a11 > 365:
        leap_diff = _leap_offset(a11)
        if diff >= leap_diff:
            month = diff + 10
            leap = diff == leap_diff
    if month > 12:
        month -= 12
    return day_number - start + 1, month, leap


def test_reference_algorithm_known_dates():
    # Sanity of the reference itself on well-known dates.
    assert lunar(date(2024, 2, 10)) == (1, 1, False)  # Tết Giáp Thìn
    assert lunar(date(2024, 9, 17)) == (15, 8, False)  # Trung thu 2024
    assert lunar(date(2023, 4, 19))[1:] == (2, True)  # 2023 had a leap second month
    assert lunar(date(2025, 1, 28)) == (29, 12, False)  # no 30 Tết in 2025


# ---------------------------------------------------------------- the holidays


def _first(year: int, word: str) -> list[date]:
    return sorted(d for d, name in holidays(year).items() if word in name)


@pytest.mark.parametrize("year", YEARS)
def test_tet_falls_on_lunar_new_year(year):
    tet = [d for d, name in holidays(year).items() if name == "Tết Nguyên Đán"]
    assert len(tet) == 1 and lunar(tet[0]) == (1, 1, False)
    days = [d for d in _first(year, "Tết Nguyên Đán") if abs((d - tet[0]).days) <= 3]
    # the eve (29 or 30 of month 12) through mùng 3 at least
    assert tet[0] - ONE in days and tet[0] + 2 * ONE in days
    assert lunar(tet[0] - ONE)[1] == 12


@pytest.mark.parametrize("year", YEARS)
def test_hung_kings_day_is_10_3_lunar(year):
    days = [d for d, name in holidays(year).items() if name == "Ngày Giỗ Tổ Hùng Vương"]
    assert len(days) == 1 and lunar(days[0]) == (10, 3, False)


@pytest.mark.parametrize("year", YEARS)
def test_solar_holidays(year):
    assert holiday_name(date(year, 1, 1)) == "Tết Dương lịch"
    assert holiday_name(date(year, 4, 30)) == "Ngày Chiến thắng"
    assert holiday_name(date(year, 5, 1)) == "Ngày Quốc tế Lao động"
    assert holiday_name(date(year, 9, 2)) == "Quốc khánh"


@pytest.mark.parametrize("year", list(YEARS) + [2019, 2037, 2040, 2100])
def test_weekend_holidays_are_paid_back_on_weekdays(year):
    table = holidays(year)
    assert all(d.year == year for d in table)
    for d, name in table.items():
        if "nghỉ bù" in name:
            assert d.weekday() < 5, (d, name)


# Weekdays off decided by the Government for 2020–2025 (announced decisions), including
# the days obtained by swapping with a working Saturday.
ANNOUNCED = {
    2020: ["01/01", "23/01", "24/01", "27/01", "28/01", "29/01", "02/04", "30/04", "01/05", "02/09"],
    2021: ["01/01", "10/02", "11/02", "12/02", "15/02", "16/02", "21/04", "30/04", "03/05", "02/09", "03/09"],
    2022: ["03/01", "31/01", "01/02", "02/02", "03/02", "04/02", "11/04", "02/05", "03/05", "01/09", "02/09"],
    2023: ["02/01", "20/01", "23/01", "24/01", "25/01", "26/01", "01/05", "02/05", "03/05", "01/09", "04/09"],
    2024: ["01/01", "08/02", "09/02", "12/02", "13/02", "14/02", "18/04", "29/04", "30/04", "01/05", "02/09", "03/09"],
    2025: ["01/01", "27/01", "28/01", "29/01", "30/01", "31/01", "07/04", "30/04", "01/05", "02/05", "01/09", "02/09"],
}
WORKED_SATURDAYS = [date(2024, 5, 4), date(2025, 4, 26), date(2026, 8, 22)]


@pytest.mark.parametrize("year", sorted(ANNOUNCED))
def test_matches_announced_days_off(year):
    expected = {date(year, int(s[3:]), int(s[:2])) for s in ANNOUNCED[year]}
    got = {d for d in holidays(year) if d.weekday() < 5}
    assert got == expected


@pytest.mark.parametrize("d", WORKED_SATURDAYS)
def test_swapped_saturday_is_a_working_day(d):
    assert d.weekday() == 5 and is_working_day(d)


@pytest.mark.parametrize(
    "d, name",
    [
        (date(2022, 1, 3), "Tết Dương lịch (nghỉ bù)"),
        (date(2022, 4, 11), "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)"),
        (date(2026, 8, 31), "Ngày nghỉ (thay cho ngày 22/08/2026)"),
        (date(2024, 9, 4), None),
        (date(2024, 12, 25), None),
        (date(2040, 4, 30), "Ngày Chiến thắng"),
    ],
)
def test_holiday_name_examples(d, name):
    assert holiday_name(d) == name


def _days(first: date, last: date):
    d = first
    while d <= last:
        yield d
        d += ONE


def test_is_working_day_definition_every_day_2020_2036():
    for d in _days(date(2020, 1, 1), date(2036, 12, 31)):
        expected = (d.weekday() < 5 and holiday_name(d) is None) or d in WORKED_SATURDAYS
        assert is_working_day(d) == expected, d


@pytest.mark.parametrize("d", [date(2024, 1, 6), date(2024, 1, 7), date(2031, 3, 1)])
def test_weekends_are_not_working_days(d):
    assert not is_working_day(d)


def test_next_and_previous_working_day_every_day_2024_2026():
    for d in _days(date(2024, 1, 1), date(2026, 12, 31)):
        n = next_working_day(d)
        assert n > d and is_working_day(n)
        assert not any(is_working_day(x) for x in _days(d + ONE, n - ONE))
        p = previous_working_day(d)
        assert p < d and is_working_day(p)
        assert not any(is_working_day(x) for x in _days(p + ONE, d - ONE))
        r = roll_to_working_day(d)
        assert r == (d if is_working_day(d) else n)


@pytest.mark.parametrize(
    "d, expected",
    [
        (date(2024, 4, 26), date(2024, 5, 2)),
        (date(2024, 2, 7), date(2024, 2, 15)),
        (date(2023, 12, 29), date(2024, 1, 2)),
        (date(2025, 8, 29), date(2025, 9, 3)),
    ],
)
def test_next_working_day_examples(d, expected):
    assert next_working_day(d) == expected


@pytest.mark.parametrize("n", [0, 1, 5, 20, 250])
def test_add_working_days_round_trip(n):
    start = date(2024, 3, 1)  # a working Friday
    assert is_working_day(start)
    later = add_working_days(start, n)
    assert add_working_days(later, -n) == start
    count = sum(1 for x in _days(start + ONE, later) if is_working_day(x))
    assert count == n


def test_add_working_days_rejects_non_int():
    with pytest.raises(ValueError):
        add_working_days(date(2024, 3, 1), 1.0)


@pytest.mark.parametrize("bad", [0, 10000, "2024", True])
def test_holidays_rejects_bad_year(bad):
    with pytest.raises(ValueError):
        holidays(bad)


def test_far_years_still_know_solar_holidays():
    assert holiday_name(date(2100, 9, 2)) == "Quốc khánh"
    assert not is_working_day(date(2100, 1, 1))


def test_holidays_returns_a_copy():
    table = holidays(2024)
    table.clear()
    assert holidays(2024)
