"""Assessments through the API: findings, validation, isolation."""
import pytest

from planner.extensions import db
from planner.models import Assessment, MuscleFinding, MuscleTest, PainScore, ScreenFinding

GOOD = {
    "performed_on": "2026-11-20",
    "notes": "Right knee drifts in on the step-down.",
    "muscle_tests": [{"muscle": "gluteus_medius", "side": "right", "grade": 3, "inhibited": False},
                     {"muscle": "gluteus_maximus", "side": "left", "grade": 4, "inhibited": True}],
    "overhead_squat": ["knees_move_inward"],
    "pain": [{"region": "knee", "score": 5}, {"region": "low_back", "score": 2}],
}


def rows_written() -> int:
    return sum(db.session.scalar(db.select(db.func.count()).select_from(model))
               for model in (Assessment, MuscleTest, ScreenFinding, PainScore, MuscleFinding))


def finding(body, muscle, side):
    return next(f for f in body["findings"] if (f["muscle"], f["side"]) == (muscle, side))


def test_assessment_returns_findings_with_their_sources(trainer):
    client = trainer.create_client()
    response = trainer.post(f"/api/v1/clients/{client['id']}/assessments", json=GOOD)
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    right = finding(body, "gluteus_medius", "right")
    assert right["status"] == "weak"
    assert [s["summary"] for s in right["sources"]] == ["graded 3/5", "knees move inward in the overhead squat"]
    assert finding(body, "gluteus_medius", "left")["status"] == "underactive"
    assert finding(body, "gluteus_maximus", "left")["status"] == "inhibited"
    assert finding(body, "tensor_fasciae_latae", "bilateral")["status"] == "overactive"
    # Most severe first: the graded, doubly-sourced right gluteus medius.
    assert (body["findings"][0]["muscle"], body["findings"][0]["side"]) == ("gluteus_medius", "right")
    assert body["pain"] == GOOD["pain"]
    assert body["overhead_squat"] == [{"compensation": "knees_move_inward", "side": "bilateral"}]

    listed = trainer.get(f"/api/v1/clients/{client['id']}/assessments").get_json()
    assert listed == [body]
    one = trainer.get(f"/api/v1/clients/{client['id']}/assessments/{body['id']}")
    assert one.get_json() == body


def test_a_one_sided_compensation(trainer):
    client = trainer.create_client()
    body = {"performed_on": "2026-11-20", "overhead_squat": [{"compensation": "knees_move_inward", "side": "left"}]}
    response = trainer.post(f"/api/v1/clients/{client['id']}/assessments", json=body)
    assert response.status_code == 201
    assert {f["side"] for f in response.get_json()["findings"]} == {"left"}


def test_newest_assessment_comes_first(trainer):
    client = trainer.create_client()
    for day in ("2026-10-01", "2026-11-01", "2026-09-01"):
        trainer.post(f"/api/v1/clients/{client['id']}/assessments", json={"performed_on": day})
    dates = [a["performed_on"] for a in trainer.get(f"/api/v1/clients/{client['id']}/assessments").get_json()]
    assert dates == ["2026-11-01", "2026-10-01", "2026-09-01"]


@pytest.mark.parametrize("change, field, message", [
    ({"muscle_tests": [{"muscle": "gluteus_medius", "side": "right", "grade": 7}]}, "muscle_tests[0].grade",
     "must be at most 5 (got 7)"),
    ({"muscle_tests": [{"muscle": "gluteus_medius", "side": "right", "grade": -1}]}, "muscle_tests[0].grade",
     "must be at least 0"),
    ({"muscle_tests": [{"muscle": "gluteus_medius", "side": "right", "grade": "3"}]}, "muscle_tests[0].grade",
     "must be a whole number"),
    ({"muscle_tests": [{"muscle": "glute_med", "side": "right", "grade": 3}]}, "muscle_tests[0].muscle",
     "unknown muscle 'glute_med'"),
    ({"muscle_tests": [{"muscle": "gluteus_medius", "side": "middle", "grade": 3}]}, "muscle_tests[0].side",
     "must be one of"),
    ({"muscle_tests": [{"muscle": "gluteus_medius", "side": "left", "grade": 3},
                       {"muscle": "gluteus_medius", "side": "bilateral", "grade": 4}]}, "muscle_tests[1]",
     "already tested in muscle_tests[0]"),
    ({"overhead_squat": ["knees_cave"]}, "overhead_squat[0]", "unknown compensation 'knees_cave'"),
    ({"overhead_squat": ["feet_turn_out", "feet_turn_out"]}, "overhead_squat[1]", "already listed"),
    ({"overhead_squat": [{"compensation": "feet_turn_out", "side": "up"}]}, "overhead_squat[0].side",
     "must be one of"),
    ({"pain": [{"region": "knee", "score": 11}]}, "pain[0].score", "must be at most 10"),
    ({"pain": [{"region": "elbowz", "score": 1}]}, "pain[0].region", "must be one of"),
    ({"pain": [{"region": "knee", "score": 1}, {"region": "knee", "score": 2}]}, "pain[1].region",
     "already scored"),
    ({"performed_on": "20/11/2026"}, "performed_on", "YYYY-MM-DD"),
    ({"performed_on": "2026-02-30"}, "performed_on", "not a calendar date"),
    ({"performed_on": "2999-01-01"}, "performed_on", "in the future"),
    ({"performed_on": None}, "performed_on", "YYYY-MM-DD"),
])
def test_bad_input_is_422_naming_the_field_and_nothing_is_written(trainer, change, field, message):
    client = trainer.create_client()
    response = trainer.post(f"/api/v1/clients/{client['id']}/assessments", json=GOOD | change)
    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert field in errors, errors
    assert message in errors[field]
    assert rows_written() == 0


def test_several_problems_are_reported_together(trainer):
    client = trainer.create_client()
    body = GOOD | {"muscle_tests": [{"muscle": "nope", "side": "left", "grade": 2}], "overhead_squat": ["nah"]}
    errors = trainer.post(f"/api/v1/clients/{client['id']}/assessments", json=body).get_json()["errors"]
    assert set(errors) == {"muscle_tests[0].muscle", "overhead_squat[0]"}


def test_assessments_of_another_trainers_client_are_404(make_trainer):
    ann = make_trainer("ann@clinic.example")
    bob = make_trainer("bob@clinic.example")
    client = ann.create_client()
    assessment = ann.post(f"/api/v1/clients/{client['id']}/assessments", json=GOOD).get_json()
    base = f"/api/v1/clients/{client['id']}/assessments"
    assert bob.get(base).status_code == 404
    assert bob.get(f"{base}/{assessment['id']}").status_code == 404
    assert bob.post(base, json=GOOD).status_code == 404
    # An assessment id reached through the wrong client is not found either.
    bobs_client = bob.create_client()
    assert bob.get(f"/api/v1/clients/{bobs_client['id']}/assessments/{assessment['id']}").status_code == 404
    assert db.session.scalar(db.select(db.func.count(Assessment.id))) == 1


def test_assessment_routes_need_a_token(http, trainer):
    client = trainer.create_client()
    base = f"/api/v1/clients/{client['id']}/assessments"
    assert http.get(base).status_code == 401
    assert http.post(base, json=GOOD).status_code == 401
    assert http.get(f"{base}/1").status_code == 401
    assert rows_written() == 0
