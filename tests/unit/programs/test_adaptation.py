"""A template made into another client's program: what is swapped, dropped
or moved to the other side for them, and what is left uncovered, each said
in the item's reason and in the summary of changes. Pure: the real library
read from its files, findings derived as an assessment derives them."""
from datetime import date

from planner.assessments.findings import MuscleTestResult, derive_findings
from planner.programs.adaptation import Template, TemplateItem, TemplateSession, adapt
from planner.programs.choice import phases_for
from planner.programs.generator import Params, generate
from planner.library.loader import read_library

from tests.unit.programs.generator_support import file_library, observed

EXERCISES, NAMES, _, _ = file_library()
BY_SLUG = {e.slug: e for e in EXERCISES}
ASSESSED = date(2026, 11, 20)
PARAMS = Params(weeks=4, sessions_per_week=3, minutes_per_session=20, equipment=("foam_roller", "mini_band"),
                days=("mon", "wed", "fri"), start_date=date(2026, 11, 23))
# The client's precautions as the database gives them to the generator: slug -> why.
PRECAUTIONS = {q.slug: f"{q.label.lower()}: {q.excludes}" for q in read_library().screening if q.excludes}


def knee_valgus(side: str = "right", grade: int = 3):
    return derive_findings([MuscleTestResult("gluteus_medius", side, grade)], [observed("knees_move_inward")])


def template_of(findings, pain=None, params=PARAMS, name="Knee valgus") -> Template:
    """A generated program saved as a template, as the store does it."""
    program = generate(findings, pain or {}, params, list(EXERCISES), NAMES, ASSESSED)
    sessions = tuple(TemplateSession(week.week, s.index, week.deload, tuple(
        TemplateItem(i.exercise, BY_SLUG[i.exercise].name, i.phase, i.dose, i.side, tuple(i.targets), i.slot,
                     i.locked) for i in s.items)) for week in program.weeks for s in week.sessions)
    built_for = tuple({"muscle": f.muscle, "side": f.side, "status": f.status} for f in findings)
    return Template(name, params.sessions_per_week, params.minutes_per_session, sessions, built_for)


def apply(template, findings, pain=None, precautions=None, params=PARAMS):
    return adapt(template, findings, pain or {}, params, list(EXERCISES), NAMES, ASSESSED, precautions)


def items(program):
    return [i for w in program.weeks for s in w.sessions for i in s.items]


def test_the_same_findings_get_the_template_back_unchanged():
    findings = knee_valgus()
    template = template_of(findings)
    adapted = apply(template, findings)
    assert [(i.exercise, i.side, i.dose) for i in items(adapted.program)] == \
        [(i.exercise, i.side, i.dose) for s in template.sessions for i in s.items]
    assert {a.kind for a in adapted.adaptations} <= {"uncovered"}  # what the template itself left out


def test_an_anticoagulant_client_gets_no_pressure_release_and_is_told_why():
    template = template_of(knee_valgus())
    assert any(i.phase == "inhibit" for s in template.sessions for i in s.items)
    adapted = apply(template, knee_valgus(), precautions={"anticoagulants": PRECAUTIONS["anticoagulants"]})
    program = items(adapted.program)
    assert program and not [i for i in program if "anticoagulants" in BY_SLUG[i.exercise].precautions]
    assert not [i for i in program if i.phase == "inhibit"]  # every release in the library presses
    dropped = [a for a in adapted.adaptations if a.kind == "dropped"]
    assert {a.item for a in dropped} >= {BY_SLUG["foam_roll_tfl"].name}
    assert all("takes anticoagulants" in a.reason and "pressure" in a.reason for a in dropped)
    assert [a.weeks for a in dropped if a.item == BY_SLUG["foam_roll_tfl"].name] == [[1, 2, 3, 4]]
    # The stretches and the activation are as in the template.
    kept = {(i.exercise, i.phase) for i in program}
    assert ("standing_tfl_stretch", "lengthen") in kept and ("clamshell", "activate") in kept
    # The release the template gave is not covered for this client, with the reason.
    tfl = [u for u in adapted.program.uncovered if u["muscle"] == "tensor_fasciae_latae" and u["phase"] == "inhibit"]
    assert tfl and "can be used: takes anticoagulants" in tfl[0]["reason"]


def test_an_exercise_ruled_out_by_pain_is_swapped_for_one_of_the_same_phase_and_muscle():
    template = template_of(knee_valgus(), params=PARAMS)
    used = {i.exercise for s in template.sessions for i in s.items}
    # Hip pain 6/10 rules out what is contraindicated for the hip (the clamshell among them).
    hurt = {slug for slug in used if "hip" in BY_SLUG[slug].contraindications}
    assert "clamshell" in hurt
    adapted = apply(template, knee_valgus(), pain={"hip": 6})
    assert not hurt & {i.exercise for i in items(adapted.program)}
    for change in adapted.adaptations:
        if change.kind == "swapped":
            old = next(e for e in EXERCISES if e.name == change.item)
            new = next(e for e in EXERCISES if change.change == f"swapped for {e.name}")
            assert new.phase == old.phase and "hip pain 6/10" in change.reason
            assert set(new.primary + new.secondary) & set(old.primary + old.secondary)
    swapped = [i for i in items(adapted.program) if "in place of" in i.rationale]
    assert swapped and all("hip pain 6/10" in i.rationale for i in swapped)
    assert any(a.kind == "swapped" and a.item == "Clamshell" for a in adapted.adaptations)


