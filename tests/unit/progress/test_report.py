"""Report statistics: the rules in planner/report.py and planner/report_rules.py.

Series are written out as (date, score) so each expected mean, flare and
status can be checked by hand. 2026-03-02 is a Monday; most clients here
check in on their training days, Monday, Wednesday and Friday."""
from __future__ import annotations

import copy
import json
import random
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.progress.report import (IMPROVING, LASTING, NONE, RELAPSED, RELIEF_REASONS, AssessmentPain, Baseline, CheckInRow, Flare, MeanPoint, PainPoint, StatusChange, adherence, baseline, build_report, change_against_baseline, checkin_rows, find_flares, pain_series, relief_status, rolling_mean, window_mean)
from planner.progress.report_rules import DEFAULT_THRESHOLDS, Thresholds


def D(iso: str) -> date:
    return date.fromisoformat(iso)


def checkins(series) -> list[tuple]:
    """("2026-03-02", 3) pain only, or ("2026-03-02", 3, True) with done."""
    return [(D(day), score, rest[0] if rest else None) for day, score, *rest in series]


def report(series, today, baseline_pain=None, assessed_on="2026-03-02", **kwargs):
    assessments = [AssessmentPain(D(assessed_on), {"knee": baseline_pain})] if baseline_pain is not None else []
    return build_report(checkins(series), today=D(today), assessments=assessments, **kwargs)


def relief(series, today, baseline_pain=None, **kwargs):
    r = report(series, today, baseline_pain, **kwargs).relief
    return r.status, r.since


def history(series, today, baseline_pain=None):
    return [(c.status, c.date.isoformat()) for c in report(series, today, baseline_pain).relief.history]


# --- Thresholds --------------------------------------------------------------

def test_default_thresholds_are_the_issues_numbers():
    assert DEFAULT_THRESHOLDS.as_dict() == {
        "mcid_points": 2.0, "mcid_percent": 30.0, "lasting_days": 28, "lasting_min_checkins": 8,
        "flare_rise_points": 2.0, "flare_ceiling": 5.0, "rolling_window_days": 7}


def test_the_report_states_the_thresholds_it_used():
    custom = Thresholds(lasting_days=42, flare_ceiling=6)
    assert report([("2026-03-02", 3)], "2026-03-02", 6, thresholds=custom).as_dict()["thresholds"] == {
        **DEFAULT_THRESHOLDS.as_dict(), "lasting_days": 42, "flare_ceiling": 6}


@pytest.mark.parametrize("bad", [dict(mcid_points=0), dict(mcid_percent=0), dict(mcid_percent=101),
                                 dict(lasting_days=0), dict(lasting_min_checkins=0), dict(flare_rise_points=-1),
                                 dict(flare_ceiling=11), dict(rolling_window_days=0)])
def test_thresholds_out_of_range_are_refused(bad):
    with pytest.raises(ValueError):
        Thresholds(**bad)


def test_thresholds_are_frozen():
    with pytest.raises(AttributeError):
        DEFAULT_THRESHOLDS.lasting_days = 1


# --- Inputs --------------------------------------------------------------------

def test_two_checkins_on_one_date_are_refused():
    with pytest.raises(ValueError, match="2026-03-02"):
        checkin_rows(checkins([("2026-03-02", 3), ("2026-03-02", 4)]), D("2026-03-09"))


def test_pain_outside_the_scale_is_refused():
    with pytest.raises(ValueError, match="outside 0-10"):
        checkin_rows(checkins([("2026-03-02", 11)]), D("2026-03-09"))


def test_rows_are_sorted_and_later_ones_left_out():
    rows = checkin_rows(checkins([("2026-03-04", 3), ("2026-03-10", 1), ("2026-03-02", 5, True)]), D("2026-03-09"))
    assert rows == [CheckInRow(D("2026-03-02"), 5, True), CheckInRow(D("2026-03-04"), 3, None)]


def test_unsorted_scores_are_refused_by_the_series_functions():
    with pytest.raises(ValueError):
        rolling_mean([(D("2026-03-04"), 3), (D("2026-03-02"), 5)])
    with pytest.raises(ValueError):
        find_flares([(D("2026-03-02"), 3), (D("2026-03-02"), 5)])


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


