"""The report's relief status: its transitions (none, improving, lasting,
relapsed) and its edges, with means worked out by hand.

Series are written out as (date, score) so each expected mean, flare and
status can be checked by hand. 2026-03-02 is a Monday; most clients here
check in on their training days, Monday, Wednesday and Friday."""
from __future__ import annotations

from datetime import timedelta

import pytest

from planner.progress.report import (IMPROVING, LASTING, NONE, RELAPSED, RELIEF_REASONS, Baseline, Flare,
                                     MeanPoint, PainPoint, StatusChange, relief_status)
from planner.progress.report_rules import Thresholds

from tests.unit.progress.report_support import D, JOURNEY, history, relief, report

# The walk's mechanics (transitions, the lasting clock, gaps) are tested on
# series written for windows of any number of scores and a 2-point floor:
# still valid settings, passed explicitly. The defaults (3 scores, 1 point)
# are tested in test_issue_series.py and in the edges below.
WRITTEN_FOR = Thresholds(min_drop_points=2, min_window_checkins=1)


# --- Relief status: transitions ------------------------------------------------------------

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
    assert relief(series, series[-1][0], baseline_pain, thresholds=WRITTEN_FOR)[0] == expected


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
    assert relief(series, "2026-03-09", 6, thresholds=WRITTEN_FOR) == (NONE, D("2026-03-09"))
    assert history(series, "2026-03-09", 6, thresholds=WRITTEN_FOR) == [(IMPROVING, "2026-03-02"), (NONE, "2026-03-09")]


def test_improving_to_lasting_after_28_days_and_13_checkins():
    assert relief(JOURNEY, "2026-03-27", 6, thresholds=WRITTEN_FOR) == (IMPROVING, D("2026-03-02"))
    r = report(JOURNEY, "2026-03-27", 6, thresholds=WRITTEN_FOR).relief
    assert r.lasting_clock_since == D("2026-03-02")
    assert relief(JOURNEY, "2026-03-30", 6, thresholds=WRITTEN_FOR) == (LASTING, D("2026-03-30"))


def daily(score, first, last):
    """A check-in a day at `score`, `first` to `last` (ISO dates)."""
    start, end = D(first), D(last)
    return [((start + timedelta(days=i)).isoformat(), score) for i in range((end - start).days + 1)]


# Baseline 6 (assessment on 03-02), daily 2s from four days before it: every
# judged window holds at least 3 scores, so improving from 03-02 and lasting
# on 03-30, day 28.
LASTING_BY_0330 = daily(2, "2026-02-27", "2026-03-30")


def test_a_flare_does_not_end_lasting_relief_but_is_listed():
    # 7 and 7: above the baseline, 5 above the week, still raised the next
    # day: a flare since 03-31. The mean, (2 * 5 + 7 + 7) / 7 = 3.43, is still
    # 43% below 6.
    series = LASTING_BY_0330 + [("2026-03-31", 7), ("2026-04-01", 7), ("2026-04-02", 2)]
    r = report(series, "2026-04-02", 6)
    assert (r.relief.status, r.relief.since) == (LASTING, D("2026-03-30"))
    assert [(f.date, f.since) for f in r.flares] == [(D("2026-03-31"), D("2026-03-31")),
                                                    (D("2026-04-01"), D("2026-03-31"))]


def test_lasting_to_relapsed_when_the_mean_is_back_within_30_percent():
    r = report(JOURNEY, "2026-04-03", 6, thresholds=WRITTEN_FOR).relief
    assert (r.status, r.since, r.relapses) == (RELAPSED, D("2026-04-03"), (D("2026-04-03"),))


def test_relapsed_to_improving_keeps_the_relapse_on_record():
    r = report(JOURNEY, "2026-04-10", 6, thresholds=WRITTEN_FOR).relief
    assert (r.status, r.since, r.relapses) == (IMPROVING, D("2026-04-06"), (D("2026-04-03"),))
    assert r.lasting_clock_since == D("2026-04-06")  # lasting again needs the full 28 days
    assert history(JOURNEY, "2026-04-10", 6, thresholds=WRITTEN_FOR) == [
        (IMPROVING, "2026-03-02"), (LASTING, "2026-03-30"), (RELAPSED, "2026-04-03"), (IMPROVING, "2026-04-06")]


