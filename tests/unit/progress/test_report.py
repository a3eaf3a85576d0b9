"""The report: its thresholds, its inputs, adherence, and the report as the
API receives it; the rules in planner/progress/report.py and
planner/progress/report_rules.py. The pain series, relief status and the
properties have files of their own.

Series are written out by hand, as report_support.py says."""
from __future__ import annotations

import copy
import json
import random

import pytest

from planner.progress.report import (AssessmentPain, CheckInRow, adherence, build_report, checkin_rows,
                                     find_flares, rolling_mean)
from planner.progress.report_rules import DEFAULT_THRESHOLDS, Thresholds

from tests.unit.progress.report_support import D, JOURNEY, checkins, report


# --- Thresholds --------------------------------------------------------------

def test_default_thresholds_are_the_issues_numbers():
    # The issue's pain-monitoring model: no "above 5/10" ceiling; 30% and a
    # 1-point floor over at least 3 scores; severe at 8 and 3 above the week;
    # exercise pain 0-2 safe, up to 5 acceptable.
    assert DEFAULT_THRESHOLDS.as_dict() == {
        "mcid_percent": 30.0, "min_drop_points": 1.0, "min_window_checkins": 3,
        "lasting_days": 28, "lasting_min_checkins": 8, "flare_rise_points": 2.0,
        "severe_pain_score": 8, "severe_rise_points": 3.0,
        "exercise_pain_safe_max": 2, "exercise_pain_acceptable_max": 5, "morning_worse_points": 1,
        "rolling_window_days": 7}


def test_the_report_states_the_thresholds_it_used():
    custom = Thresholds(lasting_days=42, severe_pain_score=9)
    assert report([("2026-03-02", 3)], "2026-03-02", 6, thresholds=custom).as_dict()["thresholds"] == {
        **DEFAULT_THRESHOLDS.as_dict(), "lasting_days": 42, "severe_pain_score": 9}


def test_thresholds_come_from_the_settings_and_absent_ones_keep_their_defaults():
    assert Thresholds.from_config({"RELIEF_MIN_POINTS": 2.0, "SEVERE_PAIN_SCORE": 9, "FLARE_CEILING": 5}) == \
        Thresholds(min_drop_points=2.0, severe_pain_score=9)


def test_a_retired_threshold_setting_stops_the_app_saying_what_to_do(tmp_path):
    from planner.config import settings_from_env

    with pytest.raises(RuntimeError, match="FLARE_CEILING: there is no flare above a fixed score"):
        settings_from_env(str(tmp_path), {"SECRET_KEY": "x", "FLARE_CEILING": "5"})
    with pytest.raises(RuntimeError, match="set RELIEF_MIN_POINTS instead"):
        settings_from_env(str(tmp_path), {"SECRET_KEY": "x", "RELIEF_MCID_POINTS": "2"})
    settings = settings_from_env(str(tmp_path), {"SECRET_KEY": "x", "RELIEF_MIN_POINTS": "2"})
    assert Thresholds.from_config(settings).min_drop_points == 2.0


@pytest.mark.parametrize("bad", [dict(min_drop_points=-1), dict(mcid_percent=0), dict(mcid_percent=101),
                                 dict(lasting_days=0), dict(lasting_min_checkins=0), dict(flare_rise_points=-1),
                                 dict(severe_pain_score=11), dict(rolling_window_days=0),
                                 dict(min_window_checkins=0), dict(exercise_pain_safe_max=6)])
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
    # Judged from the first score (the default waits for 3 in the window).
    r = report([("2026-03-02", 4, True), ("2026-03-04", 3, True), ("2026-03-06", 2)], "2026-03-06", 7,
               prescribed=MWF, thresholds=Thresholds(min_window_checkins=1))
    d = r.as_dict()
    assert {"baseline_pain", "current_pain", "change_points", "change_pct", "pain_series", "rolling_mean",
            "adherence", "relief", "flares", "spikes", "pain_monitoring", "thresholds"} <= d.keys()
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
                           "history": [{"date": "2026-03-02", "status": "improving"}],
                           "episodes": [{"improving_since": "2026-03-02", "lasting_since": None, "ended_on": None}],
                           "days_held": 4}
    assert d["flares"] == [] and d["spikes"] == [] and d["severe"] == [] and d["unsettled"] is None
    assert d["pain_monitoring"] == []


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