# --- Relief status: transitions ------------------------------------------------------------

# Baseline 6 (assessment on 2026-03-02). Means worked out by hand:
# 03-30 day 28 of improving with 13 check-ins: lasting.
# 04-01 mean (3+3+5)/3 = 3.67, 39% below 6: still lasting (the 5 is a rise flare).
# 04-03 mean (3+5+5)/3 = 4.33, 28% below: relapsed.
# 04-06 mean (5+5+2)/3 = 4.00, 2 points and 33% below: improving again.
# 04-13 mean (2+2+6)/3 = 3.33: improving; 04-15 (2+6+6)/3 = 4.67, 1.33 points: relapsed again.
JOURNEY = [
    ("2026-03-02", 3), ("2026-03-04", 3), ("2026-03-06", 3), ("2026-03-09", 2), ("2026-03-11", 3),
    ("2026-03-13", 3), ("2026-03-16", 2), ("2026-03-18", 3), ("2026-03-20", 3), ("2026-03-23", 3),
    ("2026-03-25", 2), ("2026-03-27", 3), ("2026-03-30", 3), ("2026-04-01", 5), ("2026-04-03", 5),
    ("2026-04-06", 2), ("2026-04-08", 2), ("2026-04-10", 2), ("2026-04-13", 6), ("2026-04-15", 6),
]


def test_none_to_improving_at_two_points_and_thirty_percent():
    # Means: 6, 5.5, 4.67 (1.33 below), then 3.67 (5, 3, 3: 2.33 and 39% below).
    series = [("2026-03-02", 6), ("2026-03-04", 5), ("2026-03-06", 3), ("2026-03-09", 3), ("2026-03-11", 3)]
    assert relief(series, "2026-03-06", 6) == (NONE, None)
    assert relief(series, "2026-03-11", 6) == (IMPROVING, D("2026-03-09"))


@pytest.mark.parametrize("baseline_pain, series, expected", [
    (5, [("2026-03-02", 3)], IMPROVING),  # exactly 2 points (40%)
    (10, [("2026-03-02", 7)], IMPROVING),  # exactly 30% (3 points)
    (10, [("2026-03-02", 8), ("2026-03-03", 7), ("2026-03-04", 7), ("2026-03-05", 7), ("2026-03-06", 7)],
     NONE),  # means 8, 7.5, 7.33, 7.25, 7.2: never 30% below
    (4, [("2026-03-02", 3), ("2026-03-03", 2)], NONE),  # 1.5 points is 37.5% but not 2 points
    (2, [("2026-03-02", 0)], IMPROVING),  # 2 points is 100%
])
def test_improving_needs_both_the_points_and_the_percent(baseline_pain, series, expected):
    assert relief(series, series[-1][0], baseline_pain)[0] == expected


def test_exactly_two_points_counts_despite_float_rounding():
    # First week 5, 5, 6: baseline 16/3. On 03-13 the mean of 4, 3, 3 is 10/3,
    # exactly 2 points below, which floats compute as 1.9999999999999996.
    series = [("2026-03-02", 5), ("2026-03-03", 5), ("2026-03-04", 6),
              ("2026-03-11", 4), ("2026-03-12", 3), ("2026-03-13", 3)]
    assert relief(series, "2026-03-12") == (NONE, None)
    assert relief(series, "2026-03-13") == (IMPROVING, D("2026-03-13"))


def test_improving_to_none_when_the_mean_comes_back():
    # Means 3, 3, 4 (2 below 6: improving), then (3 + 6 + 6) / 3 = 5.
    series = [("2026-03-02", 3), ("2026-03-04", 3), ("2026-03-06", 6), ("2026-03-09", 6)]
    assert relief(series, "2026-03-09", 6) == (NONE, D("2026-03-09"))
    assert history(series, "2026-03-09", 6) == [(IMPROVING, "2026-03-02"), (NONE, "2026-03-09")]


