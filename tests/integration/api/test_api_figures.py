"""GET /api/v1/exercises/<slug>/figure.svg: the body map with the exercise's
muscles, scoped like the exercise itself, cacheable by its ETag."""
import xml.etree.ElementTree as ET

from planner.extensions import db
from planner.models import Muscle

SVG = "{http://www.w3.org/2000/svg}"


def regions(svg_text: str) -> list[dict]:
    root = ET.fromstring(svg_text)
    return [e.attrib for e in root.iter(f"{SVG}polygon") if "data-muscle" in e.attrib]


def test_the_figure_shows_every_catalog_muscle_and_marks_the_exercises_roles(trainer):
    response = trainer.get("/api/v1/exercises/foam_roll_tfl/figure.svg")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    svg = response.get_data(as_text=True)
    root = ET.fromstring(svg)  # well-formed XML
    assert root.get("role") == "img" and root.find(f"{SVG}title").text == \
        "Muscles worked by Foam roll the tensor fasciae latae"
    catalog = set(db.session.scalars(db.select(Muscle.slug)))
    shown = regions(svg)
    assert {r["data-muscle"] for r in shown} == catalog
    assert {(r["data-muscle"], r["data-side"]) for r in shown} >= {(m, s) for m in catalog for s in ("left", "right")}
    roles = {(r["data-muscle"], r.get("data-role")) for r in shown if r.get("data-role")}
    assert roles == {("tensor_fasciae_latae", "primary"), ("gluteus_minimus", "secondary")}


def test_the_roles_follow_the_exercise_in_the_api(trainer):
    for summary in trainer.get("/api/v1/exercises?phase=integrate").get_json()[:5]:
        svg = trainer.get(f"/api/v1/exercises/{summary['slug']}/figure.svg").get_data(as_text=True)
        marked = {(r["data-muscle"], r["data-role"]) for r in regions(svg) if r.get("data-role")}
        assert marked == {(t["muscle"], t["role"]) for t in summary["targets"]}, summary["slug"]


def test_the_figure_is_cached_by_its_etag(trainer, http):
    first = trainer.get("/api/v1/exercises/glute_bridge/figure.svg")
    assert first.status_code == 200 and first.headers["ETag"]
    assert "private" in first.headers["Cache-Control"] and "no-store" not in first.headers["Cache-Control"]
    again = http.get("/api/v1/exercises/glute_bridge/figure.svg",
                     headers=trainer.headers | {"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.get_data() == b""
    other = trainer.get("/api/v1/exercises/foam_roll_tfl/figure.svg")
    assert other.headers["ETag"] != first.headers["ETag"]


def test_an_unknown_exercise_answers_404_in_json_and_no_token_401(trainer, http):
    response = trainer.get("/api/v1/exercises/no_such_exercise/figure.svg")
    assert response.status_code == 404 and response.get_json() == {"error": "not found"}
    assert http.get("/api/v1/exercises/glute_bridge/figure.svg").status_code == 401
