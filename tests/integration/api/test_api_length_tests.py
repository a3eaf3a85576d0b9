"""Muscle length tests through the API: listed with their sources, recorded
per side, and a short result giving a finding whose sources name the test."""
import pytest

from planner.extensions import db
from planner.models import Assessment, MuscleLengthTest


def test_length_tests_are_listed_with_the_muscles_they_implicate(trainer):
    tests = {t["slug"]: t for t in trainer.get("/api/v1/length-tests").get_json()}
    assert tests["thomas_test"]["muscles"] == ["psoas_major", "iliacus", "rectus_femoris", "tensor_fasciae_latae"]
    assert "Kendall" in tests["thomas_test"]["source"] and tests["ober_test"]["how"]
    assert trainer.http.get("/api/v1/length-tests").status_code == 401


def test_a_short_result_gives_a_finding_that_names_the_test(trainer):
    client = trainer.create_client()
    body = {"performed_on": "2026-11-20", "overhead_squat": ["knees_move_inward"],
            "length_tests": [{"test": "thomas_test", "side": "left", "result": "short"},
                             {"test": "ober_test", "side": "bilateral", "result": "normal"}]}
    response = trainer.post(f"/api/v1/clients/{client['id']}/assessments", json=body)
    assert response.status_code == 201, response.get_json()
    assessment = response.get_json()
    assert assessment["length_tests"] == body["length_tests"]
    psoas = next(f for f in assessment["findings"] if f["muscle"] == "psoas_major")
    assert (psoas["side"], psoas["status"], psoas["confirmed"], psoas["severity"]) == (
        "left", "overactive", True, "moderate")
    assert psoas["sources"][0]["summary"] == "short on the Thomas test"
    # A normal Ober test on both sides rules out the squat's TFL suggestion
    # on the right; on the left the Thomas test found it short.
    tfl = [(f["side"], f["status"]) for f in assessment["findings"] if f["muscle"] == "tensor_fasciae_latae"]
    assert tfl == [("left", "overactive")]
    # Confirmed findings lead.
    assert all(f["confirmed"] for f in assessment["findings"][:4])


@pytest.mark.parametrize("items, field, message", [
    ([{"test": "thomas", "side": "left", "result": "short"}], "length_tests[0].test", "unknown length test 'thomas'"),
    ([{"test": "thomas_test", "side": "left", "result": "tight"}], "length_tests[0].result", "must be one of"),
    ([{"test": "thomas_test", "side": "left", "result": "short"},
      {"test": "thomas_test", "side": "bilateral", "result": "normal"}], "length_tests[1]", "already recorded"),
    ([{"test": "thomas_test", "result": "short"}], "length_tests[0].side", "is required"),
])
def test_bad_length_tests_are_422_and_nothing_is_written(trainer, items, field, message):
    client = trainer.create_client()
    response = trainer.post(f"/api/v1/clients/{client['id']}/assessments",
                            json={"performed_on": "2026-11-20", "length_tests": items})
    assert response.status_code == 422
    assert message in response.get_json()["errors"][field]
    assert db.session.scalar(db.select(db.func.count(Assessment.id))) == 0
    assert db.session.scalar(db.select(db.func.count(MuscleLengthTest.id))) == 0