def test_improving_to_lasting_after_28_days_and_13_checkins():
    assert relief(JOURNEY, "2026-03-27", 6) == (IMPROVING, D("2026-03-02"))
    r = report(JOURNEY, "2026-03-27", 6).relief
    assert r.lasting_clock_since == D("2026-03-02")
    assert relief(JOURNEY, "2026-03-30", 6) == (LASTING, D("2026-03-30"))


def test_a_flare_does_not_end_lasting_relief_but_is_listed():
    r = report(JOURNEY, "2026-04-01", 6)
    assert (r.relief.status, r.relief.since) == (LASTING, D("2026-03-30"))
    assert [f.date for f in r.flares] == [D("2026-04-01")]


def test_lasting_to_relapsed_when_the_mean_is_back_within_30_percent():
    r = report(JOURNEY, "2026-04-03", 6).relief
    assert (r.status, r.since, r.relapses) == (RELAPSED, D("2026-04-03"), (D("2026-04-03"),))


def test_relapsed_to_improving_keeps_the_relapse_on_record():
    r = report(JOURNEY, "2026-04-10", 6).relief
    assert (r.status, r.since, r.relapses) == (IMPROVING, D("2026-04-06"), (D("2026-04-03"),))
    assert r.lasting_clock_since == D("2026-04-06")  # lasting again needs the full 28 days
    assert history(JOURNEY, "2026-04-10", 6) == [
        (IMPROVING, "2026-03-02"), (LASTING, "2026-03-30"), (RELAPSED, "2026-04-03"), (IMPROVING, "2026-04-06")]


def test_losing_improvement_after_a_relapse_is_relapsed_not_none_nor_a_new_relapse():
    assert relief(JOURNEY, "2026-04-13", 6) == (IMPROVING, D("2026-04-06"))
    r = report(JOURNEY, "2026-04-15", 6).relief
    # Only the end of lasting relief (04-03) is a relapse.
    assert (r.status, r.since, r.relapses) == (RELAPSED, D("2026-04-15"), (D("2026-04-03"),))


def test_lasting_holds_within_30_percent_even_under_2_points():
    # Baseline 5, lasting on 03-30 with a mean of 2. On 04-03 the mean of 2, 4, 4
    # is 3.33: 1.67 points but 33% below, so lasting holds; on 04-06 (4, 4, 4) it is
    # 20% below: relapsed.
    series = [("2026-03-02", 2), ("2026-03-04", 2), ("2026-03-06", 2), ("2026-03-09", 2), ("2026-03-11", 2),
              ("2026-03-13", 2), ("2026-03-16", 2), ("2026-03-18", 2), ("2026-03-20", 2), ("2026-03-23", 2),
              ("2026-03-25", 2), ("2026-03-27", 2), ("2026-03-30", 2), ("2026-04-01", 4), ("2026-04-03", 4),
              ("2026-04-06", 4)]
    assert relief(series, "2026-03-30", 5) == (LASTING, D("2026-03-30"))
    assert relief(series, "2026-04-03", 5) == (LASTING, D("2026-03-30"))
    assert relief(series, "2026-04-06", 5) == (RELAPSED, D("2026-04-06"))


def test_lasting_needs_eight_checkins_not_only_28_days():
    mondays = [("2026-03-02", 2), ("2026-03-09", 2), ("2026-03-16", 2), ("2026-03-23", 2), ("2026-03-30", 2),
               ("2026-04-06", 2), ("2026-04-13", 2), ("2026-04-20", 2)]
    # Day 28 comes with the 5th check-in; weekly gaps keep the clock running.
    assert relief(mondays, "2026-04-13", 6) == (IMPROVING, D("2026-03-02"))
    assert relief(mondays, "2026-04-20", 6) == (LASTING, D("2026-04-20"))


