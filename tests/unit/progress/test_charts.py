"""The report's charts read with little data and with a lot: ticks are
days (or months and years), never hours, read from the SVG's own text."""
from __future__ import annotations

import re
from datetime import date, timedelta

from planner.progress.charts import Band, adherence_chart, pain_chart

HOUR = re.compile(r"\d{1,2}:\d{2}")


def texts(svg: str) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


def daily(first: date, days: int) -> list[tuple[date, int]]:
    return [(first + timedelta(days=i), 3) for i in range(days)]


def chart(first: date, days: int) -> str:
    scores = daily(first, days)
    last = scores[-1][0]
    return pain_chart(scores, [(d, float(s)) for d, s in scores], [], [Band(first, last, "program 1")], 6.0, 4.2,
                      (first, last))


def test_one_day_of_pain_ticks_that_day_not_its_hours():
    labels = texts(chart(date(2026, 3, 5), 1))
    assert "05 Mar" in labels
    assert not [t for t in labels if HOUR.search(t)], labels


def test_two_years_of_pain_tick_months_and_years_not_hours():
    labels = texts(chart(date(2026, 3, 5), 730))
    assert "2027" in labels and "2028" in labels
    assert not [t for t in labels if HOUR.search(t)], labels


def test_the_pain_chart_names_every_line_and_mark():
    first = date(2026, 3, 5)
    scores = daily(first, 10)
    svg = pain_chart(scores, [(d, 3.0) for d, _ in scores], [(first + timedelta(days=3), 9)], [], 6.0, 4.2,
                     (first, first + timedelta(days=60)), follow_ups=[(first + timedelta(days=60), 2)])
    labels = texts(svg)
    for label in ("pain check-in", "7-day mean", "baseline 6", "improving: 7-day mean ≤ 4.2", "flare",
                  "follow-up answer"):
        assert label in labels, label


def test_adherence_reads_done_out_of_prescribed_each_week():
    monday = date(2026, 3, 2)
    labels = texts(adherence_chart([(monday, 2, 3), (monday + timedelta(weeks=1), 3, 3)]))
    assert "2 / 3" in labels and "3 / 3" in labels
    assert "done (5 of 6)" in labels and "prescribed (6 in all)" in labels
    assert "sessions done / prescribed" in labels
    assert not [t for t in labels if HOUR.search(t)], labels


def test_a_long_adherence_chart_leaves_the_weekly_labels_to_the_table():
    monday = date(2026, 3, 2)
    labels = texts(adherence_chart([(monday + timedelta(weeks=i), 1, 3) for i in range(40)]))
    assert "1 / 3" not in labels and "done (40 of 120)" in labels
