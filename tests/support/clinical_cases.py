"""The clients of issue 13, written out as a physiotherapist would record
them, each with what a clinician expects of the planner (the tests that read
them assert it). API bodies: a client's extra fields and an assessment."""
from __future__ import annotations

from functools import lru_cache

# 6/10 low back pain, night pain that does not ease and weight loss: refer
# before exercise. No program until a clinician's clearance is recorded;
# then the program is generated as for anyone else.
RED_FLAG_CLIENT = {
    "client": {"name": "Rhea Flagg", "phone": "+14155550101"},
    "assessment": {
        "performed_on": "2026-11-20", "red_flags": ["constant_night_pain", "unexplained_weight_loss"],
        "muscle_tests": [{"muscle": "gluteus_maximus", "side": "bilateral", "grade": 4, "inhibited": False}],
        "overhead_squat": ["low_back_arches"], "pain": [{"region": "low_back", "score": 6}]},
}

# On warfarin, with overactive hip flexors and adductors from the squat: no
# pressure-based release at all (foam roller, massage ball), every release
# listed as not covered with the reason; stretches and activation as usual.
ANTICOAGULANT_CLIENT = {
    "client": {"name": "Walt Farren", "phone": "+14155550102", "precautions": ["anticoagulants"]},
    "assessment": {
        "performed_on": "2026-11-20", "overhead_squat": ["knees_move_inward", "low_back_arches"],
        "pain": [{"region": "hip", "score": 3}]},
}

# A gluteus medius graded 4/5 on the right, nothing else: a mild weakness
# (MRC 4 is below normal), activated on the right.
GRADE_FOUR_CLIENT = {
    "client": {"name": "Gwen Fourie", "phone": "+14155550103"},
    "assessment": {
        "performed_on": "2026-11-20",
        "muscle_tests": [{"muscle": "gluteus_medius", "side": "right", "grade": 4, "inhibited": False}]},
}

# Three overhead-squat ticks and four grades. The squat alone calls the
# erector spinae and the medial gastrocnemius both overactive and
# underactive: each is one "conflicting" finding to test, never programmed.
CONTRADICTION_CLIENT = {
    "client": {"name": "Connie Tradd", "phone": "+14155550104"},
    "assessment": {
        "performed_on": "2026-11-20",
        "overhead_squat": ["low_back_arches", "excessive_forward_lean", "feet_turn_out"],
        "muscle_tests": [{"muscle": "gluteus_maximus", "side": "bilateral", "grade": 4, "inhibited": False},
                         {"muscle": "gluteus_medius", "side": "left", "grade": 4, "inhibited": False},
                         {"muscle": "tibialis_anterior", "side": "bilateral", "grade": 5, "inhibited": False},
                         {"muscle": "transversus_abdominis", "side": "bilateral", "grade": 3, "inhibited": False}],
        "pain": [{"region": "low_back", "score": 4}]},
}

# 6/10 shoulder pain, a 4/5 infraspinatus, feet that turn out: the rotator
# cuff (the painful region, confirmed by a test) is covered first; the feet
# come after. The weak right infraspinatus keeps its side: its external
# rotation is on the right, and the teres minor the squat suggests on both
# sides gets the same exercise on both sides as a second item (extra sets on
# the weak side).
SHOULDER_CLIENT = {
    "client": {"name": "Shona Cuff", "phone": "+14155550105"},
    "assessment": {
        "performed_on": "2026-11-20", "overhead_squat": ["feet_turn_out", "arms_fall_forward"],
        "muscle_tests": [{"muscle": "infraspinatus", "side": "right", "grade": 4, "inhibited": False}],
        "pain": [{"region": "shoulder", "score": 6}]},
}

# Knees move inward with a weak (3/5) right gluteus medius and 5/10 knee
# pain: the TFL release and stretch and the gluteus medius activation share
# a session, in that order; integration from week 1 (NASM integrates in every
# session); the activation levels up its chain by week 4 of 6; the weak right
# side gets work on the right; the lighter week for its banded work is week 5,
# after the week-4 reassessment point.
KNEE_VALGUS_CLIENT = {
    "client": {"name": "Val Gus", "phone": "+14155550106"},
    "assessment": {
        "performed_on": "2026-11-20", "overhead_squat": ["knees_move_inward"],
        "muscle_tests": [{"muscle": "gluteus_medius", "side": "right", "grade": 3, "inhibited": False}],
        "pain": [{"region": "knee", "score": 5}]},
}

# An inhibited gluteus maximus that tests 5/5: activation at once and
# integration from week 1 (inhibition resolves with activation).
INHIBITED_ONLY_CLIENT = {
    "client": {"name": "Ines Hibbert", "phone": "+14155550107"},
    "assessment": {
        "performed_on": "2026-11-20",
        "muscle_tests": [{"muscle": "gluteus_maximus", "side": "bilateral", "grade": 5, "inhibited": True}]},
}


# Every case that gets a program (the red-flag client once cleared).
PROGRAM_CASES = {"red_flag": RED_FLAG_CLIENT, "anticoagulant": ANTICOAGULANT_CLIENT, "grade_four": GRADE_FOUR_CLIENT,
                 "contradiction": CONTRADICTION_CLIENT, "shoulder": SHOULDER_CLIENT, "knee_valgus": KNEE_VALGUS_CLIENT,
                 "inhibited_only": INHIBITED_ONLY_CLIENT}
CLEARANCE = {"cleared_by": "Dr Amara Rao, GP", "cleared_on": "2026-11-21",
             "note": "Bloods and imaging normal; cleared for graded exercise."}


def enrol(trainer, case: dict) -> tuple[dict, dict]:
    """The case's client and assessment, created through the API."""
    client = trainer.create_client(**case["client"])
    response = trainer.post(f"/api/v1/clients/{client['id']}/assessments", json=case["assessment"])
    assert response.status_code == 201, response.get_json()
    return client, response.get_json()


def generate(trainer, client: dict, **params):
    body = {"start_date": "2026-11-23"} | params
    return trainer.post(f"/api/v1/clients/{client['id']}/programs", json=body)


def all_items(program: dict) -> list[dict]:
    return [i for w in program["weeks"] for s in w["sessions"] for i in s["items"]]


@lru_cache(maxsize=1)
def _per_side() -> dict[str, bool]:
    from planner.library.loader import read_library

    return {e.slug: e.per_side for _, e in read_library().exercises}


def session_seconds(session: dict, full: dict[str, dict] | None = None) -> int:
    """A session's estimated seconds, as the generator counts them; items
    of a lighter week counted at the dose `full` gives their slot (the week
    before's), since the lighter week takes that load off on purpose."""
    from planner.programs.dosage import Dose, seconds

    per_side = _per_side()
    total = 0
    for item in session["items"]:
        if full and "lighter week" in item["rationale"] and item["slot"] in full:
            item = full[item["slot"]]
        dose = Dose(item["sets"], item["reps"], item["hold_seconds"], item["tempo"], item["rest_seconds"])
        total += seconds(dose, per_side[item["exercise"]], item["side"])
    return total
