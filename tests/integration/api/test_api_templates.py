"""Templates and copies through the API: save a program as a template,
list and read them, start another client's program from one and copy a
program to another client, adapted to that client; scoped to the trainer."""
import json

import pytest

from planner.extensions import db
from planner.models import Program, ProgramChange, ProgramItem, ProgramTemplate

from tests.support.clinical_cases import (ANTICOAGULANT_CLIENT, KNEE_VALGUS_CLIENT, RED_FLAG_CLIENT, all_items,
                                          enrol, generate)

KIT = ["foam_roller", "mini_band"]


@pytest.fixture
def knee_program(trainer):
    """Val Gus's knee-valgus program, with one edit of the trainer's."""
    client, _ = enrol(trainer, KNEE_VALGUS_CLIENT)
    program = generate(trainer, client, equipment=KIT).get_json()
    item = next(i for i in program["weeks"][0]["sessions"][0]["items"] if i["phase"] == "activate")
    edited = trainer.patch(f"/api/v1/programs/{program['id']}/items/{item['id']}", json={"sets": 3})
    assert edited.status_code == 200
    return client, trainer.get(f"/api/v1/programs/{program['id']}").get_json()


def save(trainer, program, name="Knee valgus"):
    return trainer.post(f"/api/v1/programs/{program['id']}/template", json={"name": name})


def start(trainer, client, template, **body):
    return trainer.post(f"/api/v1/clients/{client['id']}/programs",
                        json={"template_id": template["id"], "start_date": "2026-11-30"} | body)


def counts():
    return tuple(db.session.scalar(db.select(db.func.count()).select_from(m))
                 for m in (Program, ProgramItem, ProgramChange, ProgramTemplate))


def test_a_program_saved_as_a_template_keeps_the_work_and_nothing_personal(trainer, knee_program):
    client, program = knee_program
    response = save(trainer, program)
    assert response.status_code == 201, response.get_json()
    template = response.get_json()
    assert response.headers["Location"].endswith(f"/api/v1/templates/{template['id']}")
    assert template["name"] == "Knee valgus"
    assert template["parameters"] == {"weeks": 6, "sessions_per_week": 3, "minutes_per_session": 20, "equipment": KIT}
    assert template["built_for"]["compensations"] == ["knees_move_inward"]
    assert {"muscle": "gluteus_medius", "side": "right", "status": "weak"} in template["built_for"]["findings"]
    saved = [(i["exercise"], i["sets"], i["side"]) for w in template["weeks"] for s in w["sessions"]
             for i in s["items"]]
    assert saved == [(i["exercise"], i["sets"], i["side"]) for i in all_items(program)]  # the edit too
    text = json.dumps({key: value for key, value in template.items() if key != "created_at"})
    assert client["name"] not in text and "graded" not in text  # no name, no grades
    assert KNEE_VALGUS_CLIENT["assessment"]["performed_on"] not in text and "2026-11-23" not in text  # no dates
    assert trainer.get(f"/api/v1/templates/{template['id']}").get_json() == template
    assert [t["name"] for t in trainer.get("/api/v1/templates").get_json()] == ["Knee valgus"]
    assert trainer.get(f"/api/v1/programs/{program['id']}/changes").get_json()[-1]["action"] == "saved_as_template"


@pytest.mark.parametrize("name, problem", [("knee VALGUS", "already have a template named"), ("  ", "must not be empty"),
                                           ("x" * 121, "at most 120 characters")])
def test_a_taken_or_empty_name_is_422_and_nothing_is_saved(trainer, knee_program, name, problem):
    _, program = knee_program
    assert save(trainer, program).status_code == 201
    before = counts()
    response = save(trainer, program, name)
    assert response.status_code == 422
    assert problem in response.get_json()["errors"]["name"]
    assert counts() == before


def test_an_anticoagulant_client_started_from_the_template_gets_no_pressure_release(trainer, knee_program):
    _, program = knee_program
    template = save(trainer, program).get_json()
    client, _ = enrol(trainer, ANTICOAGULANT_CLIENT)
    response = start(trainer, client, template)
    assert response.status_code == 201, response.get_json()
    adapted = response.get_json()
    assert adapted["client_id"] == client["id"] and adapted["status"] == "draft"
    assert adapted["parameters"]["weeks"] == 6 and adapted["start_date"] == "2026-11-30"
    pressing = {e["slug"] for e in trainer.get("/api/v1/exercises").get_json() if "anticoagulants" in e["precautions"]}
    template_slugs = {i["exercise"] for w in template["weeks"] for s in w["sessions"] for i in s["items"]}
    assert pressing & template_slugs, "the template has pressure-based release"
    assert not pressing & {i["exercise"] for i in all_items(adapted)}
    dropped = [a for a in adapted["adaptations"] if a["kind"] == "dropped"]
    assert dropped and all("takes anticoagulants" in a["reason"] for a in dropped)
    # The client's own evidence in the reasons, not Val's grade.
    assert not [i for i in all_items(adapted) if "graded 3/5" in i["rationale"]]
    assert any("low back arches" in i["rationale"] for i in all_items(adapted))
    # Their findings the template does not cover are listed, with the reason.
    assert any(u["reason"].startswith("not in the template") for u in adapted["uncovered"])
    assert any(a["kind"] == "uncovered" for a in adapted["adaptations"])
    changes = trainer.get(f"/api/v1/programs/{adapted['id']}/changes").get_json()
    assert changes[0]["action"] == "generated_from_template" and changes[0]["details"]["template"] == "Knee valgus"
    assert changes[0]["details"]["adaptations"] == adapted["adaptations"]
    assert "adaptations" not in trainer.get(f"/api/v1/programs/{adapted['id']}").get_json()


