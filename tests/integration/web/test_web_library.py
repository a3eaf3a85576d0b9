"""The exercise library in the trainer's web app: browse, filter, search,
and a trainer's own exercises (create, edit, copy, delete), each trainer
seeing only the built-in library and their own."""
from __future__ import annotations

import html
import re

import pytest
from sqlalchemy import event

from planner.extensions import db
from planner.models import Exercise, Program

from tests.support.api import ApiTrainer
from tests.support.web import WebTrainer

LISTED = re.compile(r'<td><a href="/library/([a-z0-9_]+)">([^<]+)</a>')

# A valid own exercise as the form posts it; tests change what they need.
OWN = {
    "name": "Wall slide with lift-off", "phase": "activate", "level": "2", "position": "standing",
    "targets[0].muscle": "lower_trapezius", "targets[0].role": "primary",
    "targets[1].muscle": "serratus_anterior", "targets[1].role": "secondary",
    "targets[2].muscle": "", "targets[2].role": "secondary",
    "dosage.sets": "2", "dosage.reps": "10", "dosage.hold_seconds": "", "dosage.tempo": "3-1-2",
    "dosage.rest_seconds": "30",
    "instructions": "Forearms on the wall, slide up, then lift the hands off an inch.",
    "cues": "Ribs down\nShoulders away from the ears",
    "progression": "", "regression": "",
}


def listed(page: str) -> dict[str, str]:
    """Slug to name of every exercise in a results table."""
    return {slug: html.unescape(name) for slug, name in LISTED.findall(page)}


def total(page: str) -> int:
    return int(re.search(r"<strong>(\d+) exercises?</strong>", page).group(1))


def own_form(**changes) -> list[tuple[str, str]]:
    pairs = [(k, v) for k, v in (OWN | changes).items() if v is not None]
    return pairs


@pytest.fixture
def web_and_api(app, http):
    """One trainer signed in to the web app who also has an API token."""
    from planner.people.accounts import create_trainer

    trainer, token = create_trainer("ann@clinic.example", "Ann Trainer", "correct horse battery")
    db.session.commit()
    web = WebTrainer(app.test_client(), trainer.id, "ann@clinic.example", "correct horse battery").sign_in()
    yield web, ApiTrainer(http, trainer.id, token)
    # conftest's wipe deletes own exercises before program items; take the
    # programs away first so the next test's wipe does not trip on them.
    db.session.rollback()
    db.session.execute(db.delete(Program))
    db.session.commit()


def create_own(web, **changes) -> str:
    response = web.post("/library/new", own_form(**changes))
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"].rsplit("/", 1)[1]


# --- browsing -------------------------------------------------------------

