"""Screening through the API: the questions with their sources, red flags
that refuse a program until a clinician's clearance, precautions that keep
exercises out of programs, swaps and additions, each exclusion explained."""
import pytest

from planner.extensions import db
from planner.models import Assessment, Clearance, Client, Program

from tests.support.clinical_cases import ANTICOAGULANT_CLIENT, RED_FLAG_CLIENT, all_items, enrol, generate


def test_the_screening_questions_come_with_their_sources(trainer):
    questions = trainer.get("/api/v1/screening").get_json()
    by_kind = {kind: {q["slug"]: q for q in questions if q["kind"] == kind} for kind in ("red_flag", "precaution")}
    assert {"history_of_cancer", "unexplained_weight_loss", "constant_night_pain", "fever_or_unwell",
            "significant_trauma", "bladder_or_bowel_changes", "saddle_numbness",
            "progressive_weakness_or_numbness"} <= set(by_kind["red_flag"])
    assert all("Finucane" in q["source"] and q["question"].endswith("?") for q in by_kind["red_flag"].values())
    assert {"anticoagulants", "recent_dvt", "osteoporosis", "pregnancy", "recent_surgery",
            "uncontrolled_blood_pressure"} <= set(by_kind["precaution"])
    assert all("PAR-Q+" in q["source"] and q["advice"] for q in by_kind["precaution"].values())
    assert "pressure-based release" in by_kind["precaution"]["anticoagulants"]["excludes"]
    assert by_kind["precaution"]["recent_surgery"]["excludes"] is None
    assert trainer.http.get("/api/v1/screening").status_code == 401


def test_a_red_flag_refuses_the_program_until_a_clearance_is_recorded(trainer):
    client, assessment = enrol(trainer, RED_FLAG_CLIENT)
    assert assessment["red_flags"] == ["constant_night_pain", "unexplained_weight_loss"]
    assert assessment["clearance"] is None

    refused = generate(trainer, client)
    assert refused.status_code == 409
    message = refused.get_json()["error"]
    assert message.startswith("refer before exercise")
    assert "constant or night pain not eased by position" in message and "unexplained weight loss" in message
    assert f"/api/v1/assessments/{assessment['id']}/clearance" in message
    assert db.session.scalar(db.select(db.func.count(Program.id))) == 0

    cleared = trainer.post(f"/api/v1/assessments/{assessment['id']}/clearance",
                           json={"cleared_by": "Dr Amara Rao, GP", "cleared_on": "2026-11-21",
                                 "note": "Bloods and imaging normal; cleared for graded exercise."})
    assert cleared.status_code == 201, cleared.get_json()
    body = cleared.get_json()
    assert body["clearance"]["cleared_by"] == "Dr Amara Rao, GP" and body["clearance"]["cleared_on"] == "2026-11-21"
    assert trainer.get(f"/api/v1/clients/{client['id']}/assessments/{assessment['id']}").get_json() == body

    program = generate(trainer, client)
    assert program.status_code == 201, program.get_json()
    assert all_items(program.get_json())

    again = trainer.post(f"/api/v1/assessments/{assessment['id']}/clearance",
                         json={"cleared_by": "Dr B", "cleared_on": "2026-11-21"})
    assert again.status_code == 409 and "already cleared by Dr Amara Rao, GP" in again.get_json()["error"]


def test_an_assessment_without_red_flags_has_nothing_to_clear(trainer):
    client = trainer.create_client()
    assessment = trainer.post(f"/api/v1/clients/{client['id']}/assessments",
                              json={"performed_on": "2026-11-20"}).get_json()
    assert assessment["red_flags"] == []
    response = trainer.post(f"/api/v1/assessments/{assessment['id']}/clearance",
                            json={"cleared_by": "Dr Rao", "cleared_on": "2026-11-20"})
    assert response.status_code == 409 and "nothing to clear" in response.get_json()["error"]
    assert db.session.scalar(db.select(db.func.count(Clearance.id))) == 0


@pytest.mark.parametrize("body, field, message", [
    ({"cleared_on": "2026-11-21"}, "cleared_by", "is required"),
    ({"cleared_by": "", "cleared_on": "2026-11-21"}, "cleared_by", "must not be empty"),
    ({"cleared_by": "Dr Rao", "cleared_on": "2999-01-01"}, "cleared_on", "in the future"),
    ({"cleared_by": "Dr Rao", "cleared_on": "2026-11-19"}, "cleared_on", "before the assessment"),
    ({"cleared_by": "Dr Rao", "cleared_on": "21/11/2026"}, "cleared_on", "YYYY-MM-DD"),
])
def test_a_bad_clearance_is_422_and_writes_nothing(trainer, body, field, message):
    client, assessment = enrol(trainer, RED_FLAG_CLIENT)
    response = trainer.post(f"/api/v1/assessments/{assessment['id']}/clearance", json=body)
    assert response.status_code == 422
    assert message in response.get_json()["errors"][field]
    assert db.session.scalar(db.select(db.func.count(Clearance.id))) == 0
    assert generate(trainer, client).status_code == 409


