"""The flare check's window (planner/progress/recent_pain.py): judged from
the recent days alone, the latest day gets the same verdict as the whole
history gives it, or the window says it cannot tell (and is widened)."""
from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.progress.flares import find_pain_events
from planner.progress.recent_pain import judge_window

START = date(2026, 1, 5)


def verdict(events, day):
    flare = next(((f.since, f.reference_mean) for f in events.flares if f.date == day), None)
    unsettled = events.unsettled.date == day if events.unsettled else False
    return flare, events.is_severe(day), unsettled


@st.composite
def history(draw):
    """Scores around a few levels with gaps of one to ten days, so that
    long raised episodes, spikes and empty reference weeks all occur."""
    points, day = [], START
    for _ in range(draw(st.integers(1, 5))):
        level = draw(st.integers(0, 10))
        for _ in range(draw(st.integers(1, 25))):
            points.append((day, max(0, min(10, level + draw(st.integers(-1, 1))))))
            day += timedelta(days=draw(st.sampled_from([1, 1, 1, 2, 3, 10])))
    return points


@settings(max_examples=400, deadline=None)
@given(history(), st.one_of(st.none(), st.integers(0, 10).map(float)), st.integers(0, 200))
def test_a_window_that_decides_agrees_with_the_whole_history(points, baseline, days_back):
    latest = points[-1][0]
    read_from = latest - timedelta(days=days_back)
    window = [(day, score) for day, score in points if day >= read_from]
    events = judge_window(window, baseline, read_from)
    if events is not None:
        assert verdict(events, latest) == verdict(find_pain_events(points, baseline), latest)
    # The whole history always decides.
    assert judge_window(points, baseline, None) is not None


def test_a_long_episode_is_not_judged_from_a_window_inside_it():
    # A week of 3s, then 9s for 40 days: one flare since the first 9.
    points = [(START + timedelta(days=i), 3 if i < 7 else 9) for i in range(47)]
    whole = find_pain_events(points, 5.0)
    assert verdict(whole, points[-1][0])[0] == (START + timedelta(days=7), 3.0)
    last_four_weeks = points[-28:]
    # Alone, four weeks of 9s show no rise at all: the window cannot tell.
    assert judge_window(last_four_weeks, 5.0, points[-28][0]) is None
    assert verdict(judge_window(points, 5.0, START - timedelta(days=1)), points[-1][0]) == verdict(
        whole, points[-1][0])
