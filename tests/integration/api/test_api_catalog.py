"""The shared catalog through the API: muscles, exercises, screens, vocabularies."""
import pytest

from planner.vocabularies import EQUIPMENT, PAIN_REGIONS, PHASES, SIDES


def test_vocabularies(trainer):
    assert trainer.get("/api/v1/vocabularies").get_json() == {
        "pain_regions": list(PAIN_REGIONS), "equipment": list(EQUIPMENT),
        "phases": list(PHASES), "sides": list(SIDES)}
    assert "low_back" in PAIN_REGIONS and "ankle_foot" in PAIN_REGIONS


def test_muscles(trainer):
    muscles = trainer.get("/api/v1/muscles").get_json()
    assert len(muscles) >= 55
    glute_med = next(m for m in muscles if m["slug"] == "gluteus_medius")
    assert glute_med["name"] == "Gluteus medius" and glute_med["region"] == "hip"
    assert {"slug", "name", "region"} <= set(glute_med)


def test_exercise_filters(trainer):
    everything = trainer.get("/api/v1/exercises").get_json()
    assert len(everything) >= 150
    activate = trainer.get("/api/v1/exercises?phase=activate&muscle=gluteus_medius").get_json()
    assert activate and all(e["phase"] == "activate" for e in activate)
    assert all(any(t["muscle"] == "gluteus_medius" for t in e["targets"]) for e in activate)
    body_weight = trainer.get("/api/v1/exercises?equipment=none").get_json()
    assert body_weight and all(e["equipment"] == [] for e in body_weight)
    roller = trainer.get("/api/v1/exercises?equipment=foam_roller").get_json()
    assert all(set(e["equipment"]) <= {"foam_roller"} for e in roller)
    assert any(e["equipment"] == ["foam_roller"] for e in roller)
    assert len(roller) > len(body_weight)
    level_one = trainer.get("/api/v1/exercises?level=1").get_json()
    assert level_one and {e["level"] for e in level_one} == {1}


@pytest.mark.parametrize("query, field", [("phase=stretchy", "phase"), ("muscle=nope", "muscle"),
                                          ("equipment=trampoline", "equipment"), ("level=7", "level")])
def test_bad_exercise_filters_are_422(trainer, query, field):
    response = trainer.get(f"/api/v1/exercises?{query}")
    assert response.status_code == 422
    assert field in response.get_json()["errors"]


def test_one_exercise_in_full(trainer):
    summary = trainer.get("/api/v1/exercises?phase=activate&level=1").get_json()[0]
    detail = trainer.get(f"/api/v1/exercises/{summary['slug']}").get_json()
    assert detail["slug"] == summary["slug"]
    assert detail["dosage"]["sets"] >= 1 and detail["dosage"]["reps"] or detail["dosage"]["hold_seconds"]
    assert detail["instructions"]
    assert trainer.get("/api/v1/exercises/no_such_exercise").status_code == 404


def test_movement_screens(trainer):
    screens = trainer.get("/api/v1/movement-screens").get_json()
    squat = next(s for s in screens if s["screen"] == "overhead_squat")
    by_slug = {c["slug"]: c for c in squat["compensations"]}
    assert {"feet_turn_out", "knees_move_inward", "excessive_forward_lean", "low_back_arches",
            "arms_fall_forward", "shoulders_elevate", "head_juts_forward"} <= set(by_slug)
    knees = by_slug["knees_move_inward"]
    assert "tensor_fasciae_latae" in knees["overactive"] and "gluteus_medius" in knees["underactive"]


@pytest.mark.parametrize("path", ["/api/v1/vocabularies", "/api/v1/muscles", "/api/v1/exercises",
                                  "/api/v1/exercises/x", "/api/v1/movement-screens"])
def test_catalog_needs_a_token(http, path):
    assert http.get(path).status_code == 401