def test_a_gap_over_a_week_restarts_the_lasting_clock_but_keeps_improving():
    series = [("2026-03-02", 3), ("2026-03-04", 3), ("2026-03-06", 3), ("2026-03-09", 3), ("2026-03-11", 3),
              ("2026-03-13", 3),  # then ten days without a check-in
              ("2026-03-23", 3), ("2026-03-25", 3), ("2026-03-27", 3), ("2026-03-30", 3), ("2026-04-01", 3),
              ("2026-04-03", 3), ("2026-04-06", 3), ("2026-04-08", 3), ("2026-04-10", 3), ("2026-04-13", 3),
              ("2026-04-15", 3), ("2026-04-17", 3), ("2026-04-20", 3)]
    r = report(series, "2026-03-30", 6)
    assert r.rolling_mean[6] == MeanPoint(D("2026-03-23"), 3.0)
    assert (r.relief.status, r.relief.since, r.relief.lasting_clock_since) == (
        IMPROVING, D("2026-03-02"), D("2026-03-23"))
    assert relief(series, "2026-04-17", 6) == (IMPROVING, D("2026-03-02"))
    assert relief(series, "2026-04-20", 6) == (LASTING, D("2026-04-20"))


# Baseline 8; the 6 on 03-11 is a flare (above 5, and 3 above the week before)
# while the mean (3, 3, 6 = 4) stays improving.
FLARE_WHILE_IMPROVING = [
    ("2026-03-02", 3), ("2026-03-04", 3), ("2026-03-06", 3), ("2026-03-09", 3), ("2026-03-11", 6),
    ("2026-03-13", 3), ("2026-03-16", 3), ("2026-03-18", 3), ("2026-03-20", 3), ("2026-03-23", 3),
    ("2026-03-25", 3), ("2026-03-27", 3), ("2026-03-30", 3), ("2026-04-01", 3), ("2026-04-03", 3),
    ("2026-04-06", 3), ("2026-04-08", 3), ("2026-04-10", 3),
]


def test_a_flare_while_improving_restarts_the_lasting_clock():
    r = report(FLARE_WHILE_IMPROVING, "2026-03-11", 8).relief
    assert (r.status, r.since, r.lasting_clock_since) == (IMPROVING, D("2026-03-02"), None)
    r = report(FLARE_WHILE_IMPROVING, "2026-04-08", 8).relief
    assert (r.status, r.since, r.lasting_clock_since) == (IMPROVING, D("2026-03-02"), D("2026-03-13"))
    assert relief(FLARE_WHILE_IMPROVING, "2026-04-10", 8) == (LASTING, D("2026-04-10"))


def test_a_flare_on_the_last_day_stops_lasting_from_being_reached():
    # As JOURNEY up to day 28, but the 28th-day check-in is a 6: a flare
    # (mean 3, 3, 6 = 4 is still 2 points and 33% below 6).
    series = JOURNEY[:12] + [("2026-03-30", 6)]
    r = report(series, "2026-03-30", 6)
    assert [(f.date, f.rules) for f in r.flares] == [(D("2026-03-30"), ("rise", "ceiling"))]
    assert (r.relief.status, r.relief.since, r.relief.lasting_clock_since) == (IMPROVING, D("2026-03-02"), None)


# --- Relief status: edges --------------------------------------------------------------------

def test_no_checkins_with_an_assessment():
    r = report([], "2026-03-09", 6)
    assert (r.relief.status, r.relief.since, r.relief.reason) == (NONE, None, "no_checkins")
    assert (r.baseline_pain, r.current_pain, r.change_points, r.change_pct) == (6.0, None, None, None)
    assert r.pain_series == (PainPoint(D("2026-03-02"), 6, "assessment"),)
    assert (r.rolling_mean, r.flares) == ((), ())


def test_no_checkins_and_no_assessment():
    r = report([], "2026-03-09")
    assert (r.baseline, r.relief.status, r.relief.reason) == (None, NONE, "no_pain_scores")
    assert r.relief.reason in RELIEF_REASONS


def test_one_checkin_against_an_assessment():
    r = report([("2026-03-04", 3)], "2026-03-04", 7)
    assert (r.relief.status, r.relief.since) == (IMPROVING, D("2026-03-04"))
    assert (r.current_pain, r.change_points, round(r.change_pct, 1)) == (3.0, -4.0, -57.1)


