"""The generator as a clinician reads it (issue 13): each dysfunction's
continuum in one session, integration in the first weeks, activation moving
up its chain, the lighter week for loaded work only, full sessions while
findings wait, the painful region first, one-sided work on its side, and
every rule with its source."""
import ast
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

from planner.assessments.findings import MuscleTestResult, derive_findings
from planner.assessments.ranking import rank
from planner.programs import rules
from planner.programs.dosage import MAX_SETS_BY_PHASE
from planner.programs.generator import LockedItem, Params, generate
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


def shoulder(**params):
    return program_for([MuscleTestResult("infraspinatus", "right", 4)], ["feet_turn_out", "arms_fall_forward"],
                       {"shoulder": 6}, **({"equipment": ("foam_roller", "resistance_band")} | params))


def test_a_one_sided_weakness_keeps_its_side_when_its_exercise_also_serves_a_two_sided_suggestion():
    # The only external-rotation exercise serves the weak right infraspinatus
    # (4/5) and the teres minor the squat suggests on both sides: it comes
    # twice, both sides for the teres minor, and the right side on its own.
    for program in (shoulder(), shoulder(equipment=("foam_roller", "mini_band")), shoulder(equipment=())):
        work = [i for w in program.weeks for s in w.sessions for i in s.items if i.phase == "activate"]
        weak = [i for i in work if targets(i, "infraspinatus", "right")]
        assert weak and {i.side for i in weak} == {"right"}
        assert all(t == {"muscle": "infraspinatus", "side": "right", "status": "weak"} for i in weak for t in i.targets)
        both = [i for i in work if targets(i, "teres_minor", "bilateral")]
        assert both and {i.side for i in both} == {"bilateral"}
        assert {i.exercise for i in both} == {i.exercise for i in weak}  # the same exercise, twice
        assert {i.slot for i in both}.isdisjoint({i.slot for i in weak})  # each its own slot
        assert "the right side only" in weak[0].rationale and "graded 4/5 on 2026-11-20" in weak[0].rationale
        assert "both sides here" in both[0].rationale and "the right side, which a test found weak" in both[0].rationale
        assert "product choice" in weak[0].rationale and "product choice" in both[0].rationale
        # Where both are in a session: both sides first, then the weak side's extra sets.
        for session in (s for w in program.weeks for s in w.sessions):
            slots = [i.slot for i in session.items]
            if weak[0].slot in slots and both[0].slot in slots:
                assert slots.index(both[0].slot) + 1 == slots.index(weak[0].slot)
        # Each week the right side gets more of it than the left.
        for week in program.weeks:
            sets = {"left": 0, "right": 0}
            for item in (i for s in week.sessions for i in s.items if i.exercise == weak[0].exercise):
                for side in (("left", "right") if item.side == "bilateral" else (item.side,)):
                    sets[side] += item.dose.sets
            assert sets["right"] > sets["left"] > 0, (week.week, sets)
    assert any("extra sets on the weak side" in r and "product choice" in r for r in RULES)


def test_a_locked_weak_side_item_keeps_its_two_sided_partner():
    findings = rank(derive_findings([MuscleTestResult("infraspinatus", "right", 4)],
                                    [observed(c) for c in ("feet_turn_out", "arms_fall_forward")]),
                    {"shoulder": 6}, REGIONS)
    params = Params(equipment=(), start_date=date(2026, 11, 23))
    first = generate(findings, {"shoulder": 6}, params, list(EXERCISES), NAMES, date(2026, 11, 20))
    session = first.weeks[0].sessions[0]
    weak = next(i for i in session.items if i.exercise == "isometric_external_rotation_wall" and i.side == "right")
    lock = LockedItem(1, session.index, weak.exercise, weak.phase, replace(weak.dose, sets=1), weak.side,
                      tuple(weak.targets), weak.rationale, per_side=True, slot=weak.slot)
    again = generate(findings, {"shoulder": 6}, params, list(EXERCISES), NAMES, date(2026, 11, 20), locked=[lock])
    items = again.weeks[0].sessions[session.index - 1].items
    rotations = [(i.side, i.locked) for i in items if i.exercise == "isometric_external_rotation_wall"]
    assert sorted(rotations) == [("bilateral", False), ("right", True)]


def test_a_weak_side_ranked_after_a_two_sided_weakness_still_gets_its_own_item():
    # Teres minor 2/5 on both sides comes first; the right infraspinatus 4/5
    # shares its only exercise and still gets the right side's own sets.
    program = program_for([MuscleTestResult("teres_minor", "bilateral", 2), MuscleTestResult("infraspinatus", "right", 4)],
                          [], {}, equipment=())
    work = [i for s in program.weeks[0].sessions for i in s.items if i.phase == "activate"]
    weak = [i for i in work if targets(i, "infraspinatus", "right")]
    both = [i for i in work if targets(i, "teres_minor", "bilateral")]
    assert weak and both and {i.side for i in weak} == {"right"} and {i.side for i in both} == {"bilateral"}
    assert {i.exercise for i in weak} == {i.exercise for i in both}
    assert "on top of the two-sided item" in weak[0].rationale and "both sides here" in both[0].rationale


