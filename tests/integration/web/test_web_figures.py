"""Exercise figures and the findings map in the web app: the library, the
builder, the handout, the client's session page, the client and assessment
pages; and a trainer's own exercise's figure hidden from other trainers."""
from __future__ import annotations

import re
from datetime import date
import xml.etree.ElementTree as ET

from planner.messaging.session_links import session_link_token
from planner.messaging.settings import SmsSettings

from tests.integration.web.test_web_library import create_own
from tests.support.sms import ASSESSMENT
from tests.support.web import fresh_request

SVG = "{http://www.w3.org/2000/svg}"
INLINE_SVG = re.compile(r"<svg .*?</svg>", re.S)


def figures_in(page: str) -> list[ET.Element]:
    return [ET.fromstring(svg) for svg in INLINE_SVG.findall(page)]


def marked(figure: ET.Element, attribute: str) -> set[tuple[str, str, str]]:
    return {(e.get("data-muscle"), e.get("data-side"), e.get(attribute))
            for e in figure.iter(f"{SVG}polygon") if e.get(attribute)}


def program_for(web, assessment=ASSESSMENT) -> tuple[dict, dict]:
    client = web.api.create_client()
    assert web.api.post(f"/api/v1/clients/{client['id']}/assessments", json=assessment).status_code == 201
    # Starting today: the client's link opens while the program runs.
    program = web.api.post(f"/api/v1/clients/{client['id']}/programs",
                           json={"start_date": date.today().isoformat()}).get_json()
    return client, program


def test_the_exercise_page_shows_its_figure_with_primary_and_secondary_muscles(web):
    page = web.page("/library/foam_roll_tfl")
    [figure] = figures_in(page)
    assert figure.get("aria-labelledby") and figure.find(f"{SVG}desc").text.startswith("Front and back views")
    roles = {(muscle, role) for muscle, _, role in marked(figure, "data-role")}
    assert roles == {("tensor_fasciae_latae", "primary"), ("gluteus_minimus", "secondary")}
    assert "Worked most: Tensor fasciae latae. Also: gluteus minimus." in page


def test_the_library_lists_a_thumbnail_per_exercise_served_to_a_signed_in_trainer(web, http):
    page = web.page("/library/?q=glute+bridge")
    thumbnails = re.findall(r'<img class="figure-thumb" src="([^"]+)"', page)
    assert "/library/glute_bridge/figure.svg?legend=0" in thumbnails
    response = web.get("/library/glute_bridge/figure.svg?legend=0")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    svg = ET.fromstring(response.get_data(as_text=True))
    assert ("gluteus_maximus", "left", "primary") in marked(svg, "data-role")
    assert 'data-legend' not in response.get_data(as_text=True)
    assert "data-legend" in web.get("/library/glute_bridge/figure.svg").get_data(as_text=True)
    fresh_request()
    assert http.get("/library/glute_bridge/figure.svg").status_code == 302  # signed out: to sign-in


def test_another_trainers_own_exercise_has_no_figure_for_you(web, make_web_trainer):
    slug = create_own(web)
    [figure] = figures_in(web.page(f"/library/{slug}"))
    assert ("lower_trapezius", "right", "primary") in marked(figure, "data-role")
    assert web.api.get(f"/api/v1/exercises/{slug}/figure.svg").status_code == 200
    other = make_web_trainer(email="bo@clinic.example", name="Bo Trainer")
    assert other.get(f"/library/{slug}/figure.svg").status_code == 404
    response = other.api.get(f"/api/v1/exercises/{slug}/figure.svg")
    assert response.status_code == 404 and response.get_json() == {"error": "not found"}


def test_the_builder_item_page_and_handout_show_each_exercises_figure(web):
    _, program = program_for(web)
    items = program["weeks"][0]["sessions"][0]["items"]
    builder = web.page(f"/programs/{program['id']}")
    for item in items:
        assert f'src="/library/{item["exercise"]}/figure.svg?legend=0"' in builder
    item_page = web.page(f"/programs/{program['id']}/items/{items[0]['id']}")
    assert [f.get("aria-labelledby") for f in figures_in(item_page)] == [
        f"figure-{items[0]['exercise']}-title figure-{items[0]['exercise']}-desc"]
    handout = web.page(f"/programs/{program['id']}/handout")
    shown = [f.find(f"{SVG}title").text for f in figures_in(handout)]
    assert f"Muscles worked by {items[0]['name']}" in shown
    assert len(shown) == len(set(shown))  # once per exercise, ids unique on the page


def test_the_clients_session_page_carries_its_figures_inline(web, app, http):
    client, program = program_for(web)
    assert web.api.post(f"/api/v1/programs/{program['id']}/publish").status_code == 200
    session = program["weeks"][0]["sessions"][0]
    with app.test_request_context():
        token = session_link_token(client["id"], session["id"], SmsSettings.from_config(app.config))
    fresh_request()
    page = http.get(f"/s/{token}", follow_redirects=True).get_data(as_text=True)  # no sign-in; on to the program page
    figures = figures_in(page)
    assert len(figures) == len(session["items"])
    ids = [f.find(f"{SVG}title").get("id") for f in figures]
    assert len(set(ids)) == len(ids)
    first = session["items"][0]
    expected = {(t["muscle"], t["role"]) for t in web.api.get(f"/api/v1/exercises/{first['exercise']}").get_json()["targets"]}
    assert {(m, role) for m, _, role in marked(figures[0], "data-role")} == expected


def test_findings_show_on_the_map_by_side_and_status(web):
    assessment = {"performed_on": "2026-01-02",
                  "muscle_tests": [{"muscle": "gluteus_medius", "side": "right", "grade": 3, "inhibited": False}],
                  "length_tests": [{"test": "thomas_test", "side": "left", "result": "short"}]}
    client = web.api.create_client()
    created = web.api.post(f"/api/v1/clients/{client['id']}/assessments", json=assessment).get_json()
    for path in (f"/clients/{client['id']}", f"/clients/{client['id']}/assessments/{created['id']}"):
        page = web.page(path)
        [figure] = [f for f in figures_in(page) if f.find(f"{SVG}title").text == "Findings on the body map"]
        statuses = marked(figure, "data-status")
        assert ("gluteus_medius", "right", "weak") in statuses, path
        assert ("gluteus_medius", "left", "weak") not in statuses
        assert {("psoas_major", "left", "short"), ("rectus_femoris", "left", "short")} <= statuses
        assert not any(m == "psoas_major" and side == "right" for m, side, _ in statuses)
        legend = " ".join(t.text for t in figure.iter(f"{SVG}text"))
        assert "Weak: solid" in legend and "Short on a length test: crossed" in legend
