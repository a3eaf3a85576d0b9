"""The generator's rules, as properties over random assessments and as
scenarios written from the domain."""
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.assessments.findings import MuscleTestResult, derive_findings
from planner.programs.choice import phases_for
from planner.programs.generator import Params, generate
from planner.programs.rules import (INTEGRATE_FROM_WEEK, lighter_week, MAX_ITEMS_PER_SESSION, MAX_WEEKLY_VOLUME_RISE, MIN_WEEKLY_EXPOSURES, PAIN_EXCLUDES_AT)
from planner.vocabularies import EQUIPMENT, PAIN_REGIONS, PHASES

from tests.unit.programs.generator_support import (carried_loaded_volume, file_library, item_seconds, observed,
                                                   per_side_of)

EXERCISES, NAMES, COMPENSATIONS, MUSCLES = file_library()
BY_SLUG = {e.slug: e for e in EXERCISES}
PER_SIDE = per_side_of(EXERCISES)
ASSESSED = date(2026, 11, 20)


@st.composite
def assessments(draw):
    muscles = draw(st.lists(st.sampled_from([m.slug for m in MUSCLES]), max_size=12, unique=True))
    tests = [MuscleTestResult(m, draw(st.sampled_from(["left", "right", "bilateral"])),
                              draw(st.integers(0, 5)), draw(st.booleans())) for m in muscles]
    comps = draw(st.lists(st.sampled_from(sorted(COMPENSATIONS)), max_size=4, unique=True))
    observations = [observed(c, draw(st.sampled_from(["left", "right", "bilateral"]))) for c in comps]
    pain = draw(st.dictionaries(st.sampled_from(PAIN_REGIONS), st.integers(0, 10), max_size=4))
    params = Params(weeks=draw(st.integers(1, 12)), sessions_per_week=draw(st.integers(1, 6)),
                    minutes_per_session=draw(st.integers(5, 60)),
                    equipment=tuple(sorted(draw(st.sets(st.sampled_from(EQUIPMENT))))),
                    days=("mon", "wed", "fri"), start_date=date(2026, 11, 23))
    return derive_findings(tests, observations), pain, params


def run(findings, pain, params):
    return generate(findings, pain, params, list(EXERCISES), NAMES, ASSESSED)


PROPERTY_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY_SETTINGS
@given(assessments())
def test_every_finding_is_trained_or_listed_as_uncovered_with_a_reason(case):
    findings, pain, params = case
    program = run(findings, pain, params)
    listed = {(u["muscle"], u["side"], u["status"], u["phase"]) for u in program.uncovered}
    assert all(u["reason"] for u in program.uncovered)
    first_week = program.weeks[0]
    for f in findings:
        for phase in phases_for(f):
            sessions = sum(1 for s in first_week.sessions for i in s.items if i.phase == phase and
                           {"muscle": f.muscle, "side": f.side, "status": f.status} in i.targets)
            wanted = min(MIN_WEEKLY_EXPOSURES, params.sessions_per_week)
            assert sessions >= wanted or (f.muscle, f.side, f.status, phase) in listed, (f, phase)


@PROPERTY_SETTINGS
@given(assessments())
def test_no_contraindicated_or_unavailable_exercise(case):
    findings, pain, params = case
    blocked = {r for r, s in pain.items() if s >= PAIN_EXCLUDES_AT}
    for week in run(findings, pain, params).weeks:
        for session in week.sessions:
            for item in session.items:
                exercise = BY_SLUG[item.exercise]
                assert not blocked & set(exercise.contraindications), item.exercise
                assert set(exercise.equipment) <= set(params.equipment), item.exercise


@PROPERTY_SETTINGS
@given(assessments())
def test_sessions_fit_their_minutes_and_item_cap_in_continuum_order(case):
    findings, pain, params = case
    for week in run(findings, pain, params).weeks:
        assert len(week.sessions) == params.sessions_per_week
        for session in week.sessions:
            seconds = sum(item_seconds(i, PER_SIDE) for i in session.items)
            assert seconds <= params.minutes_per_session * 60
            assert session.minutes <= params.minutes_per_session
            assert len(session.items) <= MAX_ITEMS_PER_SESSION
            phases = [PHASES.index(i.phase) for i in session.items]
            assert phases == sorted(phases)


