"""Properties of the report over generated series (Hypothesis): the rolling
mean, flares, relief and adherence invariants, and replaying an earlier day."""
from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.progress.report import (LASTING, NONE, RELAPSED, AssessmentPain, MeanPoint, adherence, build_report,
                                     checkin_rows, rolling_mean)
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
                            rolling_window_days=draw(st.sampled_from([3, 7, 10])),
                            min_window_checkins=draw(st.sampled_from([1, 3])))
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
def test_flares_and_spikes_match_their_definition(data):
    series, assessment, thresholds, today = data
    r = build(series, assessment, thresholds, today)
    base = r.baseline.value if r.baseline else None
    window = thresholds.rolling_window_days
    scores = [(d, s) for d, s in series if d <= today]
    rise = thresholds.flare_rise_points - 1e-9

    def reference(day):
        before = [s for d, s in scores if day - timedelta(days=window) <= d < day]
        return sum(before) / len(before) if before else None

    def raised_over(score, level):
        return level is not None and score - level >= rise and (base is None or score > base + 1e-9)

    index = {d: i for i, (d, _) in enumerate(scores)}
    flare_days = {f.date for f in r.flares}
    episodes = {}
    for flare in r.flares:
        episodes.setdefault(flare.since, []).append(flare)
    for since, days in episodes.items():
        # It began with a raised day, lasted at least two check-ins in a row,
        # each raised over the level before it, and ended when one was not.
        assert raised_over(scores[index[since]][1], reference(since))
        assert all(f.reference_mean == pytest.approx(reference(since)) for f in days)
        positions = [index[f.date] for f in days]
        assert positions == list(range(positions[0], positions[0] + len(days))) and len(days) >= 2
        assert all(raised_over(f.score, f.reference_mean) for f in days)
        after = positions[-1] + 1
        if after < len(scores):
            assert not raised_over(scores[after][1], days[0].reference_mean)
    for spike in r.spikes:
        after = index[spike.date] + 1
        assert raised_over(spike.score, reference(spike.date)) and spike.date not in flare_days
        assert after < len(scores) and not raised_over(scores[after][1], spike.reference_mean)
    # Every raised day is accounted for: a flare, a spike, or the last one, unsettled.
    spike_days = {s.date for s in r.spikes}
    unsettled = r.events.unsettled.date if r.events.unsettled else None
    for day, score in scores:
        if raised_over(score, reference(day)):
            assert day in flare_days or day in spike_days or day == unsettled
        if base is not None and score <= base:
            assert day not in flare_days and day not in spike_days
    if unsettled is not None:
        assert unsettled == scores[-1][0]
    # Severe: high, and far above the week (or the baseline without one).
    for severe in r.severe:
        level = reference(severe.date)
        level = base if level is None else level
        assert severe.score >= thresholds.severe_pain_score
        assert severe.score - level >= thresholds.severe_rise_points - 1e-9


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
    window = thresholds.rolling_window_days
    scores = [(d, s) for d, s in series if d <= today]

    def count(m: MeanPoint) -> int:
        return sum(1 for d, _ in scores if m.date - timedelta(days=window - 1) <= d <= m.date)

    judged = [m for m in r.rolling_mean if m.date >= r.baseline.evaluate_from]

    def improving(m: MeanPoint) -> bool:
        reduction = base - m.value
        return (reduction >= thresholds.min_drop_points - 1e-9
                and reduction * 100 >= thresholds.mcid_percent * base - 1e-9)

    for change in relief_.history:
        assert change.date >= r.baseline.evaluate_from
        # A status changes only on a window with enough scores.
        assert count(next(m for m in judged if m.date == change.date)) >= thresholds.min_window_checkins
        if change.status != LASTING:
            continue
        assert r.events.unsettled is None or change.date != r.events.unsettled.date
        end = next(i for i, m in enumerate(judged) if m.date == change.date)
        run, later = [judged[end]], judged[end].date
        for m in reversed(judged[:end]):
            if (later - m.date).days > window:
                break
            later = m.date
            if count(m) < thresholds.min_window_checkins:
                continue  # not judged: neither counts nor breaks the run
            if not improving(m) or m.date in flare_days:
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
