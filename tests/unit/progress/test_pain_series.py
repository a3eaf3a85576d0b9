"""The pain series, its baseline, rolling mean, change against the baseline
and flares (planner/progress/pain_series.py, as report.py exposes them).

Series are written out as (date, score) so each expected mean, flare and
status can be checked by hand. 2026-03-02 is a Monday; most clients here
check in on their training days, Monday, Wednesday and Friday."""
from __future__ import annotations

from planner.progress.report import (AssessmentPain, Baseline, Flare, MeanPoint, PainPoint, baseline,
                                     change_against_baseline, checkin_rows, find_flares, pain_series, rolling_mean,
                                     window_mean)
from planner.progress.report_rules import Thresholds

from tests.unit.progress.report_support import D, checkins, report


# --- Pain series and baseline ----------------------------------------------------

def test_pain_series_has_checkin_and_assessment_scores_and_skips_checkins_without_pain():
    rows = checkin_rows(checkins([("2026-03-02", 4), ("2026-03-04", None, True), ("2026-03-06", 3)]), D("2026-03-09"))
    assessments = [AssessmentPain(D("2026-03-02"), {"knee": 6, "hip": 7}),
                   AssessmentPain(D("2026-03-05"), {})]
    assert pain_series(rows, assessments) == [
        PainPoint(D("2026-03-02"), 7, "assessment"), PainPoint(D("2026-03-02"), 4, "checkin"),
        PainPoint(D("2026-03-06"), 3, "checkin")]


def test_baseline_is_the_highest_region_of_the_earliest_assessment_with_pain():
    assessments = [AssessmentPain(D("2026-04-01"), {"knee": 2}),
                   AssessmentPain(D("2026-03-02"), {"knee": 6, "low_back": 7, "hip": 7}),
                   AssessmentPain(D("2026-02-20"), {})]
    assert baseline([], assessments) == Baseline(7.0, "assessment", D("2026-03-02"), "low_back")


def test_without_assessment_pain_the_baseline_is_the_first_weeks_mean():
    rows = checkin_rows(checkins([("2026-03-02", 6), ("2026-03-04", 8), ("2026-03-05", None, True),
                                  ("2026-03-08", 7), ("2026-03-09", 2)]), D("2026-03-09"))
    # 2026-03-02 to 2026-03-08 is the first week: (6 + 8 + 7) / 3; relief is judged from the 9th.
    assert baseline(rows, [AssessmentPain(D("2026-03-01"), {})]) == Baseline(7.0, "first_week", D("2026-03-09"))


def test_no_baseline_without_any_pain_score():
    assert baseline(checkin_rows(checkins([("2026-03-02", None, True)]), D("2026-03-09"))) is None


# --- Rolling mean ----------------------------------------------------------------

def test_rolling_mean_over_daily_checkins():
    points = [(D(day), score) for day, score in [
        ("2026-03-02", 7), ("2026-03-03", 7), ("2026-03-04", 7), ("2026-03-05", 7), ("2026-03-06", 7),
        ("2026-03-07", 7), ("2026-03-08", 7), ("2026-03-09", 0), ("2026-03-10", 0)]]
    assert [round(m.value, 4) for m in rolling_mean(points)] == [7, 7, 7, 7, 7, 7, 7, 6, 5]


def test_rolling_mean_gaps_of_a_week():
    points = [(D("2026-03-02"), 6), (D("2026-03-08"), 2), (D("2026-03-15"), 4)]
    # 6 days apart: the 8th's window (2nd to 8th) still holds the 2nd.
    # 7 days apart: the 15th's window (9th to 15th) holds only itself.
    assert rolling_mean(points) == [MeanPoint(D("2026-03-02"), 6.0), MeanPoint(D("2026-03-08"), 4.0),
                                    MeanPoint(D("2026-03-15"), 4.0)]
    assert window_mean(points, D("2026-03-14")) == 2.0
    assert window_mean(points, D("2026-03-22")) is None  # a window with no score has no value


def test_current_pain_is_the_mean_of_the_week_ending_today():
    series = [("2026-03-02", 6), ("2026-03-04", 4), ("2026-03-06", 2)]
    assert report(series, "2026-03-06", 8).current_pain == 4.0
    assert report(series, "2026-03-09", 8).current_pain == 3.0  # 3rd to 9th: 4 and 2
    assert report(series, "2026-03-12", 8).current_pain == 2.0
    stale = report(series, "2026-03-13", 8)  # the last score is a week old
    assert (stale.current_pain, stale.change_points, stale.change_pct) == (None, None, None)


# --- Change against baseline ---------------------------------------------------------

def test_change_in_points_and_percent_negative_is_better():
    assert change_against_baseline(3.0, 6.0) == (-3.0, -50.0)
    assert change_against_baseline(7.0, 5.0) == (2.0, 40.0)
    assert change_against_baseline(None, 5.0) == (None, None)
    assert change_against_baseline(3.0, None) == (None, None)


def test_percent_change_from_a_zero_baseline_is_none_not_an_error():
    assert change_against_baseline(2.0, 0.0) == (2.0, None)


# --- Flares ----------------------------------------------------------------------------

def flares(series, **kwargs):
    found = find_flares([(D(day), score) for day, score in series], Thresholds(**kwargs))
    return [(f.date.isoformat(), f.score, f.rules) for f in found]


def test_a_rise_is_measured_against_the_week_before_without_the_day_itself():
    # Against 3 and 3 the 5 is a rise of 2. With itself in the mean (3.67) it
    # would be 1.33: a spike must not dilute its own rise.
    assert flares([("2026-03-02", 3), ("2026-03-03", 3), ("2026-03-04", 5)]) == [("2026-03-04", 5, ("rise",))]
    assert flares([("2026-03-02", 3), ("2026-03-03", 3), ("2026-03-04", 4)]) == []


def test_a_weekly_client_is_compared_with_last_weeks_score():
    assert flares([("2026-03-02", 2), ("2026-03-09", 4)]) == [("2026-03-09", 4, ("rise",))]
    # Eight days on, the week before is empty: nothing to rise from.
    assert flares([("2026-03-02", 2), ("2026-03-10", 4)]) == []


def test_the_first_checkin_cannot_rise():
    assert flares([("2026-03-02", 5)]) == []


def test_above_five_is_a_flare_whatever_came_before_and_five_is_not():
    assert flares([("2026-03-02", 5), ("2026-03-04", 6), ("2026-03-06", 6), ("2026-03-09", 9)]) == [
        ("2026-03-04", 6, ("ceiling",)), ("2026-03-06", 6, ("ceiling",)), ("2026-03-09", 9, ("rise", "ceiling"))]


def test_flare_keeps_its_reference_mean():
    [flare] = find_flares([(D("2026-03-02"), 1), (D("2026-03-03"), 2), (D("2026-03-04"), 4)])
    assert flare == Flare(D("2026-03-04"), 4, ("rise",), 1.5)


def test_a_flare_on_the_last_day_is_reported():
    r = report([("2026-03-02", 2), ("2026-03-04", 2), ("2026-03-06", 6)], "2026-03-06", 6)
    assert r.as_dict()["flares"] == [{"date": "2026-03-06", "score": 6, "rules": ["rise", "ceiling"]}]
