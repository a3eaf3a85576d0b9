"""The program builder in the web app: generate, view by week, swap, dose,
reorder, lock, remove, add, regenerate keeping locks, publish, print."""
from __future__ import annotations

import re

import pytest

from planner.extensions import db
from planner.models import Program, ProgramChange, ProgramItem

from tests.support.sms import ASSESSMENT


@pytest.fixture
def assessed(web):
    client = web.api.create_client()
    assessment = web.api.post(f"/api/v1/clients/{client['id']}/assessments", json=ASSESSMENT).get_json()
    return client | {"assessment_id": assessment["id"]}


def generate(web, client, **fields) -> Program:
    form = {"assessment_id": str(client["assessment_id"]), "start_date": "2026-12-07", "weeks": "4",
            "sessions_per_week": "3", "minutes_per_session": "20"} | fields
    response = web.post(f"/clients/{client['id']}/programs/new", form)
    assert response.status_code == 302, response.get_data(as_text=True)
    program_id = int(response.headers["Location"].rsplit("/", 1)[1])
    return db.session.get(Program, program_id)


def items_of(program: Program, week: int = 1) -> list[ProgramItem]:
    db.session.expire_all()
    return [i for s in program.sessions if s.week == week for i in s.items]


def test_generate_from_the_form_and_view_each_week(web, assessed):
    form = web.page(f"/clients/{assessed['id']}/programs/new?assessment_id={assessed['assessment_id']}")
    assert 'name="weeks"' in form and 'value="foam_roller"' in form
    program = generate(web, assessed, equipment="resistance_band")
    assert (program.status, program.weeks, program.equipment) == ("draft", 4, ["resistance_band"])
    page = web.page(f"/programs/{program.id}")
    first = items_of(program)[0]
    assert "Week 1" in page and first.exercise.name in page and first.rationale in page
    week3 = web.page(f"/programs/{program.id}?week=3")
    assert "<h2>Week 3</h2>" in week3
    assert web.get(f"/programs/{program.id}?week=9").status_code == 404