def test_one_checkin_without_an_assessment_is_only_a_baseline():
    r = report([("2026-03-04", 3)], "2026-03-20")
    assert (r.baseline_pain, r.baseline.source) == (3.0, "first_week")
    assert (r.relief.status, r.relief.reason) == (NONE, "baseline_week")
    assert r.current_pain is None  # 16 days old


def test_the_baseline_week_is_not_judged_against_its_own_mean():
    # Baseline (2+2+2+8+8+8+8)/7 = 5.43. The first day's mean, 2, is 63% below it,
    # but that week made the baseline.
    series = [("2026-03-02", 2), ("2026-03-03", 2), ("2026-03-04", 2), ("2026-03-05", 8), ("2026-03-06", 8),
              ("2026-03-07", 8), ("2026-03-08", 8)]
    r = report(series, "2026-03-08").relief
    assert (r.status, r.history, r.reason) == (NONE, (), "baseline_week")


def test_improving_against_the_first_weeks_mean():
    # Baseline 5; means from 03-09: 4.57, 4.14, 3.71, 3.29, 2.86 (2.14 and 43% below).
    series = [("2026-03-02", 5), ("2026-03-03", 5), ("2026-03-04", 5), ("2026-03-05", 5), ("2026-03-06", 5),
              ("2026-03-07", 5), ("2026-03-08", 5), ("2026-03-09", 2), ("2026-03-10", 2), ("2026-03-11", 2),
              ("2026-03-12", 2), ("2026-03-13", 2)]
    assert relief(series, "2026-03-12") == (NONE, None)
    assert relief(series, "2026-03-13") == (IMPROVING, D("2026-03-13"))


def test_baseline_zero_cannot_improve_and_says_why():
    r = report([("2026-03-02", 0), ("2026-03-04", 2)], "2026-03-04", 0)
    assert (r.relief.status, r.relief.since, r.relief.reason) == (NONE, None, "baseline_zero")
    assert (r.current_pain, r.change_points, r.change_pct) == (1.0, 1.0, None)
    assert report([("2026-03-02", 0)], "2026-03-12").relief.reason == "baseline_zero"  # first week of zeros


def test_baseline_below_two_points_cannot_improve_and_says_why():
    r = report([("2026-03-02", 0), ("2026-03-04", 0)], "2026-03-04", 1)
    assert (r.relief.status, r.relief.reason) == (NONE, "baseline_below_change")


def test_checkins_before_the_assessment_are_shown_but_not_judged():
    r = report([("2026-02-23", 2), ("2026-03-02", 6)], "2026-03-02", 6, assessed_on="2026-03-02")
    assert [m.date for m in r.rolling_mean] == [D("2026-02-23"), D("2026-03-02")]
    assert (r.relief.status, r.relief.reason) == (NONE, None)  # 03-02's mean (6) is not below 6


def test_checkins_without_pain_do_not_count_towards_lasting():
    # Scores only on Mondays; the Wednesdays and Fridays say "done" without pain.
    series = [("2026-03-02", 2), ("2026-03-04", None, True), ("2026-03-06", None, True),
              ("2026-03-09", 2), ("2026-03-11", None, True), ("2026-03-16", 2), ("2026-03-23", 2),
              ("2026-03-25", None, True), ("2026-03-30", 2)]
    assert relief(series, "2026-03-30", 6) == (IMPROVING, D("2026-03-02"))


def test_relief_status_on_its_own():
    means = [MeanPoint(D("2026-03-02"), 5.0), MeanPoint(D("2026-03-04"), 3.0), MeanPoint(D("2026-03-06"), 3.0)]
    base = Baseline(6.0, "assessment", D("2026-03-02"), "knee")
    flare = Flare(D("2026-03-06"), 6, ("ceiling",), 3.0)
    r = relief_status(means, [flare], base, Thresholds(lasting_days=2, lasting_min_checkins=1))
    # Improving on 03-04; the flare on 03-06 keeps lasting (2 days) from being reached.
    assert (r.status, r.since, r.lasting_clock_since) == (IMPROVING, D("2026-03-04"), None)
    assert relief_status(means, [], base, Thresholds(lasting_days=2, lasting_min_checkins=1)).status == LASTING
    assert relief_status(means, [], None).reason == "no_pain_scores"


