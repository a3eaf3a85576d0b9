"""Issue 13's clients through the API, generated and read as a
physiotherapist would (tests/support/clinical_cases.py says what each
expects): the knee-valgus client's continuum, integration and level-up, the
inhibited-only client's integration from week 1, the shoulder client's
rotator cuff first and its weak right side kept on its side, and every
client's sessions full while findings wait. The red-flag, anticoagulant, 4/5 and contradiction
clients are in test_api_screening.py and test_api_findings.py."""
import pytest

from tests.support.clinical_cases import (CLEARANCE, INHIBITED_ONLY_CLIENT, KNEE_VALGUS_CLIENT, PROGRAM_CASES,
                                          SHOULDER_CLIENT, all_items, enrol, generate, session_seconds)

KIT = ["foam_roller", "mini_band"]


def targets(item, muscle, side=None):
    return any(t["muscle"] == muscle and side in (None, t["side"]) for t in item["targets"])


def week(program, number):
    return program["weeks"][number - 1]


def test_the_knee_valgus_client(trainer):
    client, _ = enrol(trainer, KNEE_VALGUS_CLIENT)
    response = generate(trainer, client, equipment=KIT)
    assert response.status_code == 201, response.get_json()
    program = response.get_json()
    library = {e["slug"]: e for e in trainer.get("/api/v1/exercises").get_json()}

    # The TFL release and stretch share each session with the gluteus medius activation, in that order.
    shared = 0
    for session in week(program, 1)["sessions"]:
        phases = [(i["phase"], n) for n, i in enumerate(session["items"])]
        release = [n for n, i in enumerate(session["items"]) if i["phase"] == "inhibit" and targets(i, "tensor_fasciae_latae")]
        stretch = [n for n, i in enumerate(session["items"]) if i["phase"] == "lengthen" and targets(i, "tensor_fasciae_latae")]
        activation = [n for n, i in enumerate(session["items"]) if i["phase"] == "activate" and targets(i, "gluteus_medius")]
        assert bool(release) == bool(activation) == bool(stretch), phases
        if activation:
            assert release[0] < stretch[0] < activation[0]
            shared += 1
    assert shared >= 2

    # The weak right side gets its own work.
    glute_med = [i for s in week(program, 1)["sessions"] for i in s["items"]
                 if i["phase"] == "activate" and targets(i, "gluteus_medius")]
    assert {i["side"] for i in glute_med} == {"right"}
    assert "graded 3/5 on 2026-11-20" in glute_med[0]["rationale"]

    # Integration from week 1 (NASM integrates in every session), at level 1-2.
    for number in (1, 2):
        integrations = [s["items"][-1] for s in week(program, number)["sessions"]]
        assert all(i["phase"] == "integrate" and library[i["exercise"]]["level"] <= 2 for i in integrations)

    # The activation moves up its chain by week 4 of 6, in the same slot.
    slot = glute_med[0]["slot"]
    by_week = [next(i for s in w["sessions"] for i in s["items"] if i["slot"] == slot) for w in program["weeks"]]
    assert by_week[0]["exercise"] == "clamshell"
    moved = next(n for n, i in enumerate(by_week, start=1) if i["exercise"] != "clamshell")
    assert moved <= 4 and library[by_week[moved - 1]["exercise"]]["level"] > library["clamshell"]["level"]
    assert "double progression" in by_week[moved - 1]["rationale"]

    # Each session within its minutes, and full while findings wait for room, from week 1.
    assert any(u["reason"].startswith("no room") for u in program["uncovered"])
    for w in program["weeks"]:
        for session in w["sessions"]:
            assert 16 <= session["minutes"] <= 20 or w["deload"], (w["week"], session["minutes"])

    # The lighter week for the banded work follows the week-4 reassessment point.
    assert [w["week"] for w in program["weeks"] if w["deload"]] == [5]
    lighter = [i for s in week(program, 5)["sessions"] for i in s["items"] if "lighter week" in i["rationale"]]
    assert lighter and all(library[i["exercise"]]["equipment"] for i in lighter)
    assert "after the reassessment point rather than on it" in lighter[0]["rationale"]


