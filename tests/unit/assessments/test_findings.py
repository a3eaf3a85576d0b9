"""Muscle findings from tests and the screen: the rules in planner/assessments/findings.py."""
from planner.assessments.findings import MuscleTestResult, ObservedCompensation, derive_findings

KNEES_IN = ObservedCompensation(
    screen="overhead_squat", slug="knees_move_inward", name="Knees move inward", side="bilateral",
    overactive=("tensor_fasciae_latae", "adductor_longus"), underactive=("gluteus_medius", "gluteus_maximus"))


def as_tuples(findings):
    return [(f.muscle, f.side, f.status) for f in findings]


def test_grade_four_or_lower_is_weak_graded_mild_moderate_or_severe():
    # Issue 13: a 4/5 is below normal on the MRC scale, so it is a (mild)
    # finding; until then it gave none and this test said "four is not".
    findings = derive_findings([MuscleTestResult("gluteus_medius", "right", 3),
                                MuscleTestResult("gluteus_maximus", "left", 4),
                                MuscleTestResult("vastus_medialis_oblique", "left", 0)], [])
    assert as_tuples(findings) == [("vastus_medialis_oblique", "left", "weak"), ("gluteus_medius", "right", "weak"),
                                   ("gluteus_maximus", "left", "weak")]
    assert [f.severity for f in findings] == ["severe", "moderate", "mild"]
    assert findings[1].sources == [{"kind": "muscle_test", "side": "right", "grade": 3, "inhibited": False,
                                    "summary": "graded 3/5"}]


def test_inhibited_flag_wins_over_grade():
    findings = derive_findings([MuscleTestResult("gluteus_maximus", "bilateral", 5, inhibited=True)], [])
    assert as_tuples(findings) == [("gluteus_maximus", "bilateral", "inhibited")]
    assert findings[0].sources[0]["summary"] == "tested inhibited, graded 5/5"


def test_screen_marks_overactive_and_underactive_on_both_sides():
    findings = derive_findings([], [KNEES_IN])
    assert sorted(as_tuples(findings)) == [
        ("adductor_longus", "bilateral", "overactive"), ("gluteus_maximus", "bilateral", "underactive"),
        ("gluteus_medius", "bilateral", "underactive"), ("tensor_fasciae_latae", "bilateral", "overactive")]
    assert findings[0].sources[0]["summary"] == "knees move inward in the overhead squat"


def test_one_sided_test_splits_a_bilateral_screen_finding_and_merges_evidence():
    findings = derive_findings([MuscleTestResult("gluteus_medius", "right", 3)], [KNEES_IN])
    glute_med = [f for f in findings if f.muscle == "gluteus_medius"]
    assert [(f.side, f.status) for f in glute_med] == [("right", "weak"), ("left", "underactive")]
    right = glute_med[0]
    assert [s["kind"] for s in right.sources] == ["muscle_test", "overhead_squat"]
    # The most severe finding (a grade, two sources) comes first overall.
    assert (findings[0].muscle, findings[0].side) == ("gluteus_medius", "right")


def test_left_and_right_with_the_same_evidence_collapse_to_bilateral():
    left = ObservedCompensation(**{**KNEES_IN.__dict__, "side": "left"})
    right = ObservedCompensation(**{**KNEES_IN.__dict__, "side": "right"})
    findings = derive_findings([], [left, right])
    # Sources differ (left vs right observation), so sides stay separate...
    assert ("gluteus_medius", "left", "underactive") in as_tuples(findings)
    # ...while one bilateral observation gives one bilateral finding.
    assert ("gluteus_medius", "bilateral", "underactive") in as_tuples(derive_findings([], [KNEES_IN]))


def test_one_sided_compensation_gives_one_sided_findings():
    left_only = ObservedCompensation(**{**KNEES_IN.__dict__, "side": "left"})
    findings = derive_findings([], [left_only])
    assert {f.side for f in findings} == {"left"}
    assert findings[0].sources[0]["summary"] == "knees move inward (left side) in the overhead squat"


def test_a_muscle_can_be_overactive_and_weak_at_once():
    findings = derive_findings([MuscleTestResult("tensor_fasciae_latae", "bilateral", 2)], [KNEES_IN])
    tfl = [(f.side, f.status) for f in findings if f.muscle == "tensor_fasciae_latae"]
    assert sorted(tfl) == [("bilateral", "overactive"), ("bilateral", "weak")]


def test_order_is_deterministic_whatever_the_input_order():
    tests = [MuscleTestResult("gluteus_medius", "left", 3), MuscleTestResult("psoas_major", "right", 2),
             MuscleTestResult("gluteus_maximus", "bilateral", 3)]
    assert as_tuples(derive_findings(tests, [KNEES_IN])) == as_tuples(derive_findings(tests[::-1], [KNEES_IN]))


def test_nothing_found_means_no_findings():
    assert derive_findings([MuscleTestResult("gluteus_medius", "left", 5)], []) == []
