"""Date and number ticks of the report's charts: days, months or years, never hours, never crowded."""
from __future__ import annotations

from datetime import date

from planner.progress.svg_plot import MAX_DATE_TICKS, date_ticks, number_ticks


def test_a_day_ticks_itself():
    assert date_ticks(date(2026, 3, 5), date(2026, 3, 6)) == [(date(2026, 3, 5), "05 Mar"), (date(2026, 3, 6), "06 Mar")]


def test_a_month_ticks_weeks():
    ticks = date_ticks(date(2026, 3, 2), date(2026, 4, 1))
    assert [label for _, label in ticks] == ["02 Mar", "09 Mar", "16 Mar", "23 Mar", "30 Mar"]


def test_two_years_tick_months_named_and_years_on_january():
    ticks = date_ticks(date(2024, 1, 1), date(2026, 1, 1))
    labels = [label for _, label in ticks]
    assert labels[0] == "2024" and "2025" in labels and "2026" in labels
    assert all(day.day == 1 for day, _ in ticks)
    assert set(labels) - {"2024", "2025", "2026"} <= {"Apr", "Jul", "Oct"}


def test_never_more_ticks_than_fit():
    for days in (1, 9, 20, 59, 120, 400, 800, 3000, 9000):
        first = date(2020, 2, 17)
        ticks = date_ticks(first, date.fromordinal(first.toordinal() + days))
        assert 1 <= len(ticks) <= MAX_DATE_TICKS, days


def test_whole_number_ticks():
    assert number_ticks(3.75) == [0, 1, 2, 3]
    assert number_ticks(12) == [0, 5, 10]