def test_losing_improvement_after_a_relapse_is_relapsed_not_none_nor_a_new_relapse():
    assert relief(JOURNEY, "2026-04-13", 6, thresholds=WRITTEN_FOR) == (IMPROVING, D("2026-04-06"))
    r = report(JOURNEY, "2026-04-15", 6, thresholds=WRITTEN_FOR).relief
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
    assert relief(series, "2026-03-30", 5, thresholds=WRITTEN_FOR) == (LASTING, D("2026-03-30"))
    assert relief(series, "2026-04-03", 5, thresholds=WRITTEN_FOR) == (LASTING, D("2026-03-30"))
    assert relief(series, "2026-04-06", 5, thresholds=WRITTEN_FOR) == (RELAPSED, D("2026-04-06"))


def test_lasting_needs_eight_checkins_not_only_28_days():
    mondays = [("2026-03-02", 2), ("2026-03-09", 2), ("2026-03-16", 2), ("2026-03-23", 2), ("2026-03-30", 2),
               ("2026-04-06", 2), ("2026-04-13", 2), ("2026-04-20", 2)]
    # Day 28 comes with the 5th check-in; weekly gaps keep the clock running.
    assert relief(mondays, "2026-04-13", 6, thresholds=WRITTEN_FOR) == (IMPROVING, D("2026-03-02"))
    assert relief(mondays, "2026-04-20", 6, thresholds=WRITTEN_FOR) == (LASTING, D("2026-04-20"))


def test_a_gap_over_a_week_restarts_the_lasting_clock_but_keeps_improving():
    series = [("2026-03-02", 3), ("2026-03-04", 3), ("2026-03-06", 3), ("2026-03-09", 3), ("2026-03-11", 3),
              ("2026-03-13", 3),  # then ten days without a check-in
              ("2026-03-23", 3), ("2026-03-25", 3), ("2026-03-27", 3), ("2026-03-30", 3), ("2026-04-01", 3),
              ("2026-04-03", 3), ("2026-04-06", 3), ("2026-04-08", 3), ("2026-04-10", 3), ("2026-04-13", 3),
              ("2026-04-15", 3), ("2026-04-17", 3), ("2026-04-20", 3)]
    r = report(series, "2026-03-30", 6, thresholds=WRITTEN_FOR)
    assert r.rolling_mean[6] == MeanPoint(D("2026-03-23"), 3.0)
    assert (r.relief.status, r.relief.since, r.relief.lasting_clock_since) == (
        IMPROVING, D("2026-03-02"), D("2026-03-23"))
    assert relief(series, "2026-04-17", 6, thresholds=WRITTEN_FOR) == (IMPROVING, D("2026-03-02"))
    assert relief(series, "2026-04-20", 6, thresholds=WRITTEN_FOR) == (LASTING, D("2026-04-20"))


# Baseline 8, daily 3s; 9 and 9 on 03-11 and 03-12 are a flare (above 8, 6
# above the week) while the mean, (3 * 5 + 9 + 9) / 7 = 4.71, stays improving.
FLARE_WHILE_IMPROVING = (daily(3, "2026-02-27", "2026-03-10") + [("2026-03-11", 9), ("2026-03-12", 9)]
                         + daily(3, "2026-03-13", "2026-04-10"))


def test_a_flare_while_improving_restarts_the_lasting_clock():
    # On the 11th the 9 is only raised: the next check-in says what it is.
    r = report(FLARE_WHILE_IMPROVING, "2026-03-11", 8).relief
    assert (r.status, r.since, r.lasting_clock_since) == (IMPROVING, D("2026-03-02"), D("2026-03-02"))
    r = report(FLARE_WHILE_IMPROVING, "2026-03-12", 8).relief
    assert (r.status, r.since, r.lasting_clock_since) == (IMPROVING, D("2026-03-02"), None)
    r = report(FLARE_WHILE_IMPROVING, "2026-04-08", 8).relief
    assert (r.status, r.since, r.lasting_clock_since) == (IMPROVING, D("2026-03-02"), D("2026-03-13"))
    assert relief(FLARE_WHILE_IMPROVING, "2026-04-09", 8) == (IMPROVING, D("2026-03-02"))
    assert relief(FLARE_WHILE_IMPROVING, "2026-04-10", 8) == (LASTING, D("2026-04-10"))


def test_a_spike_does_not_restart_the_lasting_clock():
    # The same, but the second 9 is a 3: one raised day that settled.
    series = [(day, 3 if day == "2026-03-12" else score) for day, score in FLARE_WHILE_IMPROVING]
    r = report(series, "2026-03-27", 8)
    assert [s.date for s in r.spikes] == [D("2026-03-11")] and r.flares == ()
    assert (r.relief.status, r.relief.lasting_clock_since) == (IMPROVING, D("2026-03-02"))
    assert relief(series, "2026-03-30", 8) == (LASTING, D("2026-03-30"))