def test_another_trainers_assessment_cannot_be_cleared(trainer, make_trainer):
    _, assessment = enrol(trainer, RED_FLAG_CLIENT)
    other = make_trainer("bob@clinic.example")
    response = other.post(f"/api/v1/assessments/{assessment['id']}/clearance",
                          json={"cleared_by": "Dr Rao", "cleared_on": "2026-11-21"})
    assert response.status_code == 404
    assert db.session.scalar(db.select(db.func.count(Clearance.id))) == 0


def test_unknown_answers_are_422_naming_each_one(trainer):
    client = trainer.create_client()
    response = trainer.post(f"/api/v1/clients/{client['id']}/assessments", json={
        "performed_on": "2026-11-20", "red_flags": ["saddle_numbness", "bad_vibes", "anticoagulants"]})
    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert set(errors) == {"red_flags[1]", "red_flags[2]"}
    assert "unknown red flag 'bad_vibes'" in errors["red_flags[1]"] and "GET /api/v1/screening" in errors["red_flags[1]"]
    twice = trainer.post(f"/api/v1/clients/{client['id']}/assessments", json={
        "performed_on": "2026-11-20", "red_flags": ["saddle_numbness", "saddle_numbness"]})
    assert "lists an answer twice" in twice.get_json()["errors"]["red_flags"]
    assert db.session.scalar(db.select(db.func.count(Assessment.id))) == 0


def test_precautions_are_recorded_on_the_client_and_checked(trainer):
    client = trainer.create_client(precautions=["pregnancy", "recent_surgery"])
    assert client["precautions"] == ["pregnancy", "recent_surgery"]
    changed = trainer.patch(f"/api/v1/clients/{client['id']}", json={"precautions": ["osteoporosis"]})
    assert changed.status_code == 200 and changed.get_json()["precautions"] == ["osteoporosis"]
    # A bad phone and an unknown precaution are reported together; nothing changes.
    bad = trainer.patch(f"/api/v1/clients/{client['id']}", json={"phone": "12", "precautions": ["haemophilia"]})
    assert bad.status_code == 422
    assert set(bad.get_json()["errors"]) == {"phone", "precautions[0]"}
    assert "unknown precaution 'haemophilia'" in bad.get_json()["errors"]["precautions[0]"]
    db.session.expire_all()
    assert db.session.get(Client, client["id"]).precautions == ["osteoporosis"]
    refused = trainer.post("/api/v1/clients", json={"name": "Bo", "phone": "+14155552672",
                                                    "timezone": "UTC", "precautions": ["saddle_numbness"]})
    assert refused.status_code == 422 and "unknown precaution" in refused.get_json()["errors"]["precautions[0]"]


def test_the_anticoagulant_client_gets_no_pressure_based_release(trainer):
    client, _ = enrol(trainer, ANTICOAGULANT_CLIENT)
    response = generate(trainer, client, equipment=["foam_roller", "massage_ball", "mini_band"])
    assert response.status_code == 201, response.get_json()
    program = response.get_json()
    library = {e["slug"]: e for e in trainer.get("/api/v1/exercises").get_json()}
    items = all_items(program)
    assert not [i for i in items if i["phase"] == "inhibit"]
    assert any(i["phase"] == "lengthen" for i in items) and any(i["phase"] == "activate" for i in items)
    releases = [u for u in program["uncovered"] if u["phase"] == "inhibit"]
    assert releases and all("takes anticoagulants: no pressure-based release" in u["reason"] for u in releases)

    # Swaps and additions respect the precaution too, and say why.
    stretch = next(i for i in items if i["phase"] == "lengthen")
    alternatives = trainer.get(f"/api/v1/programs/{program['id']}/items/{stretch['id']}/alternatives").get_json()
    assert all(library[a["exercise"]]["phase"] == "lengthen" for a in alternatives)
    session = program["weeks"][0]["sessions"][0]
    added = trainer.post(f"/api/v1/programs/{program['id']}/sessions/{session['id']}/items",
                         json={"exercise": "foam_roll_adductors"})
    assert added.status_code == 422
    assert "takes anticoagulants: no pressure-based release" in added.get_json()["errors"]["exercise"]
    assert "anticoagulants" in library["foam_roll_adductors"]["precautions"]


def test_a_precaution_added_later_applies_to_the_next_program(trainer):
    client, _ = enrol(trainer, ANTICOAGULANT_CLIENT | {"client": ANTICOAGULANT_CLIENT["client"] | {"precautions": []}})
    first = generate(trainer, client, equipment=["foam_roller"]).get_json()
    assert any(i["phase"] == "inhibit" for i in all_items(first))
    trainer.patch(f"/api/v1/clients/{client['id']}", json={"precautions": ["recent_dvt"]})
    regenerated = trainer.post(f"/api/v1/programs/{first['id']}/regenerate", json={}).get_json()
    assert not any(i["phase"] == "inhibit" for i in all_items(regenerated))
    assert any("recent deep vein thrombosis" in u["reason"] for u in regenerated["uncovered"])