# --- Adherence ------------------------------------------------------------------------------------

MWF = [D(d) for d in ("2026-03-02", "2026-03-04", "2026-03-06", "2026-03-09", "2026-03-11", "2026-03-13",
                      "2026-03-16", "2026-03-18", "2026-03-20")]


def by_week(result):
    return [(w.week_start.isoformat(), w.done, w.prescribed) for w in result.by_week]


def test_adherence_by_iso_week_counts_a_session_moved_within_the_week():
    rows = checkin_rows(checkins([
        ("2026-03-02", 4, True), ("2026-03-04", None, True),
        ("2026-03-05", 3, True),  # Friday's session done on Thursday
        ("2026-03-09", 3, True), ("2026-03-11", 3, False), ("2026-03-13", None, None)]), D("2026-03-16"))
    result = adherence(rows, MWF, D("2026-03-16"))
    assert by_week(result) == [("2026-03-02", 3, 3), ("2026-03-09", 1, 3)]
    assert (result.done, result.prescribed, round(result.pct, 1)) == (4, 6, 66.7)


def test_todays_session_counts_once_done_and_later_sessions_not_yet():
    today = D("2026-03-04")
    not_yet = adherence(checkin_rows(checkins([("2026-03-02", 3, True)]), today), MWF, today)
    assert by_week(not_yet) == [("2026-03-02", 1, 1)]
    done_today = adherence(checkin_rows(checkins([("2026-03-02", 3, True), ("2026-03-04", 3, True)]), today),
                           MWF, today)
    assert by_week(done_today) == [("2026-03-02", 2, 2)]


def test_extra_sessions_are_not_counted():
    rows = checkin_rows(checkins([
        ("2026-02-24", 3, True),  # a week with nothing prescribed
        ("2026-03-02", 3, True), ("2026-03-03", 3, True), ("2026-03-04", 3, True), ("2026-03-05", 3, True),
        ("2026-03-06", 3, True)]), D("2026-03-09"))
    result = adherence(rows, MWF, D("2026-03-09"))
    assert by_week(result) == [("2026-03-02", 3, 3)]
    assert result.pct == 100.0


def test_adherence_without_prescribed_sessions_has_no_percentage():
    result = adherence(checkin_rows(checkins([("2026-03-02", 3, True)]), D("2026-03-09")), [], D("2026-03-09"))
    assert (result.pct, result.done, result.prescribed, result.by_week) == (None, 0, 0, ())


def test_no_checkins_is_zero_adherence():
    result = adherence([], MWF, D("2026-03-09"))
    assert (result.pct, by_week(result)) == (0.0, [("2026-03-02", 0, 3)])


# --- The report as the API receives it ---------------------------------------------------------------

def test_as_dict_has_the_agreed_shape_and_is_json_ready():
    r = report([("2026-03-02", 4, True), ("2026-03-04", 3, True), ("2026-03-06", 2)], "2026-03-06", 7,
               prescribed=MWF)
    d = r.as_dict()
    assert {"baseline_pain", "current_pain", "change_points", "change_pct", "pain_series", "rolling_mean",
            "adherence", "relief", "flares", "thresholds"} <= d.keys()
    assert json.loads(json.dumps(d)) == d
    assert d["baseline_pain"] == 7.0 and d["current_pain"] == 3.0
    assert (d["change_points"], d["change_pct"]) == (-4.0, -57.1)
    assert d["pain_series"][:2] == [{"date": "2026-03-02", "score": 7, "source": "assessment"},
                                    {"date": "2026-03-02", "score": 4, "source": "checkin"}]
    assert d["rolling_mean"] == [{"date": "2026-03-02", "value": 4.0}, {"date": "2026-03-04", "value": 3.5},
                                 {"date": "2026-03-06", "value": 3.0}]
    # Today's session (03-06) is not done yet, so it is not due yet either.
    assert d["adherence"] == {"pct": 100.0, "done": 2, "prescribed": 2,
                              "by_week": [{"week_start": "2026-03-02", "done": 2, "prescribed": 2}]}
    assert d["relief"] == {"status": "improving", "since": "2026-03-02", "relapses": [], "reason": None,
                           "lasting_clock_since": "2026-03-02",
                           "history": [{"date": "2026-03-02", "status": "improving"}]}
    assert d["flares"] == []