@PROPERTY_SETTINGS
@given(assessments())
def test_volume_rises_at_most_ten_percent_a_week_and_never_in_lighter_weeks(case):
    # Issue 13: the volume measured is the loaded work carried over from the
    # week compared with (generator_support.carried_loaded_volume); the
    # assertions are unchanged.
    findings, pain, params = case
    program = run(findings, pain, params)
    last_full_week = None
    previous_week = None
    for week in program.weeks:
        assert week.deload == lighter_week(week.week)
        if week.deload:
            previous, volume = carried_loaded_volume(previous_week, week, BY_SLUG)
            assert volume <= previous
        else:
            if last_full_week is not None:
                last_full, volume = carried_loaded_volume(last_full_week, week, BY_SLUG)
                assert volume <= last_full * (1 + MAX_WEEKLY_VOLUME_RISE) + 1e-9, week.week
            last_full_week = week
        previous_week = week


@PROPERTY_SETTINGS
@given(assessments())
def test_a_one_sided_weakness_a_test_found_is_worked_on_its_side(case):
    # Issue 13: one-sided activation for a test-confirmed one-sided finding
    # is on that side, even when its exercise also serves other findings.
    findings, pain, params = case
    one_sided = [f for f in findings if f.confirmed and f.side in ("left", "right") and phases_for(f) == ("activate",)]
    for week in run(findings, pain, params).weeks:
        slots = {}
        for session in week.sessions:
            for item in session.items:
                slots.setdefault(item.slot, set()).add(item.exercise)
                if item.phase != "activate" or not PER_SIDE[item.exercise]:
                    continue
                for f in one_sided:
                    if {"muscle": f.muscle, "side": f.side, "status": f.status} in item.targets:
                        assert item.side == f.side, (item.exercise, item.side, f)
        assert all(len(exercises) == 1 for exercises in slots.values())  # a slot is one piece of work


@settings(max_examples=40, deadline=None)
@given(assessments())
def test_same_inputs_give_the_same_program_byte_for_byte(case):
    findings, pain, params = case
    assert run(findings, pain, params).to_json() == run(findings, pain, params).to_json()


# --- scenarios ------------------------------------------------------------------

def items(program, week=1):
    return [i for s in program.weeks[week - 1].sessions for i in s.items]


def targeted(item, muscle):
    return any(t["muscle"] == muscle for t in item.targets)


def test_knees_in_with_a_weak_right_gluteus_medius():
    findings = derive_findings([MuscleTestResult("gluteus_medius", "right", 3)], [observed("knees_move_inward")])
    params = Params(weeks=6, sessions_per_week=3, minutes_per_session=20, equipment=("foam_roller", "mini_band"),
                    start_date=date(2026, 11, 23))
    program = run(findings, {"knee": 2}, params)
    glute_med = [i for i in items(program) if i.phase == "activate" and targeted(i, "gluteus_medius")]
    assert len({id(i) for i in glute_med}) >= 2  # trained at least twice in week one
    rationale = glute_med[0].rationale
    assert "right gluteus medius" in rationale
    assert "graded 3/5 on 2026-11-20" in rationale and "knees move inward in the overhead squat" in rationale
    # The chief overactive suspect is released and stretched.
    assert any(i.phase == "inhibit" and targeted(i, "tensor_fasciae_latae") for i in items(program))
    assert any(i.phase == "lengthen" and targeted(i, "tensor_fasciae_latae") for i in items(program))
    # Integration in every session from week 1 (NASM; it was week 3, then
    # week 2); the lighter week is the fifth, after the week-4 reassessment
    # point.
    assert INTEGRATE_FROM_WEEK == 1
    assert all(s.items[-1].phase == "integrate" for s in program.weeks[0].sessions)
    assert [w.deload for w in program.weeks] == [False, False, False, False, True, False]
    integrate = next(i for i in items(program, INTEGRATE_FROM_WEEK) if i.phase == "integrate")
    assert "gluteus" in integrate.rationale and integrate.targets