def test_a_right_sided_template_applied_to_a_left_sided_client_works_the_left():
    template = template_of(knee_valgus("right"))
    right = [i for s in template.sessions for i in s.items if i.side == "right"]
    assert right and {i.slot for i in right} == {"activate:clamshell"}  # the clamshell, then its banded form
    adapted = apply(template, knee_valgus("left"))
    clamshells = [i for i in items(adapted.program) if i.slot == "activate:clamshell"]
    assert clamshells and {i.side for i in clamshells} == {"left"}
    assert all("left gluteus medius" in i.rationale and "graded 3/5" in i.rationale for i in clamshells)
    assert all("on the left side instead of the right side in the template" in i.rationale for i in clamshells)
    assert {(a.item, a.change) for a in adapted.adaptations if a.kind == "side"} == \
        {(BY_SLUG[i.exercise].name, "on the left side instead of the right side") for i in right}
    # The right side is only suggested by the squat while the left tested weak: it waits for its test.
    waiting = [u for u in adapted.program.uncovered if (u["muscle"], u["side"]) == ("gluteus_medius", "right")]
    assert waiting and "test it" in waiting[0]["reason"]


def test_a_finding_the_template_does_not_cover_is_listed_as_uncovered():
    template = template_of(knee_valgus())
    findings = knee_valgus() + derive_findings([MuscleTestResult("infraspinatus", "right", 4)], [])
    adapted = apply(template, findings)
    listed = [u for u in adapted.program.uncovered if u["muscle"] == "infraspinatus"]
    assert listed == [{"muscle": "infraspinatus", "side": "right", "status": "weak", "phase": "activate",
                       "reason": "not in the template: the template was not built for it; add an exercise for "
                                 "it, or generate a program instead"}]
    summary = [a for a in adapted.adaptations if a.kind == "uncovered" and "infraspinatus" in a.item]
    assert summary and summary[0].item == "right infraspinatus (weak)" and summary[0].change == "no activate work"


def test_every_finding_is_served_or_listed_and_no_reason_names_the_template_client():
    findings = knee_valgus()
    template = template_of(findings)
    other = derive_findings([MuscleTestResult("gluteus_medius", "left", 2)],
                            [observed("knees_move_inward"), observed("low_back_arches")])
    adapted = apply(template, other, pain={"knee": 6})
    listed = {(u["muscle"], u["side"], u["status"], u["phase"]) for u in adapted.program.uncovered}
    served = [t for i in items(adapted.program) for t in i.targets]
    for f in other:
        for phase in phases_for(f):
            target = {"muscle": f.muscle, "side": f.side, "status": f.status}
            assert target in served or (f.muscle, f.side, f.status, phase) in listed
    assert not [i for i in items(adapted.program) if "graded 3/5" in i.rationale]  # the template client's grade
    assert all(s.minutes > 0 for w in adapted.program.weeks for s in w.sessions)


def test_the_sessions_follow_the_clients_days_and_start():
    template = template_of(knee_valgus())
    params = Params(weeks=4, sessions_per_week=3, equipment=PARAMS.equipment, days=("tue", "thu", "sat"),
                    start_date=date(2026, 12, 1))
    adapted = apply(template, knee_valgus(), params=params)
    first = adapted.program.weeks[0].sessions
    assert [(s.day, s.date) for s in first] == [("tue", date(2026, 12, 1)), ("thu", date(2026, 12, 3)),
                                              ("sat", date(2026, 12, 5))]
    # The lighter weeks are the template's (none in four weeks: planner/programs/rules.py).
    lighter = {session.week for session in template.sessions if session.deload}
    assert [w.deload for w in adapted.program.weeks] == [w.week in lighter for w in adapted.program.weeks]


def test_an_item_the_trainer_added_keeps_their_words():
    note = "the client's favourite: keep it"
    added = TemplateItem("glute_bridge", "Glute bridge", "activate", BY_SLUG["glute_bridge"].default, None, (),
                         "added:glute_bridge", note=note)
    template = Template("Mine", 1, 20, (TemplateSession(1, 1, False, (added,)),))
    adapted = apply(template, knee_valgus(), params=Params(weeks=1, sessions_per_week=1, days=("mon",),
                                                          start_date=date(2026, 11, 23)))
    [item] = items(adapted.program)
    assert item.rationale == note and item.slot == "added:glute_bridge"


def test_an_exercise_no_longer_in_the_library_is_dropped():
    gone = TemplateItem("retired_move", "Retired move", "activate", BY_SLUG["glute_bridge"].default, None, (),
                        "activate:retired_move")
    template = Template("Old", 1, 20, (TemplateSession(1, 1, False, (gone,)),))
    adapted = apply(template, [], params=Params(weeks=1, sessions_per_week=1, days=("mon",),
                                                start_date=date(2026, 11, 23)))
    assert items(adapted.program) == []
    assert [(a.kind, a.item, a.reason) for a in adapted.adaptations] == \
        [("dropped", "Retired move", "Retired move is no longer in your library")]