def test_report_ignores_input_order_and_rows_after_today():
    rows = checkins(JOURNEY)
    shuffled = rows[:]
    random.Random(7).shuffle(shuffled)
    assessments = [AssessmentPain(D("2026-03-02"), {"knee": 6})]
    as_of = D("2026-04-03")
    known_then = [row for row in rows if row[0] <= as_of]
    assert (build_report(shuffled, today=as_of, assessments=assessments)
            == build_report(known_then, today=as_of, assessments=assessments))


def test_plain_tuples_and_no_mutation():
    rows = checkins(JOURNEY)
    before = copy.deepcopy(rows)
    first = build_report(rows, today=D("2026-04-20"), prescribed=MWF)
    assert rows == before
    assert build_report(rows, today=D("2026-04-20"), prescribed=MWF) == first


# --- Properties ----------------------------------------------------------------------------------------

START = D("2026-01-05")


@st.composite
def shaped_series(draw):
    """Phases of a few weeks around a level (high, then low, then back up...),
    with small day-to-day noise and mostly short gaps: the shapes that reach
    lasting relief and relapse, which random scores almost never do."""
    recovery = [(draw(st.integers(6, 10)), draw(st.integers(3, 14))),
                (draw(st.integers(0, 3)), draw(st.integers(20, 60))),
                (draw(st.integers(4, 10)), draw(st.integers(3, 20))),
                (draw(st.integers(0, 3)), draw(st.integers(3, 40)))]
    any_phases = st.lists(st.tuples(st.integers(0, 10), st.integers(3, 45)), min_size=1, max_size=5)
    phases = draw(st.just(recovery) | any_phases)
    series, offset = [], 0
    for level, days in phases:
        phase_end = offset + days
        while offset < phase_end and offset <= 150:
            score = min(10, max(0, level + draw(st.integers(-1, 1))))
            series.append((START + timedelta(days=offset), score))
            offset += draw(st.sampled_from([1, 1, 2, 2, 2, 3, 3, 4, 7, 8, 10]))
    return series


@st.composite
def random_series(draw):
    offsets = sorted(draw(st.sets(st.integers(0, 150), max_size=70)))
    return [(START + timedelta(days=o), draw(st.integers(0, 10))) for o in offsets]


@st.composite
def client_data(draw):
    series = draw(shaped_series() | random_series())
    assessment = draw(st.none() | st.integers(0, 10) | st.integers(6, 10))
    thresholds = Thresholds(lasting_days=draw(st.integers(1, 35)), lasting_min_checkins=draw(st.integers(1, 10)),
                            rolling_window_days=draw(st.sampled_from([3, 7, 10])))
    today = START + timedelta(days=draw(st.just(160) | st.integers(0, 160)))
    return series, assessment, thresholds, today


def build(series, assessment, thresholds, today):
    assessments = [AssessmentPain(START, {"back": assessment})] if assessment is not None else []
    return build_report([(d, s, None) for d, s in series], today=today, assessments=assessments,
                        thresholds=thresholds)


@settings(max_examples=300, deadline=None)
@given(client_data())
def test_rolling_mean_is_the_plain_window_mean_and_within_its_min_and_max(data):
    series, _, thresholds, _ = data
    window = thresholds.rolling_window_days
    for day, value in rolling_mean(series, window):
        inside = [s for d, s in series if day - timedelta(days=window - 1) <= d <= day]
        assert min(inside) <= value <= max(inside)
        assert value == pytest.approx(sum(inside) / len(inside))


