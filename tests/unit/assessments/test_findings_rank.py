"""Findings that grade and rank (issue 13): severity, a test overriding the
screen, screen-only contradictions, and the treatment order."""
from planner.assessments.findings import MuscleTestResult, derive_findings, rank_key
from planner.assessments.ranking import pain_weights, rank
from planner.assessments.summary import group_findings

from tests.unit.programs.generator_support import file_library, observed

MUSCLE_REGIONS = {m.slug: m.region for m in file_library()[3]}


def by_key(findings):
    return {(f.muscle, f.side, f.status): f for f in findings}


def test_severity_follows_the_grade_and_a_screen_alone_is_mild():
    findings = by_key(derive_findings(
        [MuscleTestResult("gluteus_medius", "right", 4), MuscleTestResult("gluteus_maximus", "bilateral", 3),
         MuscleTestResult("vastus_medialis_oblique", "left", 2),
         MuscleTestResult("popliteus", "left", 5, inhibited=True)],
        [observed("knees_move_inward")]))
    assert findings[("gluteus_medius", "right", "weak")].severity == "mild"
    assert findings[("gluteus_maximus", "bilateral", "weak")].severity == "moderate"
    assert findings[("vastus_medialis_oblique", "left", "weak")].severity == "severe"
    assert findings[("popliteus", "left", "inhibited")].severity == "mild"
    suggested = findings[("gluteus_medius", "left", "underactive")]
    assert suggested.severity == "mild" and not suggested.confirmed
    assert findings[("gluteus_medius", "right", "weak")].confirmed


def test_a_normal_muscle_test_rules_out_the_screens_suggestion_on_its_side_only():
    findings = by_key(derive_findings([MuscleTestResult("gluteus_medius", "left", 5)],
                                      [observed("knees_move_inward")]))
    assert ("gluteus_medius", "left", "underactive") not in findings
    assert ("gluteus_medius", "bilateral", "underactive") not in findings
    assert ("gluteus_medius", "right", "underactive") in findings


def test_screen_only_contradictions_become_one_finding_to_test():
    findings = derive_findings([], [observed("low_back_arches"), observed("excessive_forward_lean"),
                                    observed("feet_turn_out")])
    keyed = by_key(findings)
    for muscle in ("erector_spinae", "gastrocnemius_medial"):
        assert (muscle, "bilateral", "conflicting") in keyed
        assert (muscle, "bilateral", "overactive") not in keyed and (muscle, "bilateral", "underactive") not in keyed
        conflict = keyed[(muscle, "bilateral", "conflicting")]
        assert len(conflict.compensations) == 2 and not conflict.confirmed
    # Contradictions rank last: they are tested, not treated.
    assert {f.status for f in findings[-2:]} == {"conflicting"}


def test_a_test_settles_a_contradiction():
    comps = [observed("low_back_arches"), observed("excessive_forward_lean")]
    weak = by_key(derive_findings([MuscleTestResult("erector_spinae", "bilateral", 3)], comps))
    assert weak[("erector_spinae", "bilateral", "weak")].confirmed
    assert ("erector_spinae", "bilateral", "conflicting") not in weak
    normal = by_key(derive_findings([MuscleTestResult("erector_spinae", "bilateral", 5)], comps))
    assert ("erector_spinae", "bilateral", "overactive") in normal
    assert ("erector_spinae", "bilateral", "conflicting") not in normal


def test_confirmed_first_then_the_painful_region_then_severity():
    # The shoulder client: 6/10 shoulder pain, a 4/5 infraspinatus, feet
    # turning out and arms falling forward in the squat.
    findings = rank(derive_findings([MuscleTestResult("infraspinatus", "right", 4),
                                     MuscleTestResult("gluteus_maximus", "bilateral", 2)],
                                    [observed("feet_turn_out"), observed("arms_fall_forward")]),
                    {"shoulder": 6}, MUSCLE_REGIONS)
    order = [(f.muscle, f.side) for f in findings]
    # Both tested muscles come first, the painful region's before the severe one elsewhere.
    assert order[:2] == [("infraspinatus", "right"), ("gluteus_maximus", "bilateral")]
    suggested = [f for f in findings if not f.confirmed]
    painful = {"shoulder", "scapular"}
    regions = [MUSCLE_REGIONS[f.muscle] in painful for f in suggested]
    assert regions == sorted(regions, reverse=True), "the painful region's suggestions come first"
    assert suggested[0].muscle in {"supraspinatus", "infraspinatus", "teres_minor", "subscapularis",
                                   "middle_trapezius", "lower_trapezius", "rhomboids", "teres_major",
                                   "pectoralis_major", "pectoralis_minor"}


def test_knee_pain_brings_the_hip_muscles_forward():
    weights = pain_weights({"knee": 5, "low_back": 2}, MUSCLE_REGIONS)
    assert weights["gluteus_medius"] == 5 and weights["vastus_lateralis"] == 5
    assert weights["multifidus"] == 2 and "infraspinatus" not in weights
    assert pain_weights({"knee": 0}, MUSCLE_REGIONS) == {}


def test_rank_key_is_deterministic_and_total():
    findings = derive_findings([MuscleTestResult("gluteus_medius", "left", 3)], [observed("knees_move_inward")])
    keys = [rank_key(f) for f in findings]
    assert len(set(keys)) == len(keys)


def test_suggested_findings_group_by_compensation():
    findings = derive_findings([MuscleTestResult("gluteus_medius", "right", 3)],
                               [observed("knees_move_inward"), observed("low_back_arches"),
                                observed("excessive_forward_lean")])
    groups = group_findings(findings)
    assert [(f.muscle, f.side) for f in groups.confirmed] == [("gluteus_medius", "right")]
    first_suggested = next(f for f in findings if not f.confirmed and f.status != "conflicting")
    assert groups.suggested[0][0] == first_suggested.compensations[0]
    assert {slug for slug, _ in groups.suggested} == {"knees_move_inward", "low_back_arches", "excessive_forward_lean"}
    assert {f.muscle for f in groups.to_test} == {"erector_spinae"}
    assert len(groups) == len(findings)