def test_the_shoulder_clients_weak_right_side_keeps_its_side(trainer):
    client, _ = enrol(trainer, SHOULDER_CLIENT)
    for equipment in (["foam_roller", "resistance_band"], ["foam_roller", "mini_band"], []):
        program = generate(trainer, client, equipment=equipment).get_json()
        activation = [i for i in all_items(program) if i["phase"] == "activate"]
        weak = [i for i in activation if targets(i, "infraspinatus", "right")]
        both = [i for i in activation if targets(i, "teres_minor", "bilateral")]
        # The weak right side: its own item on the right; the squat's two-sided
        # suggestion: the same exercise on both sides, as a second item.
        assert weak and {i["side"] for i in weak} == {"right"}
        assert both and {i["side"] for i in both} == {"bilateral"}
        assert {i["exercise"] for i in weak} == {i["exercise"] for i in both} == {"isometric_external_rotation_wall"}
        assert "the right side only" in weak[0]["rationale"] and "product choice" in weak[0]["rationale"]
        assert "both sides here" in both[0]["rationale"]
        for w in program["weeks"]:  # more sets on the right than on the left, every week
            sets = {"left": 0, "right": 0}
            for item in (i for s in w["sessions"] for i in s["items"] if i["exercise"] == "isometric_external_rotation_wall"):
                for side in (("left", "right") if item["side"] == "bilateral" else (item["side"],)):
                    sets[side] += item["sets"]
            assert sets["right"] > sets["left"] > 0, (w["week"], sets)


@pytest.mark.parametrize("case", sorted(PROGRAM_CASES))
def test_every_session_of_the_clinical_clients_fills_four_fifths_while_findings_wait(trainer, case):
    """Issue 13: at least 80% of the minutes asked for, in every session of
    every week (week 1 included), while findings wait for room; the lighter
    week's loaded work counted at its full dose (it is lighter on purpose)."""
    client, assessment = enrol(trainer, PROGRAM_CASES[case])
    if assessment["red_flags"]:
        assert trainer.post(f"/api/v1/assessments/{assessment['id']}/clearance", json=CLEARANCE).status_code == 201
    waiting = 0
    for equipment in ([], ["foam_roller", "mini_band"], ["foam_roller", "resistance_band"],
                      ["foam_roller", "massage_ball", "mini_band", "resistance_band", "dumbbell"]):
        response = generate(trainer, client, equipment=equipment)
        assert response.status_code == 201, response.get_json()
        program = response.get_json()
        if not any(u["reason"].startswith("no room") or "time(s) a week instead of" in u["reason"]
                   for u in program["uncovered"]):
            continue
        waiting += 1
        for number, w in enumerate(program["weeks"], start=1):
            for n, session in enumerate(w["sessions"]):
                before = {i["slot"]: i for i in program["weeks"][number - 2]["sessions"][n]["items"]} \
                    if w["deload"] else None
                seconds = session_seconds(session)
                assert seconds <= 20 * 60 and session["minutes"] == -(-seconds // 60)
                assert session_seconds(session, before) >= 0.8 * 20 * 60, (equipment, number, n + 1)
    # The clients with more findings than 20 minutes hold are checked under every kit.
    assert waiting == (0 if case in ("grade_four", "inhibited_only") else 4) or case == "knee_valgus"


def test_the_inhibited_only_client_integrates_from_week_one(trainer):
    client, assessment = enrol(trainer, INHIBITED_ONLY_CLIENT)
    assert [(f["status"], f["severity"]) for f in assessment["findings"]] == [("inhibited", "mild")]
    program = generate(trainer, client).get_json()
    for session in week(program, 1)["sessions"]:
        assert session["items"][-1]["phase"] == "integrate"
        assert targets(session["items"][-1], "gluteus_maximus")


def test_the_shoulder_clients_rotator_cuff_is_covered_first(trainer):
    client, _ = enrol(trainer, SHOULDER_CLIENT)
    program = generate(trainer, client, equipment=["foam_roller", "resistance_band"]).get_json()
    first = [i for s in week(program, 1)["sessions"] for i in s["items"]]
    cuff = {t["muscle"] for i in first if i["phase"] == "activate" for t in i["targets"]}
    assert {"infraspinatus", "supraspinatus", "subscapularis"} <= cuff
    no_room = {u["muscle"] for u in program["uncovered"] if u["reason"].startswith("no room")}
    assert not no_room & {"infraspinatus", "supraspinatus", "teres_minor", "subscapularis",
                          "middle_trapezius", "lower_trapezius", "rhomboids"}
    # The weak side waits for nothing; the untested left infraspinatus waits for its test.
    left = [u for u in program["uncovered"] if (u["muscle"], u["side"]) == ("infraspinatus", "left")]
    assert not left or "test it" in left[0]["reason"]