@settings(max_examples=300, deadline=None)
@given(client_data())
def test_flares_match_their_definition(data):
    series, _, thresholds, _ = data
    window = thresholds.rolling_window_days
    expected = []
    for day, score in series:
        before = [s for d, s in series if day - timedelta(days=window) <= d < day]
        rise = bool(before) and score - sum(before) / len(before) >= thresholds.flare_rise_points - 1e-9
        if rise or score > thresholds.flare_ceiling:
            expected.append(day)
    assert [f.date for f in find_flares(series, thresholds)] == expected


@settings(max_examples=500, deadline=None)
@given(client_data())
def test_relief_invariants(data):
    series, assessment, thresholds, today = data
    r = build(series, assessment, thresholds, today)
    relief_ = r.relief
    statuses = [c.status for c in relief_.history]
    # The current status and since are the last change; changes are changes.
    assert (relief_.status, relief_.since) == ((relief_.history[-1].status, relief_.history[-1].date)
                                               if relief_.history else (NONE, None))
    assert all(a != b for a, b in zip(statuses, statuses[1:]))
    assert [c.date for c in relief_.history] == sorted(c.date for c in relief_.history)
    # Relapsed never without a prior lasting; relapses are exactly those changes.
    for i, status in enumerate(statuses):
        if status == RELAPSED:
            assert LASTING in statuses[:i]
    assert list(relief_.relapses) == [c.date for previous, c in zip(relief_.history, relief_.history[1:])
                                      if previous.status == LASTING]
    if relief_.reason:
        assert relief_.status == NONE and not relief_.history
    # Lasting only after an unbroken, flare-free, improving run of enough days and check-ins.
    if not relief_.history:
        return
    base = r.baseline.value
    flare_days = {f.date for f in r.flares}
    judged = [m for m in r.rolling_mean if m.date >= r.baseline.evaluate_from]

    def improving(m: MeanPoint) -> bool:
        reduction = base - m.value
        return reduction >= thresholds.mcid_points - 1e-9 and reduction * 100 >= thresholds.mcid_percent * base - 1e-9

    for change in relief_.history:
        assert change.date >= r.baseline.evaluate_from
        if change.status != LASTING:
            continue
        end = next(i for i, m in enumerate(judged) if m.date == change.date)
        run = [judged[end]]
        for m in reversed(judged[:end]):
            gap = (run[-1].date - m.date).days > thresholds.rolling_window_days
            if not improving(m) or m.date in flare_days or gap:
                break
            run.append(m)
        assert all(improving(m) and m.date not in flare_days for m in run)
        assert len(run) >= thresholds.lasting_min_checkins
        assert (change.date - run[-1].date).days >= thresholds.lasting_days


@settings(max_examples=200, deadline=None)
@given(client_data(), st.lists(st.integers(0, 160), max_size=60), st.lists(st.booleans(), min_size=160,
                                                                          max_size=160))
def test_adherence_invariants(data, prescribed_offsets, done_flags):
    series, _, _, today = data
    rows = [(d, s, done_flags[(d - START).days % 160]) for d, s in series]
    prescribed = [START + timedelta(days=o) for o in prescribed_offsets]
    result = adherence(checkin_rows(rows, today), prescribed, today)
    for week in result.by_week:
        assert week.week_start.weekday() == 0
        assert 0 <= week.done <= week.prescribed
    assert result.prescribed == sum(1 for d in prescribed if d < today or (d == today and any(
        r[0] == today and r[2] for r in rows)))
    assert result.pct is None or 0 <= result.pct <= 100


@settings(max_examples=200, deadline=None)
@given(client_data(), st.integers(0, 160))
def test_a_report_replayed_for_an_earlier_day_sees_only_what_was_known(data, as_of_offset):
    series, assessment, thresholds, today = data
    as_of = min(today, START + timedelta(days=as_of_offset))
    earlier = [(d, s) for d, s in series if d <= as_of]
    assert build(series, assessment, thresholds, as_of) == build(earlier, assessment, thresholds, as_of)


def test_statuses_are_the_four_of_the_issue():
    from planner.progress.report import RELIEF_STATUSES
    assert RELIEF_STATUSES == ("none", "improving", "lasting", "relapsed")
    assert StatusChange(D("2026-03-02"), IMPROVING).status == "improving"
