"""Length tests in the findings: a short result is an overactive finding the
test confirms; a normal one rules the screen's suggestion out."""
from planner.assessments.findings import LengthTestResult, derive_findings

from tests.unit.programs.generator_support import observed

HIP_FLEXORS = ("psoas_major", "iliacus", "rectus_femoris", "tensor_fasciae_latae")


def thomas(side, result):
    return LengthTestResult("thomas_test", "Thomas test", side, result, HIP_FLEXORS)


def keyed(findings):
    return {(f.muscle, f.side, f.status): f for f in findings}


def test_a_short_result_is_an_overactive_finding_whose_source_names_the_test():
    findings = keyed(derive_findings([], [], [thomas("left", "short")]))
    assert set(findings) == {(m, "left", "overactive") for m in HIP_FLEXORS}
    psoas = findings[("psoas_major", "left", "overactive")]
    assert psoas.confirmed and psoas.severity == "moderate"
    assert psoas.sources == [{"kind": "length_test", "test": "thomas_test", "side": "left", "result": "short",
                              "summary": "short on the Thomas test"}]


def test_a_short_result_joins_the_screens_suggestion_and_a_normal_one_rules_it_out():
    ober_normal = LengthTestResult("ober_test", "Ober test", "right", "normal", ("tensor_fasciae_latae",))
    findings = keyed(derive_findings([], [observed("knees_move_inward")], [thomas("left", "short"), ober_normal]))
    tfl_left = findings[("tensor_fasciae_latae", "left", "overactive")]
    assert [s["kind"] for s in tfl_left.sources] == ["length_test", "overhead_squat"] and tfl_left.confirmed
    assert ("tensor_fasciae_latae", "right", "overactive") not in findings
    assert ("tensor_fasciae_latae", "bilateral", "overactive") not in findings
    # The other muscles the squat suggests keep their suggestion.
    assert ("vastus_lateralis", "bilateral", "overactive") in findings


def test_a_length_test_settles_a_screen_contradiction():
    calves = ("soleus", "gastrocnemius_medial", "gastrocnemius_lateral")
    squat = [observed("excessive_forward_lean"), observed("feet_turn_out")]
    assert ("gastrocnemius_medial", "bilateral", "conflicting") in keyed(derive_findings([], squat))
    short = keyed(derive_findings([], squat, [LengthTestResult("knee_to_wall", "Knee-to-wall test", "bilateral",
                                                               "short", calves)]))
    assert short[("gastrocnemius_medial", "bilateral", "overactive")].confirmed
    assert ("gastrocnemius_medial", "bilateral", "conflicting") not in short
    normal = keyed(derive_findings([], squat, [LengthTestResult("knee_to_wall", "Knee-to-wall test", "bilateral",
                                                                "normal", calves)]))
    assert ("gastrocnemius_medial", "bilateral", "underactive") in normal
    assert ("gastrocnemius_medial", "bilateral", "conflicting") not in normal
