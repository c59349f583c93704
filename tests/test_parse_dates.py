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