def test_the_library_lists_the_built_in_exercises_page_by_page(web):
    builtin = db.session.scalar(db.select(db.func.count(Exercise.id)).where(Exercise.trainer_id.is_(None)))
    first = web.page("/library/")
    assert total(first) == builtin
    assert len(listed(first)) == 50 and "Page 1 of" in first
    # Continuum order: inhibit exercises come first.
    assert "Foam roll the calves" in listed(first).values()
    second = web.page("/library/?page=2")
    assert not set(listed(first)) & set(listed(second))
    pages = -(-builtin // 50)
    last = web.page("/library/?page=999")  # past the end: the last page
    assert f"Page {pages} of {pages}" in last and len(listed(last)) == builtin - 50 * (pages - 1)


def test_filters_narrow_the_list(web):
    lengthen = listed(web.page("/library/?phase=lengthen"))
    assert "Standing hip flexor stretch" in lengthen.values()
    assert "Glute bridge" not in lengthen.values() and "Foam roll the calves" not in lengthen.values()

    glute_med = listed(web.page("/library/?muscle=gluteus_medius&phase=activate"))
    assert {"clamshell", "banded_clamshell", "side_lying_hip_abduction", "side_plank"} <= set(glute_med)
    assert "glute_bridge" not in glute_med  # gluteus maximus only
    primary = listed(web.page("/library/?muscle=gluteus_medius&phase=activate&primary_only=1"))
    assert "clamshell" in primary and "side_plank" not in primary  # secondary there

    level_two = listed(web.page("/library/?muscle=gluteus_medius&phase=activate&level=2"))
    assert set(level_two) == {"banded_glute_bridge", "banded_clamshell", "standing_sartorius_lift",
                              "side_plank_knees"}


def test_search_by_name_matches_every_word_in_any_case(web):
    page = web.page("/library/?q=HIP+flexor+stretch")
    assert set(listed(page).values()) == {"Standing hip flexor stretch", "Half-kneeling hip flexor stretch"}
    assert total(page) == 2
    assert 'value="HIP flexor stretch"' in page  # the search box keeps what was typed
    assert listed(web.page("/library/?q=100%25")) == {}  # a LIKE wildcard is just a character


def test_equipment_filter_keeps_what_the_client_can_do(web):
    with_band = listed(web.page("/library/?muscle=gluteus_medius&phase=activate&equipment=mini_band"))
    assert {"clamshell", "banded_clamshell", "banded_glute_bridge"} <= set(with_band)  # body weight fits too
    assert "standing_banded_hip_abduction" not in with_band  # needs a resistance band

    body_weight = listed(web.page("/library/?muscle=gluteus_medius&phase=activate&equipment=none"))
    assert "clamshell" in body_weight and "banded_clamshell" not in body_weight

    rollers = listed(web.page("/library/?phase=inhibit&equipment=foam_roller"))
    assert "Foam roll the calves" in rollers.values()
    assert not any("Massage ball" in name for name in rollers.values())


def test_a_filtered_view_can_be_bookmarked_and_paged(web):
    page = web.page("/library/?phase=activate")
    assert total(page) > 50
    nav = re.search(r'<a href="([^"]+)" rel="next">', page).group(1)
    second = web.page(html.unescape(nav))
    assert "phase=activate" in html.unescape(nav)
    assert "Page 2 of" in second and listed(second)
    assert all(e.phase == "activate" for e in db.session.scalars(
        db.select(Exercise).where(Exercise.slug.in_(list(listed(second))))))


def test_a_bad_filter_is_named_and_the_rest_still_apply(web):
    page = web.page("/library/?phase=stretchy&level=9&q=glute+bridge")
    assert "unknown phase &#39;stretchy&#39;" in page and "must be a level from 1 to 5" in page
    assert set(listed(page)) == {"glute_bridge", "banded_glute_bridge", "single_leg_glute_bridge"}


def test_listing_costs_the_same_queries_for_any_number_of_results(web):
    create_own(web)

    def statements(path: str) -> int:
        seen = []
        listener = lambda *args: seen.append(args[2])  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            web.page(path)
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        return len(seen)

    assert statements("/library/") == statements("/library/?q=clamshell") == statements(
        "/library/?muscle=gluteus_medius&equipment=mini_band&equipment=step&level=2")


# --- one exercise ----------------------------------------------------------

def test_an_exercise_page_shows_everything_a_trainer_needs(web):
    page = web.page("/library/banded_glute_bridge")
    assert "<h1>Mini-band glute bridge" in page
    for fact in ("Activate", "2 of 5", "Supine", "mini band", "Gluteus maximus", "Gluteus medius",
                 "Gluteus minimus", "primary", "secondary"):
        assert fact in page, fact
    assert re.search(r"\d × \d+ reps, tempo \d-\d-\d", page)
    assert 'href="/library/glute_bridge">Glute bridge</a>' in page  # regression
    assert 'href="/library/single_leg_glute_bridge">Single-leg glute bridge</a>' in page  # progression
    assert "yours" not in page and "/library/banded_glute_bridge/edit" not in page
    assert 'href="/library/new?copy=banded_glute_bridge"' in page
    assert web.get("/library/no_such_exercise").status_code == 404


# --- own exercises -----------------------------------------------------------

def test_a_trainer_adds_an_exercise_and_finds_it_marked_as_theirs(web):
    form = web.page("/library/new")
    assert 'name="csrf_token"' in form
    for name in ("name", "phase", "level", "position", "targets[0].muscle", "dosage.sets", "instructions"):
        assert f'for="f-{name}"' in form, name  # every input has its label
    slug = create_own(web, equipment=None)
    assert slug == f"t{web.id}_wall_slide_with_lift_off"
    page = web.page(f"/library/{slug}")
    assert "Wall slide with lift-off" in page and "yours" in page
    assert "Lower trapezius" in page and "Ribs down" in page and "Body weight" in page
    mine = web.page("/library/?source=mine")
    assert listed(mine) == {slug: "Wall slide with lift-off"}
    assert slug in listed(web.page("/library/?muscle=lower_trapezius&q=wall+slide"))
    assert slug not in listed(web.page("/library/?source=builtin&q=wall+slide"))
    # The same name again gets its own address.
    assert create_own(web) == f"t{web.id}_wall_slide_with_lift_off_2"


def test_validation_names_each_problem_and_keeps_what_was_typed(web):
    response = web.post("/library/new", own_form(**{
        "phase": "lengthen", "dosage.hold_seconds": "", "dosage.tempo": "fast", "name": "Doorway pec stretch",
        "equipment": "strap", "contraindications": "shoulder", "level": "", "targets[0].role": "secondary"}))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "must be eccentric-pause-concentric seconds" in page  # tempo
    assert "Level</a>: is required" in page
    assert db.session.scalar(db.select(db.func.count(Exercise.id)).where(Exercise.trainer_id == web.id)) == 0
    # Everything typed is still there.
    assert 'value="Doorway pec stretch"' in page
    assert 'value="fast"' in page and 'value="10"' in page
    assert "Forearms on the wall, slide up" in page and "Ribs down\nShoulders away" in page
    assert re.search(r'value="strap" checked', page) and re.search(r'value="shoulder" checked', page)
    assert re.search(r'<option value="lower_trapezius" selected>', page)
    assert re.search(r'<option value="lengthen" selected>', page)

    # Once the shape is right, the rules across fields speak up, by field.
    response = web.post("/library/new", own_form(**{"phase": "lengthen", "dosage.tempo": ""}))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "lengthen exercises hold for 15-120 s" in page

    response = web.post("/library/new", own_form(**{"targets[0].role": "secondary"}))
    assert "at least one target must be primary" in response.get_data(as_text=True)

    response = web.post("/library/new", own_form(**{"targets[0].muscle": "", "targets[1].muscle": ""}))
    assert "choose at least one muscle" in response.get_data(as_text=True)

    response = web.post("/library/new", own_form(**{"targets[2].muscle": "made_up_muscle"}))
    assert "unknown muscle &#39;made_up_muscle&#39;" in response.get_data(as_text=True)
    assert 'id="targets-2-muscle-error"' in response.get_data(as_text=True)  # beside its own row

    response = web.post("/library/new", own_form(**{"dosage.sets": "three", "cues": "\n".join("abcdefg")}))
    page = response.get_data(as_text=True)
    assert "must be a whole number (got &#39;three&#39;)" in page and "at most 6 cues" in page
    assert 'value="three"' in page


def test_links_follow_the_librarys_rules(web):
    # glute_bridge is activate level 1: a fine regression for level 2, not a progression.
    response = web.post("/library/new", own_form(progression="glute_bridge"))
    assert response.status_code == 422
    assert "a progression must be at a higher level than 2" in response.get_data(as_text=True)
    response = web.post("/library/new", own_form(regression="standing_hip_flexor_stretch"))
    assert "is a lengthen exercise; this one is activate" in response.get_data(as_text=True)
    slug = create_own(web, regression="glute_bridge", progression="single_leg_glute_bridge")
    page = web.page(f"/library/{slug}")
    assert 'href="/library/glute_bridge"' in page and 'href="/library/single_leg_glute_bridge"' in page


def test_the_create_form_refuses_a_post_without_csrf_token(web):
    response = web.post("/library/new", own_form(), csrf=False)
    assert response.status_code == 400
    response = web.post("/library/new", own_form() + [("csrf_token", "forged")], csrf=False)
    assert response.status_code == 400
    assert db.session.scalar(db.select(db.func.count(Exercise.id)).where(Exercise.trainer_id == web.id)) == 0


def test_a_trainer_edits_their_exercise_and_its_address_stays(web):
    slug = create_own(web)
    form = web.page(f"/library/{slug}/edit")
    assert 'value="Wall slide with lift-off"' in form and '<option value="serratus_anterior" selected>' in form
    assert f'<option value="{slug}"' not in form  # not its own progression
    response = web.post(f"/library/{slug}/edit", own_form(name="Wall slide, hands off", level="3",
                                                          **{"targets[1].muscle": ""}))
    assert response.status_code == 302 and response.headers["Location"] == f"/library/{slug}"
    page = web.page(f"/library/{slug}")
    assert "Wall slide, hands off" in page and "3 of 5" in page and "Serratus anterior" not in page

    response = web.post(f"/library/{slug}/edit", own_form(name="", **{"dosage.rest_seconds": "600"}))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Name</a>: must not be empty" in page and "Rest</a>: must be at most 180" in page
    assert 'value="600"' in page
    assert "Wall slide, hands off" in web.page(f"/library/{slug}")  # unchanged


def test_built_in_exercises_cannot_be_changed_only_copied(web):
    response = web.get("/library/glute_bridge/edit")
    assert response.status_code == 302 and response.headers["Location"] == "/library/new?copy=glute_bridge"
    copy = web.page("/library/new?copy=glute_bridge")
    assert "cannot be changed" in copy
    assert 'value="Glute bridge (my version)"' in copy
    assert '<option value="gluteus_maximus" selected>' in copy and '<option value="activate" selected>' in copy
    assert web.post("/library/glute_bridge/edit", own_form()).status_code == 403
    assert web.post("/library/glute_bridge/delete").status_code == 403
    assert db.session.scalar(db.select(Exercise.name).filter_by(slug="glute_bridge")) == "Glute bridge"


def test_a_copy_saved_becomes_the_trainers_own(web):
    copy = web.page("/library/new?copy=banded_glute_bridge")
    fields = dict(re.findall(r'name="(dosage\.\w+)" type="\w+" value="([^"]*)"', copy))
    slug = create_own(web, name="Banded bridge, my way", **{"targets[0].muscle": "gluteus_maximus",
                                                           "targets[1].muscle": "gluteus_medius"},
                      **{k: v for k, v in fields.items()})
    mine = db.session.scalar(db.select(Exercise).filter_by(slug=slug))
    original = db.session.scalar(db.select(Exercise).filter_by(slug="banded_glute_bridge"))
    assert mine.trainer_id == web.id and (mine.sets, mine.reps, mine.tempo) == (
        original.sets, original.reps, original.tempo)


def test_trainers_never_see_each_others_exercises(web, make_web_trainer):
    slug = create_own(web)
    bea = make_web_trainer(email="bea@studio.example", name="Bea Trainer")
    assert bea.get(f"/library/{slug}").status_code == 404
    assert bea.get(f"/library/{slug}/edit").status_code == 404
    assert bea.post(f"/library/{slug}/edit", own_form(name="Taken over")).status_code == 404
    assert bea.post(f"/library/{slug}/delete").status_code == 404
    assert bea.get(f"/library/new?copy={slug}").status_code == 404
    assert slug not in listed(bea.page("/library/?q=wall+slide"))
    assert listed(bea.page("/library/?source=mine")) == {}
    # Nor link to them.
    assert bea.post("/library/new", own_form(progression=slug)).status_code == 422
    assert db.session.scalar(db.select(Exercise.name).filter_by(slug=slug)) == "Wall slide with lift-off"


def test_deleting_an_unused_exercise(web):
    slug = create_own(web)
    page = web.page(f"/library/{slug}")
    assert "No program uses this exercise" in page and f'action="/library/{slug}/delete"' in page
    response = web.post(f"/library/{slug}/delete")
    assert response.status_code == 302
    assert web.get(f"/library/{slug}").status_code == 404
    assert "is deleted" in web.page("/library/?source=mine")


def test_an_exercise_a_program_uses_cannot_be_deleted(web_and_api):
    web, api = web_and_api
    slug = create_own(web, **{"targets[0].muscle": "gluteus_medius", "targets[1].muscle": ""})
    # The generator's catalog and the program edits both see it.
    assert slug in {e["slug"] for e in api.get("/api/v1/exercises").get_json()}
    client = api.create_client(name="Ada Lovelace")
    api.post(f"/api/v1/clients/{client['id']}/assessments", json={
        "performed_on": "2026-11-20", "muscle_tests": [
            {"muscle": "gluteus_medius", "side": "right", "grade": 3, "inhibited": False}]})
    program = api.post(f"/api/v1/clients/{client['id']}/programs", json={"start_date": "2026-11-23"}).get_json()
    session_id = program["weeks"][0]["sessions"][0]["id"]
    added = api.post(f"/api/v1/programs/{program['id']}/sessions/{session_id}/items", json={"exercise": slug})
    assert added.status_code == 201, added.get_json()

    response = web.post(f"/library/{slug}/delete")
    assert response.status_code == 302 and response.headers["Location"] == f"/library/{slug}"
    page = web.page(f"/library/{slug}")
    assert "cannot be deleted: it is used in Ada Lovelace&#39;s draft program" in page
    assert f'action="/library/{slug}/delete"' not in page  # no button while it is in use
    assert db.session.scalar(db.select(Exercise.id).filter_by(slug=slug)) is not None


def test_library_pages_need_sign_in(http):
    for path in ("/library/", "/library/glute_bridge", "/library/new", "/library/glute_bridge/edit"):
        response = http.get(path)
        assert response.status_code == 302 and response.headers["Location"].startswith("/signin"), path


def test_page_links_carry_only_the_filters(web):
    page = web.page("/library/?phase=activate&_scheme=https&page=1")
    nav = html.unescape(re.search(r'<a href="([^"]+)" rel="next">', page).group(1))
    assert nav.startswith("/library/?") and "phase=activate" in nav and "page=2" in nav
    assert "_scheme" not in nav


def test_a_trainers_own_exercise_carries_the_precautions_that_rule_it_out(web_and_api):
    web, api = web_and_api
    assert 'value="anticoagulants"' in web.page("/library/new")
    slug = create_own(web, **{"targets[0].muscle": "gluteus_medius", "targets[1].muscle": "",
                              "precautions": "anticoagulants"})
    assert db.session.scalar(db.select(Exercise.precautions).filter_by(slug=slug)) == ["anticoagulants"]
    assert 'name="precautions" value="anticoagulants" checked' in web.page(f"/library/{slug}/edit")
    refused = web.post("/library/new", own_form(precautions="flying"))
    assert refused.status_code == 422 and "must be precautions from the screening questions" in refused.get_data(
        as_text=True)

    client = api.create_client(name="Ada Lovelace", precautions=["anticoagulants"])
    api.post(f"/api/v1/clients/{client['id']}/assessments", json={
        "performed_on": "2026-11-20", "muscle_tests": [
            {"muscle": "gluteus_medius", "side": "right", "grade": 3, "inhibited": False}]})
    program = api.post(f"/api/v1/clients/{client['id']}/programs", json={"start_date": "2026-11-23"}).get_json()
    assert slug not in {i["exercise"] for w in program["weeks"] for s in w["sessions"] for i in s["items"]}
    session_id = program["weeks"][0]["sessions"][0]["id"]
    added = api.post(f"/api/v1/programs/{program['id']}/sessions/{session_id}/items", json={"exercise": slug})
    assert added.status_code == 422
    assert "anticoagulants" in added.get_json()["errors"]["exercise"]
