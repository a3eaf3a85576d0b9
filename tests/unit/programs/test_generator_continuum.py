"""The generator as a clinician reads it (issue 13): each dysfunction's
continuum in one session, integration in the first weeks, activation moving
up its chain, the lighter week for loaded work only, full sessions while
findings wait, the painful region first, one-sided work on its side, and
every rule with its source."""
import ast
import re
from datetime import date
from pathlib import Path

from planner.assessments.findings import MuscleTestResult, derive_findings
from planner.assessments.ranking import rank
from planner.programs import rules
from planner.programs.generator import Params, generate
from planner.programs.rationale import RULES
from planner.vocabularies import PHASES

from tests.unit.programs.generator_support import file_library, item_seconds, observed, per_side_of

EXERCISES, NAMES, COMPENSATIONS, MUSCLES = file_library()
BY_SLUG = {e.slug: e for e in EXERCISES}
PER_SIDE = per_side_of(EXERCISES)
REGIONS = {m.slug: m.region for m in MUSCLES}


def program_for(tests, squat, pain, **params):
    findings = rank(derive_findings(tests, [observed(c) for c in squat]), pain, REGIONS)
    return generate(findings, pain, Params(**({"start_date": date(2026, 11, 23)} | params)), list(EXERCISES), NAMES,
                    date(2026, 11, 20))


def targets(item, muscle, side=None):
    return any(t["muscle"] == muscle and side in (None, t["side"]) for t in item.targets)


def knee_valgus(**params):
    return program_for([MuscleTestResult("gluteus_medius", "right", 3)], ["knees_move_inward"], {"knee": 5},
                       **({"equipment": ("foam_roller", "mini_band")} | params))


def test_the_tfl_release_and_stretch_share_a_session_with_the_gluteus_medius_activation():
    program = knee_valgus()
    for week in program.weeks:
        for session in week.sessions:
            phases = [i.phase for i in session.items]
            assert phases == sorted(phases, key=PHASES.index)
            release = [n for n, i in enumerate(session.items) if i.phase == "inhibit" and targets(i, "tensor_fasciae_latae")]
            stretch = [n for n, i in enumerate(session.items) if i.phase == "lengthen" and targets(i, "tensor_fasciae_latae")]
            activation = [n for n, i in enumerate(session.items) if i.phase == "activate" and targets(i, "gluteus_medius")]
            # Where one is, the others are, in the continuum's order.
            assert bool(release) == bool(stretch) == bool(activation), (week.week, session.index)
            if activation:
                assert release[0] < stretch[0] < activation[0]
    first = program.weeks[0]
    assert sum(1 for s in first.sessions for i in s.items if i.phase == "activate" and targets(i, "gluteus_medius")) >= 2


def test_the_weak_right_side_is_worked_on_its_own_and_the_left_waits_for_a_test():
    program = knee_valgus()
    work = [i for s in program.weeks[0].sessions for i in s.items
            if i.phase == "activate" and targets(i, "gluteus_medius")]
    assert work and {i.side for i in work} == {"right"}
    assert all(targets(i, "gluteus_medius", "right") and not targets(i, "gluteus_medius", "left") for i in work)
    waiting = [u for u in program.uncovered if (u["muscle"], u["side"]) == ("gluteus_medius", "left")]
    assert waiting and "test it" in waiting[0]["reason"]


def test_integration_joins_by_week_two_at_level_one_or_two():
    program = knee_valgus()
    assert not any(i.phase == "integrate" for s in program.weeks[0].sessions for i in s.items)
    week2 = [i for s in program.weeks[1].sessions for i in s.items if i.phase == "integrate"]
    assert len(week2) == len(program.weeks[1].sessions)
    assert all(BY_SLUG[i.exercise].level <= rules.INTEGRATE_ENTRY_MAX_LEVEL for i in week2)
    assert all("NASM" in i.rationale for i in week2)


def test_an_inhibited_muscle_with_a_normal_grade_integrates_from_week_one():
    program = program_for([MuscleTestResult("gluteus_maximus", "bilateral", 5, inhibited=True)], [], {})
    for session in program.weeks[0].sessions:
        assert [i.phase for i in session.items][-1] == "integrate"
        assert targets(session.items[-1], "gluteus_maximus")