def test_an_exercise_that_works_both_sides_at_once_is_shared_not_doubled():
    # A bridge has no side to keep: the one-sided weakness and the two-sided
    # suggestion share it.
    program = program_for([MuscleTestResult("gluteus_maximus", "right", 4)], ["low_back_arches"], {},
                          equipment=("foam_roller",))
    bridges = {(i.exercise, i.slot) for w in program.weeks for s in w.sessions for i in s.items
               if i.phase == "activate" and not BY_SLUG[i.exercise].per_side and targets(i, "gluteus_maximus")}
    assert len({slug for slug, _ in bridges}) == len(bridges)


def test_integration_joins_in_week_one_at_level_one_or_two():
    # NASM integrates in every session; the entry level is the easiest.
    program = knee_valgus()
    for week in program.weeks[:2]:
        integrations = [s.items[-1] for s in week.sessions]
        assert all(i.phase == "integrate" for i in integrations), week.week
        assert all(BY_SLUG[i.exercise].level <= rules.INTEGRATE_ENTRY_MAX_LEVEL for i in integrations)
        assert all("NASM" in i.rationale for i in integrations)


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
    before_week, lighter_week = program.weeks[3], program.weeks[4]
    assert lighter_week.deload
    before = {(s.index, i.slot): i for s in before_week.sessions for i in s.items}
    lighter = heavier = 0
    for session in lighter_week.sessions:
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


def test_the_lighter_week_comes_after_the_reassessment_point_not_on_it():
    # NASM reassesses at 4-6 weeks and the dashboard asks from week 4
    # (caseload.attention.REASSESS_AFTER_WEEKS): the reassessment sees a full
    # week's work and the lighter week follows it, then one week in four.
    from planner.caseload.attention import REASSESS_AFTER_WEEKS

    assert rules.REASSESS_AFTER_WEEKS == REASSESS_AFTER_WEEKS == 4
    assert [w for w in range(1, 17) if rules.lighter_week(w)] == [5, 9, 13]
    assert [w.week for w in knee_valgus(weeks=12).weeks if w.deload] == [5, 9]
    assert not any(w.deload for w in knee_valgus(weeks=4).weeks)  # ends at the reassessment: no lighter week
    # A clinic that reassesses at 6 weeks: the lighter week is the seventh, never on a reassessment point.
    assert [w for w in range(1, 25) if rules.lighter_week(w, 6)] == [7, 11, 15, 19, 23]
    assert not any(rules.lighter_week(w, r) for r in range(1, 9) for w in range(r, 60, r))
    assert [w.week for w in knee_valgus(weeks=8, reassess_after_weeks=6).weeks if w.deload] == [7]
    note = next(i.rationale for s in knee_valgus().weeks[4].sessions for i in s.items if "lighter week" in i.rationale)
    assert "after the reassessment point rather than on it" in note and "product choice" in note
    assert any("never falls on the reassessment point" in r and "NASM reassesses every 4-6 weeks" in r
               and "product choice" in r for r in RULES)


def at_full_dose(program, week, session):
    """A session's items, with the loaded work of a lighter week at the dose
    it has in the week before (the lighter week takes it off on purpose)."""
    if not week.deload:
        return session.items
    before = {i.slot: i for i in program.weeks[week.week - 2].sessions[session.index - 1].items}
    return [before[i.slot] if "lighter week" in i.rationale and i.slot in before else i for i in session.items]


def waiting_for_room(program) -> bool:
    return any(u["reason"].startswith("no room") or "time(s) a week instead of" in u["reason"]
               for u in program.uncovered)


def test_sessions_fill_four_fifths_of_their_minutes_while_findings_wait_from_week_one():
    cuff = ([MuscleTestResult("infraspinatus", "right", 4)], ["feet_turn_out", "arms_fall_forward"], {"shoulder": 6})
    programs = [(20, knee_valgus()), (20, knee_valgus(equipment=("foam_roller", "resistance_band"))),
                (20, program_for(*cuff, equipment=("foam_roller", "resistance_band"))),
                (20, program_for(*cuff, equipment=("foam_roller", "mini_band"))),
                (20, program_for(*cuff, equipment=())),
                (30, knee_valgus(minutes_per_session=30, weeks=12, equipment=("foam_roller", "mini_band", "dumbbell"))),
                (15, program_for(*cuff, minutes_per_session=15, sessions_per_week=4, days=("mon", "tue", "thu", "fri")))]
    checked = 0
    for minutes, program in programs:
        if not waiting_for_room(program):
            continue
        checked += 1
        for week in program.weeks:
            for session in week.sessions:
                seconds = sum(item_seconds(i, PER_SIDE) for i in session.items)
                assert seconds <= minutes * 60
                full = at_full_dose(program, week, session)
                if sum(item_seconds(i, PER_SIDE) for i in full) < rules.MIN_SESSION_FILL * minutes * 60:
                    # Only a session at its six exercises, each at its most sets, stays short (a longer
                    # session than its exercises can fill within NASM's doses).
                    assert len(full) == rules.MAX_ITEMS_PER_SESSION, (minutes, week.week, session.index)
                    assert all(i.dose.sets == MAX_SETS_BY_PHASE[i.phase] for i in full), (week.week, session.index)
                    assert minutes == 30
    assert checked >= 5


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
