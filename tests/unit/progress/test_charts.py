"""The report's charts read with little data and with a lot: ticks are
days (or months and years), never hours, read from the SVG's own text."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

from planner.progress.charts import Band, adherence_chart, grades_chart, pain_chart

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


# What is drawn, read from the SVG's elements: each chart is a well-formed
# SVG document whose marks sit where their data says.
NS = "{http://www.w3.org/2000/svg}"


def parsed(svg: str):
    return ET.fromstring(svg)


def group(root, css_class: str) -> list:
    return [element for element in root.iter() if css_class in (element.get("class") or "").split()]


def known_pain_chart() -> str:
    first = date(2026, 3, 2)
    scores = [(first + timedelta(days=i), pain) for i, pain in enumerate([6, 6, 5, 9, 9, 4, 3, 3, 7, 3])]
    rolling = [(d, 5.0) for d, _ in scores[6:]]
    return pain_chart(scores, rolling, flares=scores[3:5], bands=[Band(first, first + timedelta(days=4), "program 1"),
                                                                 Band(first + timedelta(days=5), first + timedelta(days=9),
                                                                      "program 2")],
                      baseline=6.0, improved_below=4.2, span=(first, first + timedelta(days=9)), spikes=[scores[8]],
                      follow_ups=[(first + timedelta(days=9), 2)])


def test_the_pain_chart_draws_each_check_in_flare_spike_and_follow_up():
    root = parsed(known_pain_chart())
    assert len(group(root, "checkins")[0]) == 10
    assert len(group(root, "flares")[0]) == 2 and len(group(root, "spikes")[0]) == 1
    assert len(group(root, "follow-ups")[0]) == 1
    points = group(root, "rolling-mean")[0].get("points").split()
    assert len(points) == 4 and len({p.split(",")[1] for p in points}) == 1  # a flat mean of 5


def test_the_pain_chart_puts_higher_pain_higher_and_later_days_to_the_right():
    root = parsed(known_pain_chart())
    dots = [(float(c.get("cx")), float(c.get("cy"))) for c in group(root, "checkins")[0]]
    assert [x for x, _ in dots] == sorted(x for x, _ in dots)
    by_pain = dict(zip([6, 6, 5, 9, 9, 4, 3, 3, 7, 3], (y for _, y in dots)))
    assert by_pain[9] < by_pain[6] < by_pain[3]  # SVG's y grows downwards
    baseline_y = float(group(root, "baseline")[0].get("y1"))
    assert by_pain[6] == baseline_y


def test_the_pain_chart_shades_each_program_and_labels_its_axes():
    svg = known_pain_chart()
    root = parsed(svg)
    assert len(group(root, "band")) == 2
    labels = texts(svg)
    assert "program 1" in labels and "program 2" in labels and "pain (0-10)" in labels
    assert [label for label in labels if label in ("0", "2", "4", "6", "8", "10")] == ["0", "2", "4", "6", "8", "10"]
    assert "spike" in labels and "02 Mar" in labels


def test_a_chart_says_in_words_what_it_shows():
    root = parsed(known_pain_chart())
    assert root.get("role") == "img" and root.get("aria-labelledby") == "title desc"
    assert root.find(f"{NS}title").text == "Pain over time"
    description = root.find(f"{NS}desc").text
    assert "10 pain check-ins from 2026-03-02 to 2026-03-11" in description
    assert "2 check-ins in a flare" in description and "1 spikes" in description and "baseline 6" in description


def test_an_empty_pain_chart_says_so():
    svg = pain_chart([], [], [], [], None)
    assert "no pain scores yet" in texts(svg)
    assert not group(parsed(svg), "checkins")


def test_adherence_bars_stand_as_tall_as_their_sessions():
    monday = date(2026, 3, 2)
    root = parsed(adherence_chart([(monday, 1, 3), (monday + timedelta(weeks=1), 3, 3)]))
    prescribed, done = group(root, "prescribed"), group(root, "done")
    assert len(prescribed) == 2 and len(done) == 2
    heights = [float(r.get("height")) for r in done]
    assert abs(heights[1] - 3 * heights[0]) < 0.2
    assert abs(float(prescribed[0].get("height")) - heights[1]) < 0.2


def test_grades_draw_one_line_per_muscle_with_a_mark_per_test():
    first = date(2026, 1, 5)
    svg = grades_chart([("Gluteus medius (left)", [(first, 3), (first + timedelta(days=30), 4)]),
                        ("Gluteus medius (right)", [(first, 4), (first + timedelta(days=30), 4)])],
                       (first, first + timedelta(days=40)))
    root = parsed(svg)
    lines = [element for element in group(root, "grades") if element.tag == f"{NS}polyline"]
    assert len(lines) == 2 and all(len(line.get("points").split()) == 2 for line in lines)
    assert "Gluteus medius (left)" in texts(svg) and "grade (0-5)" in texts(svg)
    assert "no muscle tested twice yet" in texts(grades_chart([], None))


def test_text_from_the_data_is_escaped():
    first = date(2026, 1, 5)
    svg = grades_chart([("<b>biceps & co</b>", [(first, 3), (first + timedelta(days=3), 4)])], None)
    assert "&lt;b&gt;biceps &amp; co&lt;/b&gt;" in svg
    parsed(svg)


def test_the_same_data_gives_the_same_bytes():
    assert known_pain_chart() == known_pain_chart()