def test_activation_moves_up_its_chain_by_week_four_of_six():
    program = knee_valgus()

    def glute_med(week):
        return next(i for s in program.weeks[week - 1].sessions for i in s.items
                    if i.phase == "activate" and targets(i, "gluteus_medius"))

    first, fourth = glute_med(1), glute_med(4)
    assert first.exercise == "clamshell"
    assert BY_SLUG[fourth.exercise].level > BY_SLUG[first.exercise].level
    assert fourth.slot == first.slot  # the same piece of work, one rung up
    assert fourth.dose.reps == 10 and "moved up from clamshell in week 4" in fourth.rationale
    assert "double progression, NSCA" in fourth.rationale
    reps = [glute_med(w).dose.reps for w in (1, 2, 3)]
    assert reps == sorted(reps) and reps[-1] == 15


def test_the_lighter_week_is_for_loaded_work_only():
    program = knee_valgus()
    week3, week4 = program.weeks[2], program.weeks[3]
    assert week4.deload
    before = {(s.index, i.slot): i for s in week3.sessions for i in s.items}
    lighter = heavier = 0
    for session in week4.sessions:
        for item in session.items:
            old = before.get((session.index, item.slot))
            if old is None or old.exercise != item.exercise or item.phase == "inhibit":
                continue
            now = item.dose.sets * (item.dose.reps or item.dose.hold_seconds)
            then = old.dose.sets * (old.dose.reps or old.dose.hold_seconds)
            if BY_SLUG[item.exercise].loaded:
                assert now <= then
                lighter += now < then and "lighter week" in item.rationale
            else:  # bodyweight work keeps progressing
                assert now >= then and "lighter week" not in item.rationale
                heavier += now > then
    assert lighter and heavier


def test_sessions_fill_four_fifths_of_their_minutes_while_findings_wait():
    for program in (knee_valgus(), program_for([MuscleTestResult("infraspinatus", "right", 4)],
                                               ["feet_turn_out", "arms_fall_forward"], {"shoulder": 6},
                                               equipment=("foam_roller", "resistance_band"))):
        assert any(u["reason"].startswith("no room") for u in program.uncovered)
        for week in program.weeks[rules.INTEGRATE_FROM_WEEK - 1:]:
            if week.deload:
                continue
            for session in week.sessions:
                seconds = sum(item_seconds(i, PER_SIDE) for i in session.items)
                assert seconds >= rules.MIN_SESSION_FILL * 20 * 60, (week.week, session.index, seconds)
                assert seconds <= 20 * 60


def test_the_painful_shoulder_is_covered_before_the_feet():
    program = program_for([MuscleTestResult("infraspinatus", "right", 4)], ["feet_turn_out"], {"shoulder": 6},
                          equipment=("foam_roller", "resistance_band"))
    first = program.weeks[0]
    cuff = [i for s in first.sessions for i in s.items if i.phase == "activate" and targets(i, "infraspinatus", "right")]
    assert len(cuff) >= 2
    no_room = {u["muscle"] for u in program.uncovered if u["reason"].startswith("no room")}
    assert not no_room & {"infraspinatus", "teres_minor"}
    # What waits for room comes from the feet, not from the painful shoulder.
    assert no_room <= {"soleus", "gastrocnemius_lateral", "biceps_femoris_short_head", "gastrocnemius_medial",
                       "semitendinosus", "semimembranosus", "gluteus_medius", "gluteus_maximus", "gracilis", "popliteus"}


def test_every_rule_names_its_source_or_says_it_is_a_product_choice():
    source = Path(rules.__file__).read_text()
    tree = ast.parse(source)
    lines = source.splitlines()
    for node in tree.body:
        if isinstance(node, ast.Assign) and node.targets[0].id.isupper():
            comment = []
            line = node.lineno - 2
            while line >= 0 and (lines[line].startswith("#") or re.match(r"[A-Z_]+ = ", lines[line])):
                comment.insert(0, lines[line])
                line -= 1
            text = " ".join(comment)
            assert re.search(r"(19|20)\d\d|product choice|NASM", text), node.targets[0].id
    exposures = source[:source.index("MIN_WEEKLY_EXPOSURES =")].rsplit("\n\n", 1)[-1]
    assert "3-5 days a week" in exposures and "product choice" in exposures
    for rule in RULES:
        assert re.search(r"(19|20)\d\d|product choice|NASM|NSCA", rule), rule
    assert any("Henry et al., Phys Ther 1999" in r and "product choice" in r for r in RULES)
    assert any("Buist et al." in r and "product choice" in r for r in RULES)
