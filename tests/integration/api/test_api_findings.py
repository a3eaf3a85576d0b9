"""Findings that grade and rank, through the API: the 4/5 grade found as
mild, the contradiction reconciled (one finding to test, never programmed),
the painful region first."""
from planner.extensions import db
from planner.models import MuscleFinding

from tests.support.clinical_cases import (CONTRADICTION_CLIENT, GRADE_FOUR_CLIENT, SHOULDER_CLIENT, all_items, enrol,
                                          generate)


def test_a_four_out_of_five_is_a_mild_weakness_and_is_activated(trainer):
    client, assessment = enrol(trainer, GRADE_FOUR_CLIENT)
    assert [(f["muscle"], f["side"], f["status"], f["severity"], f["confirmed"]) for f in assessment["findings"]] == [
        ("gluteus_medius", "right", "weak", "mild", True)]
    assert assessment["findings"][0]["sources"][0]["summary"] == "graded 4/5"
    program = generate(trainer, client).get_json()
    work = [i for i in all_items(program) if i["phase"] == "activate"
            and any(t["muscle"] == "gluteus_medius" for t in i["targets"])]
    assert work and "graded 4/5" in work[0]["rationale"]


def test_the_contradiction_is_one_finding_to_test_and_never_programmed(trainer):
    client, assessment = enrol(trainer, CONTRADICTION_CLIENT)
    findings = assessment["findings"]
    conflicting = {(f["muscle"], f["side"]) for f in findings if f["status"] == "conflicting"}
    assert conflicting == {("erector_spinae", "bilateral"), ("gastrocnemius_medial", "bilateral")}
    for muscle in ("erector_spinae", "gastrocnemius_medial"):
        statuses = {f["status"] for f in findings if f["muscle"] == muscle}
        assert statuses == {"conflicting"}
    # The tested muscles come first, each with its severity; the 5/5
    # tibialis anterior rules out the forward lean's suggestion.
    assert [(f["muscle"], f["severity"]) for f in findings[:3]] == [
        ("transversus_abdominis", "moderate"), ("gluteus_maximus", "mild"), ("gluteus_medius", "mild")]
    assert not any(f["muscle"] == "tibialis_anterior" for f in findings)
    assert [f["status"] for f in findings[-2:]] == ["conflicting", "conflicting"]

    program = generate(trainer, client).get_json()
    targeted = {t["muscle"] for i in all_items(program) for t in i["targets"]}
    assert not targeted & {"erector_spinae", "gastrocnemius_medial"}
    to_test = [u for u in program["uncovered"] if u["status"] == "conflicting"]
    assert {u["muscle"] for u in to_test} == {"erector_spinae", "gastrocnemius_medial"}
    assert all(u["phase"] is None and "test it" in u["reason"] for u in to_test)


def test_the_shoulder_clients_findings_put_the_rotator_cuff_first(trainer):
    _, assessment = enrol(trainer, SHOULDER_CLIENT)
    first = assessment["findings"][0]
    assert (first["muscle"], first["side"], first["severity"], first["confirmed"]) == (
        "infraspinatus", "right", "mild", True)
    feet = {"soleus", "gastrocnemius_lateral", "biceps_femoris_short_head", "gastrocnemius_medial",
            "semitendinosus", "semimembranosus", "gluteus_medius", "gluteus_maximus", "gracilis", "popliteus"}
    order = [f["muscle"] for f in assessment["findings"]]
    last_shoulder = max(i for i, m in enumerate(order) if m in {"supraspinatus", "teres_minor", "subscapularis"})
    first_feet = min(i for i, m in enumerate(order) if m in feet)
    assert last_shoulder < first_feet
    stored = db.session.scalars(db.select(MuscleFinding).order_by(MuscleFinding.position)).all()
    assert [s.muscle_slug for s in stored] == order