def test_a_raised_score_on_the_28th_day_holds_lasting_back_until_the_next_checkin():
    series = daily(2, "2026-02-27", "2026-03-29") + [("2026-03-30", 7)]
    r = report(series, "2026-03-30", 6)
    assert r.events.unsettled is not None and r.events.unsettled.date == D("2026-03-30")
    assert (r.relief.status, r.relief.since, r.relief.lasting_clock_since) == (
        IMPROVING, D("2026-03-02"), D("2026-03-02"))
    # It settled: a spike, and lasting was reached on the 28th day.
    assert relief(series + [("2026-03-31", 2)], "2026-03-31", 6) == (LASTING, D("2026-03-30"))
    # It stayed raised: a flare, and the clock starts again.
    r = report(series + [("2026-03-31", 7)], "2026-03-31", 6)
    assert [f.date for f in r.flares] == [D("2026-03-30"), D("2026-03-31")]
    assert (r.relief.status, r.relief.lasting_clock_since) == (IMPROVING, None)


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


def test_one_checkin_against_an_assessment_is_not_yet_a_trend():
    # The issue's "a single first check-in": one score is not improving.
    r = report([("2026-03-04", 3)], "2026-03-04", 7)
    assert (r.relief.status, r.relief.since) == (NONE, None)
    assert (r.current_pain, r.change_points, round(r.change_pct, 1)) == (3.0, -4.0, -57.1)
    # The third score in the window is.
    r = report([("2026-03-04", 3), ("2026-03-05", 3), ("2026-03-06", 3)], "2026-03-06", 7)
    assert (r.relief.status, r.relief.since) == (IMPROVING, D("2026-03-06"))


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
    assert relief(series, "2026-03-12", thresholds=WRITTEN_FOR) == (NONE, None)
    assert relief(series, "2026-03-13", thresholds=WRITTEN_FOR) == (IMPROVING, D("2026-03-13"))


def test_baseline_zero_cannot_improve_and_says_why():
    r = report([("2026-03-02", 0), ("2026-03-04", 2)], "2026-03-04", 0)
    assert (r.relief.status, r.relief.since, r.relief.reason) == (NONE, None, "baseline_zero")
    assert (r.current_pain, r.change_points, r.change_pct) == (1.0, 1.0, None)
    assert report([("2026-03-02", 0)], "2026-03-12").relief.reason == "baseline_zero"  # first week of zeros


def test_baseline_below_two_points_cannot_improve_and_says_why():
    r = report([("2026-03-02", 0), ("2026-03-04", 0)], "2026-03-04", 1, thresholds=WRITTEN_FOR)
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
    assert relief(series, "2026-03-30", 6, thresholds=WRITTEN_FOR) == (IMPROVING, D("2026-03-02"))


def test_relief_status_on_its_own():
    means = [MeanPoint(D("2026-03-02"), 5.0), MeanPoint(D("2026-03-04"), 3.0), MeanPoint(D("2026-03-06"), 3.0)]
    counts = [3, 3, 3]
    base = Baseline(6.0, "assessment", D("2026-03-02"), "knee")
    flare = Flare(D("2026-03-06"), 7, D("2026-03-06"), 3.0)
    r = relief_status(means, [flare], base, Thresholds(lasting_days=2, lasting_min_checkins=1), window_counts=counts)
    # Improving on 03-04; the flare on 03-06 keeps lasting (2 days) from being reached.
    assert (r.status, r.since, r.lasting_clock_since) == (IMPROVING, D("2026-03-04"), None)
    assert relief_status(means, [], base, Thresholds(lasting_days=2, lasting_min_checkins=1),
                         window_counts=counts).status == LASTING
    assert relief_status(means, [], None, window_counts=counts).reason == "no_pain_scores"
    # A window of fewer than 3 scores is not judged: the status holds.
    assert relief_status(means, [], base, window_counts=[3, 2, 2]).status == NONE


def test_statuses_are_the_four_of_the_issue():
    from planner.progress.report import RELIEF_STATUSES
    assert RELIEF_STATUSES == ("none", "improving", "lasting", "relapsed")
    assert StatusChange(D("2026-03-02"), IMPROVING).status == "improving"