def test_generation_errors_keep_the_form(web, assessed):
    response = web.post(f"/clients/{assessed['id']}/programs/new",
                        {"assessment_id": str(assessed["assessment_id"]), "weeks": "40", "minutes_per_session": "ten",
                         "equipment": "resistance_band"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "must be at most 26" in page and "must be a whole number" in page
    assert 'value="40"' in page and 'value="ten"' in page and 'value="resistance_band" checked' in page
    assert db.session.scalar(db.select(db.func.count(Program.id))) == 0


def first_with_alternatives(program: Program) -> ProgramItem:
    """Since issue 13 the first item may be one the library offers no swap for."""
    from planner.programs.edits import alternatives
    from planner.programs.store import load_catalog

    catalog = load_catalog(program.client.trainer_id)
    return next(i for i in items_of(program) if alternatives(program, i, catalog))


def test_swap_an_item_for_an_alternative_in_this_and_following_weeks(web, assessed):
    program = generate(web, assessed)
    item = first_with_alternatives(program)
    page = web.page(f"/programs/{program.id}/items/{item.id}")
    options = re.findall(r'name="exercise" value="([a-z0-9_-]+)"', page)
    assert options, "no alternatives offered"
    assert 'class="why"' in page
    response = web.post(f"/programs/{program.id}/items/{item.id}", {"exercise": options[0], "apply_to": "following"})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"#item-{item.id}")
    db.session.expire_all()
    assert item.exercise.slug == options[0]
    later = [i for s in program.sessions if s.week > 1 and s.index == item.session.index for i in s.items
             if i.slot == item.slot]
    assert later and all(i.exercise.slug == options[0] for i in later)
    change = db.session.scalars(db.select(ProgramChange).filter_by(program_id=program.id, action="item_changed")).one()
    assert change.trainer_id == web.id and change.details["apply_to"] == "following"


def test_change_dose_reorder_lock_and_remove(web, assessed):
    program = generate(web, assessed)
    first, second = items_of(program)[:2]
    assert web.post(f"/programs/{program.id}/items/{first.id}", {"sets": "3", "rest_seconds": "45"}).status_code == 302
    assert web.post(f"/programs/{program.id}/items/{second.id}", {"position": "1"}).status_code == 302
    assert web.post(f"/programs/{program.id}/items/{first.id}", {"locked": "yes"}).status_code == 302
    db.session.expire_all()
    assert (first.sets, first.rest_seconds, first.locked) == (3, 45, True)
    assert [i.id for i in first.session.items][:2] == [second.id, first.id]
    page = web.page(f"/programs/{program.id}")
    assert "locked" in page and "Unlock" in page

    loaded = next(i for i in items_of(program) if i.reps)
    response = web.post(f"/programs/{program.id}/items/{loaded.id}", {"sets": "9", "tempo": "slow"})
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "must be at most 5 (got 9)" in text and 'value="9"' in text
    assert "tempo: write it as three numbers of seconds" in text and 'value="slow"' in text
    db.session.expire_all()
    assert loaded.sets != 9 and loaded.tempo != "slow"

    session = second.session
    assert web.post(f"/programs/{program.id}/items/{second.id}/remove").status_code == 302
    db.session.expire_all()
    assert second.id not in [i.id for i in session.items]


def test_add_an_exercise_to_a_session(web, assessed):
    program = generate(web, assessed)
    session = program.sessions[0]
    before = len(session.items)
    response = web.post(f"/programs/{program.id}/sessions/{session.id}/items", {"exercise": "no-such-exercise"})
    assert response.status_code == 302
    assert "unknown exercise" in web.page(response.headers["Location"])
    slug = web.page(f"/programs/{program.id}/items/{first_with_alternatives(program).id}")
    candidate = re.findall(r'name="exercise" value="([a-z0-9_-]+)"', slug)[0]
    assert web.post(f"/programs/{program.id}/sessions/{session.id}/items", {"exercise": candidate}).status_code == 302
    db.session.expire_all()
    assert len(session.items) == before + 1 and candidate in [i.exercise.slug for i in session.items]


def test_regenerate_keeps_locked_items_then_publish_and_print(web, assessed):
    program = generate(web, assessed)
    locked = items_of(program)[0]
    web.post(f"/programs/{program.id}/items/{locked.id}", {"locked": "yes"})
    response = web.post(f"/programs/{program.id}/regenerate", {"weeks": "6", "sessions_per_week": "3",
                                                                "minutes_per_session": "25"})
    assert response.status_code == 302
    db.session.expire_all()
    assert program.weeks == 6 and program.minutes_per_session == 25
    kept = [i for i in items_of(program) if i.locked]
    assert [(i.exercise_id, i.session.index) for i in kept] == [(locked.exercise_id, 1)]

    assert web.post(f"/programs/{program.id}/publish").status_code == 302
    db.session.expire_all()
    assert program.status == "active"
    page = web.page(f"/programs/{program.id}")
    assert ">active<" in page and "Regenerate with other settings" not in page
    # A published program cannot be regenerated; the page says why.
    response = web.post(f"/programs/{program.id}/regenerate", {"weeks": "4"})
    assert "Not regenerated" in web.page(response.headers["Location"])

    handout = web.page(f"/programs/{program.id}/handout")
    first = items_of(program)[0]
    assert "Your exercise program, Ada" in handout and first.exercise.instructions in handout
    assert handout.count("<h3>Week ") == 6
    # The handout is for the client: no findings, no rationale.
    assert first.rationale not in handout


def test_a_second_published_program_archives_the_first(web, assessed):
    first = generate(web, assessed)
    web.post(f"/programs/{first.id}/publish")
    second = generate(web, assessed)
    web.post(f"/programs/{second.id}/publish")
    db.session.expire_all()
    assert (first.status, second.status) == ("archived", "active")
    page = web.page(f"/clients/{assessed['id']}")
    assert "1 earlier program" in page