def test_a_one_sided_finding_gets_one_sided_work():
    findings = derive_findings([MuscleTestResult("gluteus_medius", "left", 2)], [])
    program = run(findings, {}, Params(sessions_per_week=2))
    # Its activation; integration, a whole-body pattern, works both sides.
    work = [i for i in items(program) if targeted(i, "gluteus_medius") and i.phase == "activate"]
    assert work and all(i.side == "left" for i in work if BY_SLUG[i.exercise].per_side)
    assert any(BY_SLUG[i.exercise].per_side for i in work)


def test_low_back_arches_with_hip_flexors_overactive_and_low_back_pain():
    findings = derive_findings([MuscleTestResult("psoas_major", "bilateral", 5, inhibited=False)],
                               [observed("low_back_arches")])
    program = run(findings, {"low_back": 6}, Params(weeks=6, sessions_per_week=3, minutes_per_session=25,
                                                    equipment=("foam_roller", "massage_ball")))
    everything = [i for w in program.weeks for s in w.sessions for i in s.items]
    assert all("low_back" not in BY_SLUG[i.exercise].contraindications for i in everything)
    assert any(i.phase == "lengthen" and (targeted(i, "psoas_major") or targeted(i, "iliacus"))
               for i in everything)
    assert any(i.phase == "activate" and targeted(i, "gluteus_maximus") for i in everything)
    hip_flexors = {"psoas_major", "iliacus", "rectus_femoris", "tensor_fasciae_latae"}
    lengthened = {t["muscle"] for i in everything if i.phase == "lengthen" for t in i.targets}
    listed = {u["muscle"] for u in program.uncovered if u["phase"] == "lengthen"}
    assert hip_flexors <= lengthened | listed


def test_arms_fall_forward_with_neck_pain():
    findings = derive_findings([], [observed("arms_fall_forward")])
    program = run(findings, {"neck": 6}, Params(weeks=4, sessions_per_week=3, minutes_per_session=20,
                                                equipment=("foam_roller", "resistance_band")))
    everything = [i for w in program.weeks for s in w.sessions for i in s.items]
    assert all("neck" not in BY_SLUG[i.exercise].contraindications for i in everything)
    activated = {t["muscle"] for i in everything if i.phase == "activate" for t in i.targets}
    assert {"lower_trapezius", "middle_trapezius"} <= activated
    released = {t["muscle"] for i in everything if i.phase == "inhibit" for t in i.targets}
    assert "latissimus_dorsi" in released or any(u["muscle"] == "latissimus_dorsi" for u in program.uncovered)


def test_what_needs_missing_equipment_is_listed_with_the_reason():
    findings = derive_findings([], [observed("knees_move_inward")])
    program = run(findings, {}, Params(equipment=()))
    reasons = {(u["muscle"], u["phase"]): u["reason"] for u in program.uncovered}
    assert any("needs foam roller" in r or "needs massage ball" in r for r in reasons.values()), reasons


def test_a_short_session_lists_what_did_not_fit():
    findings = derive_findings([MuscleTestResult(m.slug, "bilateral", 2) for m in MUSCLES[:20]], [])
    program = run(findings, {}, Params(sessions_per_week=2, minutes_per_session=10))
    assert program.uncovered
    assert any("no room" in u["reason"] or "time(s) a week" in u["reason"] for u in program.uncovered)


@pytest.mark.parametrize("weeks", [1, 2, 3, 8])
def test_short_and_long_programs_have_the_weeks_asked_for(weeks):
    findings = derive_findings([MuscleTestResult("gluteus_maximus", "bilateral", 3)], [])
    program = run(findings, {}, Params(weeks=weeks))
    assert [w.week for w in program.weeks] == list(range(1, weeks + 1))
    assert [s.date.isoformat() for s in program.weeks[0].sessions] == ["2026-01-05", "2026-01-07", "2026-01-09"]


def test_activation_dose_climbs_from_one_set():
    findings = derive_findings([MuscleTestResult("gluteus_maximus", "bilateral", 3)], [])
    program = run(findings, {}, Params(weeks=12, sessions_per_week=3, minutes_per_session=30))
    doses = [next(i.dose for i in items(program, w) if i.phase == "activate") for w in range(1, 13)]
    assert doses[0].sets == 1 and 10 <= doses[0].reps <= 15
    assert max(d.sets * d.reps for d in doses) > doses[0].sets * doses[0].reps
