"""dvtemplate.vn.dates: ND30 date lines, short dates, parsing, year arithmetic."""

from __future__ import annotations

import calendar
import unicodedata
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dvtemplate.vn import BLANK, add_years, date_line, date_words, day_str, month_str, parse_vn_date, short_date

ALL_2024 = [date(2024, 1, 1) + timedelta(days=i) for i in range(366)]


def test_blank_is_five_spaces():
    assert BLANK == " " * 5


@pytest.mark.parametrize("day", range(1, 32))
def test_day_str_every_day(day):
    out = day_str(day)
    assert len(out) == 2 and int(out) == day
    assert out.startswith("0") == (day < 10)


@pytest.mark.parametrize("month", range(1, 13))
def test_month_str_every_month(month):
    out = month_str(month)
    assert int(out) == month
    # ND30: a leading zero for January and February only.
    assert out == {1: "01", 2: "02"}.get(month, str(month))


@pytest.mark.parametrize("bad", [0, 32, -1, True, 5.0, "5", None])
def test_day_str_rejects(bad):
    with pytest.raises(ValueError):
        day_str(bad)


@pytest.mark.parametrize("bad", [0, 13, -1, False, 1.0, "1", None])
def test_month_str_rejects(bad):
    with pytest.raises(ValueError):
        month_str(bad)


@pytest.mark.parametrize(
    "args, expected",
    [
        (("Ninh Thuận", 5, 1, 2024), "Ninh Thuận, ngày 05 tháng 01 năm 2024"),
        (("Ninh Thuận", 15, 12, 2024), "Ninh Thuận, ngày 15 tháng 12 năm 2024"),
        (("Cao Bằng", 28, 2, 2025), "Cao Bằng, ngày 28 tháng 02 năm 2025"),
        (("Hà Nội", 1, 3, 2023), "Hà Nội, ngày 01 tháng 3 năm 2023"),
        (("Ninh Thuận", None, 12, 2021), "Ninh Thuận, ngày" + BLANK + " tháng 12 năm 2021"),
        (("Ninh Thuận", None, None, 2022), "Ninh Thuận, ngày" + BLANK + " tháng" + BLANK + " năm 2022"),
        (("Ninh Thuận", 5, None, 2022), "Ninh Thuận, ngày 05 tháng" + BLANK + " năm 2022"),
        (("  Ninh   Thuận , ", 5, 1, 2024), "Ninh Thuận, ngày 05 tháng 01 năm 2024"),
        (("", 5, 1, 2024), "ngày 05 tháng 01 năm 2024"),
    ],
)
def test_date_line_examples(args, expected):
    assert date_line(*args) == expected


def test_date_line_blank_literal():
    # six spaces, as the draft line in ND30 (…, ngày      tháng      năm 2024)
    assert date_line("Ninh Thuận", None, 12, 2021) == "Ninh Thuận, ngày      tháng 12 năm 2021"
    assert date_line("Ninh Thuận", None, None, 2024) == "Ninh Thuận, ngày      tháng      năm 2024"


def test_date_line_nfd_place():
    place = unicodedata.normalize("NFD", "Ninh Thuận")
    out = date_line(place, 5, 1, 2024)
    assert out.startswith("Ninh Thuận, ") and unicodedata.is_normalized("NFC", out)


def test_date_line_every_day_of_a_leap_year():
    for d in ALL_2024:
        out = date_line("Ninh Thuận", d.day, d.month, d.year)
        assert out == "Ninh Thuận, " + date_words(d)
        assert out == f"Ninh Thuận, ngày {d.day:02d} tháng {month_str(d.month)} năm 2024"
        assert parse_vn_date(out) == d


@pytest.mark.parametrize(
    "day, month, year",
    [(30, 2, 2024), (29, 2, 2023), (31, 4, 2024), (32, 1, 2024), (0, 1, 2024), (1, 13, 2024), (1, 1, 0)],
)
def test_date_line_rejects_impossible_dates(day, month, year):
    with pytest.raises(ValueError):
        date_line("X", day, month, year)