def test_a_right_sided_template_works_a_left_sided_clients_left(trainer, knee_program):
    _, program = knee_program
    template = save(trainer, program).get_json()
    left = {"client": {"name": "Lefty Gus", "phone": "+14155550199"},
            "assessment": KNEE_VALGUS_CLIENT["assessment"] | {"muscle_tests": [
                {"muscle": "gluteus_medius", "side": "left", "grade": 3, "inhibited": False}]}}
    client, _ = enrol(trainer, left)
    adapted = start(trainer, client, template).get_json()
    right_in_template = [i for i in all_items(program) if i["side"] == "right"]
    assert right_in_template
    moved = [i for i in all_items(adapted) if i["slot"] in {r["slot"] for r in right_in_template}]
    assert moved and {i["side"] for i in moved} == {"left"}
    assert all("left gluteus medius" in i["rationale"] and "instead of the right side" in i["rationale"] for i in moved)
    assert [a for a in adapted["adaptations"] if a["kind"] == "side"]


def test_red_flags_without_clearance_refuse_the_template_too(trainer, knee_program):
    _, program = knee_program
    template = save(trainer, program).get_json()
    client, _ = enrol(trainer, RED_FLAG_CLIENT)
    before = counts()
    response = start(trainer, client, template)
    assert response.status_code == 409 and "refer before exercise" in response.get_json()["error"]
    assert counts() == before


@pytest.mark.parametrize("body, field, problem", [
    ({"weeks": 4}, "weeks", "set by the template (6): leave it out"),
    ({"template_id": 999999}, "template_id", "no template 999999"),
    ({"template_id": "1"}, "template_id", "whole number"),
])
def test_bad_template_requests_are_422(trainer, knee_program, body, field, problem):
    client, program = knee_program
    template = save(trainer, program).get_json()
    before = counts()
    response = start(trainer, client, template, **body)
    assert response.status_code == 422
    assert problem in response.get_json()["errors"][field]
    assert counts() == before


def test_a_program_copied_to_another_client_is_adapted_to_them(trainer, knee_program):
    _, program = knee_program
    client, _ = enrol(trainer, ANTICOAGULANT_CLIENT)
    response = trainer.post(f"/api/v1/programs/{program['id']}/copy", json={"client_id": client["id"]})
    assert response.status_code == 201, response.get_json()
    copied = response.get_json()
    assert copied["client_id"] == client["id"] and copied["id"] != program["id"] and copied["status"] == "draft"
    assert copied["parameters"]["equipment"] == KIT
    assert response.headers["Location"].endswith(f"/api/v1/programs/{copied['id']}")
    assert [a for a in copied["adaptations"] if a["kind"] == "dropped"]
    assert any("the program copied" in u["reason"] for u in copied["uncovered"])
    changes = trainer.get(f"/api/v1/programs/{copied['id']}/changes").get_json()
    assert changes[0]["action"] == "copied" and changes[0]["details"]["from_program_id"] == program["id"]


def test_another_trainers_templates_programs_and_clients_are_not_found(trainer, make_trainer, knee_program):
    client, program = knee_program
    template = save(trainer, program).get_json()
    other = make_trainer(email="bob@clinic.example")
    their_client, _ = enrol(other, ANTICOAGULANT_CLIENT | {"client": {"name": "Bo", "phone": "+14155550177"}})
    assert other.get("/api/v1/templates").get_json() == []
    assert other.get(f"/api/v1/templates/{template['id']}").status_code == 404
    assert other.http.delete(f"/api/v1/templates/{template['id']}", headers=other.headers).status_code == 404
    assert other.post(f"/api/v1/programs/{program['id']}/template", json={"name": "Mine"}).status_code == 404
    assert other.post(f"/api/v1/programs/{program['id']}/copy", json={"client_id": their_client["id"]}).status_code == 404
    response = start(other, their_client, template)
    assert response.status_code == 422 and "no template" in response.get_json()["errors"]["template_id"]
    # Nor may a program be copied to another trainer's client.
    before = counts()
    response = trainer.post(f"/api/v1/programs/{program['id']}/copy", json={"client_id": their_client["id"]})
    assert response.status_code == 404 and counts() == before


def test_deleting_a_template_leaves_the_programs_started_from_it(trainer, knee_program):
    client, program = knee_program
    template = save(trainer, program).get_json()
    started = start(trainer, client, template).get_json()
    response = trainer.http.delete(f"/api/v1/templates/{template['id']}", headers=trainer.headers)
    assert response.status_code == 204
    assert trainer.get(f"/api/v1/templates/{template['id']}").status_code == 404
    assert trainer.get("/api/v1/templates").get_json() == []
    assert trainer.get(f"/api/v1/programs/{started['id']}").status_code == 200
