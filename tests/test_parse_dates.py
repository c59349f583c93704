"""Times and dates as printed in meeting documents."""

from __future__ import annotations

import pytest

from pipeline.parse.dates import find_time_ranges, parse_day_month, parse_time, parse_time_range


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("10 a.m.–1 p.m.", "10:00", "13:00"),
        ("3–5 p.m.", "15:00", "17:00"),
        ("1.15–2.45 p.m.", "13:15", "14:45"),
        ("18:10-(19:40)", "18:10", "19:40"),
        ("14:00 - 14:15", "14:00", "14:15"),
        ("10 a.m.–\n1 p.m.", "10:00", "13:00"),
    ],
)
def test_parse_dates_time_range(text, start, end):
    assert parse_time_range(text)[:2] == (start, end)


def test_parse_dates_number_range_is_not_a_time():
    assert parse_time_range("items 1-2") == (None, None, None)


def test_parse_dates_find_time_ranges_in_order_skipping_number_ranges():
    text = "Items 1-2 at 10 a.m.–1 p.m., then 3–5 p.m. and 18:10-(19:40)"
    assert [(s, e) for s, e, _ in find_time_ranges(text)] == [
        ("10:00", "13:00"),
        ("15:00", "17:00"),
        ("18:10", "19:40"),
    ]


def test_parse_dates_single_time_and_day_month():
    assert parse_time("9:15 Registration")[0] == "09:15"
    assert parse_day_month("Day 1: Tuesday 25 February", 2020) == "2020-02-25"
    assert parse_day_month("Wednesday, 11 June", 2025) == "2025-06-11"


@pytest.mark.parametrize(
    "text,start,end",
    [
        ("Dates: 8/1/15 – 8/2/15", "2015-08-01", "2015-08-02"),  # month first: two days, not a month
        ("Dates: 01/08/2015 - 02/08/2015", "2015-08-01", "2015-08-02"),  # day first
        ("12/30/2019 - 1/2/2020", "2019-12-30", "2020-01-02"),  # only month first is valid
        ("28/11/2017–30/11/2017", "2017-11-28", "2017-11-30"),  # only day first is valid
    ],
)
def test_a_numeric_date_range_is_read_in_the_order_that_makes_it_short(text, start, end):
    from pipeline.parse.dates import find_dates

    (d,) = find_dates(text)
    assert (d.start, d.end) == (start, end)


@pytest.mark.parametrize("text", ["A/80/75 - 3/4/15", "ratio 3/4/15 - 2/3/14", "page 1/2 - 3/4"])
def test_numbers_and_symbols_are_not_numeric_date_ranges(text):
    from pipeline.parse.dates import find_dates

    assert find_dates(text) == []