def test_short_date_every_day():
    for d in ALL_2024:
        out = short_date(d)
        day, month, year = out.split("/")
        # running text writes dates the ND30 way: day with its zero, month zero for 01 and 02 only
        assert day == f"{d.day:02d}" and year == "2024"
        assert month == (f"{d.month:02d}" if d.month <= 2 else str(d.month))
    assert parse_vn_date(out) == d


@pytest.mark.parametrize(
    "text, expected",
    [
        ("15/12/2024", date(2024, 12, 15)),
        ("5/1/2024", date(2024, 1, 5)),
        ("05/01/2024", date(2024, 1, 5)),
        ("15-12-2024", date(2024, 12, 15)),
        ("15.12.2024", date(2024, 12, 15)),
        (" 15 / 12 / 2024 ", date(2024, 12, 15)),
        ("2024-12-15", date(2024, 12, 15)),
        ("2024-1-5", date(2024, 1, 5)),
        ("ngày 05 tháng 01 năm 2024", date(2024, 1, 5)),
        ("Ngày 5 tháng 1 năm 2024", date(2024, 1, 5)),
        ("NGÀY 15 THÁNG 12 NĂM 2024", date(2024, 12, 15)),
        ("ngày  15   tháng 12\u00a0năm 2024.", date(2024, 12, 15)),
        ("Ninh Thuận, ngày 05 tháng 01 năm 2024", date(2024, 1, 5)),
        ("ngày 15/12/2024", date(2024, 12, 15)),
        ("29/02/2024", date(2024, 2, 29)),
    ],
)
def test_parse_vn_date_accepts(text, expected):
    assert parse_vn_date(text) == expected
    assert parse_vn_date(unicodedata.normalize("NFD", text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "2024",
        "12/2024",
        "15/12",
        "15/12/24",
        "31/02/2024",
        "29/02/2023",
        "00/01/2024",
        "15/13/2024",
        "15/12-2024",
        "2024/12/15",
        "2024-13-01",
        "ngày tháng 12 năm 2021",
        "ngày      tháng 12 năm 2021",
        "hôm nay",
        "15/12/2024 và 16/12/2024",
        "١٥/١٢/٢٠٢٤",
        "15/12/20245",
    ],
)
def test_parse_vn_date_rejects(text):
    assert parse_vn_date(text) is None


def test_parse_vn_date_passes_dates_through():
    assert parse_vn_date(date(2024, 1, 5)) == date(2024, 1, 5)
    assert parse_vn_date(datetime(2024, 1, 5, 8, 30)) == date(2024, 1, 5)
    assert type(parse_vn_date(datetime(2024, 1, 5, 8, 30))) is date
    assert parse_vn_date(None) is None
    assert parse_vn_date(20240105) is None


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)))
def test_parse_round_trips(d):
    assert parse_vn_date(short_date(d)) == d
    assert parse_vn_date(date_words(d)) == d
    assert parse_vn_date(d.isoformat()) == d
    assert parse_vn_date(f"{d.day}/{d.month}/{d.year}") == d


@pytest.mark.parametrize(
    "d, n, expected",
    [
        (date(2024, 2, 29), 1, date(2025, 2, 28)),
        (date(2023, 2, 28), 1, date(2024, 2, 28)),
        (date(2024, 2, 29), 4, date(2028, 2, 29)),
        (date(2024, 2, 29), -1, date(2023, 2, 28)),
        (date(2024, 12, 31), 1, date(2025, 12, 31)),
        (date(2024, 1, 5), 0, date(2024, 1, 5)),
    ],
)
def test_add_years_examples(d, n, expected):
    assert add_years(d, n) == expected


@pytest.mark.parametrize("n", [1, 2, 4, -1])
def test_add_years_keeps_day_unless_impossible(n):
    for d in ALL_2024:
        out = add_years(d, n)
        assert out.year == 2024 + n and out.month == d.month
        last = calendar.monthrange(out.year, d.month)[1]
        assert out.day == min(d.day, last)


@pytest.mark.parametrize("d, n", [(date(9999, 1, 1), 1), (date(1, 1, 1), -1)])
def test_add_years_out_of_range(d, n):
    with pytest.raises(ValueError):
        add_years(d, n)


def test_add_years_rejects_non_int():
    with pytest.raises(ValueError):
        add_years(date(2024, 1, 1), 1.5)
