"""Properties of the report over generated series (Hypothesis): the rolling
mean, flares, relief and adherence invariants, and replaying an earlier day."""
from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.progress.report import (LASTING, NONE, RELAPSED, AssessmentPain, MeanPoint, adherence, build_report,
                                     checkin_rows, find_flares, rolling_mean)
from planner.progress.report_rules import Thresholds

from tests.unit.progress.report_support import D


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
