"""The pain series, its baseline, rolling mean, change against the baseline
(planner/progress/pain_series.py), and flares, spikes and severe scores
(planner/progress/flares.py), as report.py exposes them.

Series are written out as (date, score) so each expected mean, flare and
status can be checked by hand. 2026-03-02 is a Monday; most clients here
check in on their training days, Monday, Wednesday and Friday."""
from __future__ import annotations

from planner.progress.flares import (AT_OR_BELOW_BASELINE, NO_SCORE, NOT_RAISED, SPIKE, UNSETTLED,
                                     find_pain_events)
from planner.progress.report import (AssessmentPain, Baseline, Flare, MeanPoint, PainPoint, SevereScore, Spike,
                                     baseline, change_against_baseline, checkin_rows, find_flares, pain_series,
                                     rolling_mean, window_mean)
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
# The rules are planner/progress/flares.py's; the series are in test_issue_series.py.

def flares(series, baseline=None, **kwargs):
    found = find_flares([(D(day), score) for day, score in series], Thresholds(**kwargs), baseline)
    return [(f.date.isoformat(), f.score, f.since.isoformat()) for f in found]


def test_a_rise_is_measured_against_the_week_before_without_the_day_itself():
    # Against 3 and 3 the 5 is a rise of 2. With itself in the mean (3.67) it
    # would be 1.33: a raised day must not dilute its own rise. Still raised
    # the next day (5 is 2 above the same 3): a flare since 03-04.
    assert flares([("2026-03-02", 3), ("2026-03-03", 3), ("2026-03-04", 5), ("2026-03-05", 5)]) == [
        ("2026-03-04", 5, "2026-03-04"), ("2026-03-05", 5, "2026-03-04")]
    assert flares([("2026-03-02", 3), ("2026-03-03", 3), ("2026-03-04", 4), ("2026-03-05", 4)]) == []


def test_a_weekly_client_is_compared_with_last_weeks_score():
    assert flares([("2026-03-02", 2), ("2026-03-09", 4), ("2026-03-16", 4)]) == [
        ("2026-03-09", 4, "2026-03-09"), ("2026-03-16", 4, "2026-03-09")]
    # Eight days on, the week before is empty: nothing to rise from.
    assert flares([("2026-03-02", 2), ("2026-03-10", 4), ("2026-03-11", 4)]) == []


def test_the_first_checkin_cannot_rise():
    assert flares([("2026-03-02", 5)]) == []


def test_a_daily_score_above_five_is_not_a_flare():
    # The old "above 5/10" ceiling read the pain-monitoring model as a cap on
    # daily pain; a client whose usual pain is 6-7 has no flare.
    assert flares([("2026-03-02", 6), ("2026-03-03", 7), ("2026-03-04", 6), ("2026-03-05", 7), ("2026-03-06", 6)],
                  baseline=8) == []


def test_one_raised_day_that_settles_is_a_spike_and_the_last_one_waits():
    points = [(D(day), score) for day, score in [("2026-03-02", 3), ("2026-03-03", 3), ("2026-03-04", 7),
                                                  ("2026-03-05", 3), ("2026-03-06", 3), ("2026-03-07", 6)]]
    events = find_pain_events(points, 7.0 - 2)
    assert events.flares == ()
    assert events.spikes == (Spike(D("2026-03-04"), 7, 3.0),)
    assert events.unsettled == Spike(D("2026-03-07"), 6, 3.8)  # (3 + 3 + 7 + 3 + 3) / 5
    assert [events.verdict_on(D(day)) for day in ("2026-03-04", "2026-03-05", "2026-03-07", "2026-03-09")] == [
        SPIKE, AT_OR_BELOW_BASELINE, UNSETTLED, NO_SCORE]
    assert find_pain_events(points, 2.0).verdict_on(D("2026-03-05")) == NOT_RAISED


def test_a_score_at_or_below_the_baseline_is_never_a_flare():
    series = [("2026-03-02", 3), ("2026-03-03", 3), ("2026-03-04", 7), ("2026-03-05", 7)]
    assert flares(series, baseline=7) == []
    assert flares(series, baseline=6.5) == [("2026-03-04", 7, "2026-03-04"), ("2026-03-05", 7, "2026-03-04")]
    events = find_pain_events([(D(day), score) for day, score in series], 7.0)
    assert events.verdict_on(D("2026-03-04")) == AT_OR_BELOW_BASELINE


def test_a_flare_lasts_while_its_days_stay_raised_over_the_level_before_it():
    series = [("2026-03-02", 2), ("2026-03-03", 2), ("2026-03-04", 5), ("2026-03-05", 6), ("2026-03-06", 4),
              ("2026-03-07", 3), ("2026-03-08", 6)]
    # 5, 6 and 4 stay 2 above the 2 before the flare (the rolling mean, raised
    # by the flare itself, would end it early); 3 ends it; the 6 on the 8th
    # is a new rise, waiting for its next check-in.
    assert flares(series, baseline=2.5) == [("2026-03-04", 5, "2026-03-04"), ("2026-03-05", 6, "2026-03-04"),
                                            ("2026-03-06", 4, "2026-03-04")]
    events = find_pain_events([(D(day), score) for day, score in series], 2.5)
    assert events.unsettled is not None and events.unsettled.date == D("2026-03-08")


def test_severe_is_eight_or_more_and_three_above_the_week_whatever_comes_next():
    points = [(D("2026-03-02"), 5), (D("2026-03-03"), 5), (D("2026-03-04"), 8), (D("2026-03-05"), 5),
              (D("2026-03-06"), 7), (D("2026-03-07"), 9)]
    events = find_pain_events(points, 6.0)
    # 8 on the 4th: 3 above 5, severe though it settles (a spike). 9 on the
    # 7th: 9 - (5 + 5 + 8 + 5 + 7) / 5 = 3. 7 is never severe.
    assert [(s.date, s.score) for s in events.severe] == [(D("2026-03-04"), 8), (D("2026-03-07"), 9)]
    assert [s.date for s in events.spikes] == [D("2026-03-04")]
    assert events.is_severe(D("2026-03-07")) and not events.is_severe(D("2026-03-06"))
    # With no score in the week before, the baseline is the reference.
    assert find_pain_events([(D("2026-03-02"), 9)], 5.0).severe == (SevereScore(D("2026-03-02"), 9, 5.0),)
    assert find_pain_events([(D("2026-03-02"), 9)], 7.0).severe == ()


def test_flare_keeps_its_reference_mean():
    first, second = find_flares([(D("2026-03-02"), 1), (D("2026-03-03"), 2), (D("2026-03-04"), 4),
                                 (D("2026-03-05"), 4)])
    assert first == Flare(D("2026-03-04"), 4, D("2026-03-04"), 1.5)
    assert second == Flare(D("2026-03-05"), 4, D("2026-03-04"), 1.5)


def test_a_flare_on_the_last_day_is_reported():
    r = report([("2026-03-02", 2), ("2026-03-04", 2), ("2026-03-06", 7), ("2026-03-07", 7)], "2026-03-07", 6)
    assert r.as_dict()["flares"] == [{"date": "2026-03-06", "score": 7, "since": "2026-03-06"},
                                     {"date": "2026-03-07", "score": 7, "since": "2026-03-06"}]
