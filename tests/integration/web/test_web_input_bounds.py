"""No input crashes a page: numbers in other scripts or of thousands of
digits, implausible dates, NUL in names, phone extensions and oversized
text are refused beside their field with what was typed kept (or, where a
query string only picks a view, fall back to the default view), and
nothing is written."""
from __future__ import annotations

import html
import re
from datetime import date, timedelta

import pytest

from planner.extensions import db
from planner.messaging.session_links import session_link_token
from planner.messaging.settings import SmsSettings
from planner.models import Assessment, CheckIn, Client, Exercise, Message, Program

from tests.support.database import statements_with_nul
from tests.support.sms import ASSESSMENT, active_client
from tests.support.web import WebTrainer, csrf_token_in

# isdigit() takes all three; int() refuses the first two and, past 4,300
# digits, the third.
STRANGE_NUMBERS = ["²", "¹⁰", "5" * 5000]
FAR_DATES = [("0001-01-01", "is before 1900-01-01"), ("9999-12-20", "is too far in the future")]
EXTENSION = "+1 415 555 2671 ext 5"


def error_beside(page: str, name: str) -> str:
    """The message shown next to the input `name`, which points at it."""
    ident = name.replace(".", "-").replace("[", "-").replace("]", "")
    match = re.search(rf'<span class="field-error" id="{re.escape(ident)}-error">([^<]*)</span>', page)
    assert match, f"no error beside {name}"
    assert f'aria-describedby="{ident}-error"' in page
    return html.unescape(match.group(1))


def count(model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


@pytest.fixture
def assessed(web):
    client = web.api.create_client()
    assessment = web.api.post(f"/api/v1/clients/{client['id']}/assessments", json=ASSESSMENT).get_json()
    return client | {"assessment_id": assessment["id"]}


# --- the client's session page ------------------------------------------------

def _monday_past() -> str:
    """A Monday whose session is already due, wherever the clock is."""
    today = date.today() - timedelta(days=1)
    return (today - timedelta(days=today.weekday())).isoformat()


@pytest.mark.parametrize("pain", STRANGE_NUMBERS)
def test_the_session_pages_done_form_refuses_numbers_it_cannot_read(app, http, trainer, pain):
    client = active_client(trainer, _monday_past(), ["mon"])
    session_id = client["program"]["weeks"][0]["sessions"][0]["id"]
    with app.test_request_context():
        token = session_link_token(client["id"], session_id, SmsSettings.from_config(app.config))
    response = http.post(f"/s/{token}/done", data={"pain": pain})
    assert response.status_code == 422
    assert "Pain must be a whole number from 0 to 10." in response.get_data(as_text=True)
    assert count(CheckIn) == 0
    assert http.post(f"/s/{token}/done", data={"pain": "4"}).status_code == 303
    assert db.session.scalar(db.select(CheckIn.pain)) == 4


# --- the client page's forms --------------------------------------------------

@pytest.mark.parametrize("field, value, message", [("pain", n, "must be a whole number from 0 to 10")
                                                   for n in STRANGE_NUMBERS]
                         + [("date", d, m) for d, m in FAR_DATES])
def test_the_check_in_form_refuses_unreadable_pain_and_far_dates(web, field, value, message):
    client = web.api.create_client()
    form = {"date": "2026-11-20", "pain": "3", "done": "yes"} | {field: value}
    response = web.post(f"/clients/{client['id']}/checkins", form)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert message in error_beside(page, field)
    assert f'value="{value}"' in page  # what was typed is kept
    assert count(CheckIn) == 0


def test_the_message_box_refuses_control_characters(web):
    client = web.api.create_client()
    with statements_with_nul() as reached:
        response = web.post(f"/clients/{client['id']}/messages", {"body": "See you\x00 Thursday"})
    assert response.status_code == 422
    assert "found NUL at character 8" in error_beside(response.get_data(as_text=True), "body")
    assert reached == [] and count(Message) == 0


@pytest.mark.parametrize("path", ["/clients/new", "EDIT"])
def test_the_client_form_refuses_nul_in_the_name_and_a_phone_extension(web, path):
    if path == "EDIT":
        path = f"/clients/{web.api.create_client(name='Bo Before')['id']}/edit"
    before = count(Client)
    with statements_with_nul() as reached:
        response = web.post(path, {"name": "Ada\x00Lovelace", "phone": EXTENSION, "timezone": "America/New_York",
                                   "reminder_time": "07:30", "checkin_time": "19:00", "training_days": "mon"})
    assert response.status_code == 422 and reached == []
    page = response.get_data(as_text=True)
    assert "must not contain control characters (found NUL at character 4)" in error_beside(page, "name")
    assert "has an extension (5)" in error_beside(page, "phone")
    assert f'value="{EXTENSION}"' in page
    assert count(Client) == before
    assert all("\x00" not in name for name in db.session.scalars(db.select(Client.name)))


def test_the_account_page_refuses_nul_in_the_name(web):
    with statements_with_nul() as reached:
        response = web.post("/account", {"name": "Ann\x00", "timezone": "Europe/Paris"})
    assert response.status_code == 422 and reached == []
    assert "found NUL" in error_beside(response.get_data(as_text=True), "name")


def test_search_boxes_and_sign_in_never_hand_nul_to_the_database(web, app):
    web.api.create_client()
    with statements_with_nul() as reached:
        assert "Ada Lovelace" in web.page("/clients?q=Ada%00")
        assert "Glute bridge" in web.page("/library/?q=glute%00+bridge")
        stranger = WebTrainer(app.test_client(), 0, "", "")
        stranger.csrf = csrf_token_in(stranger.get("/signin").get_data(as_text=True))
        response = stranger.post("/signin", {"email": "ann@clinic\x00.example", "password": "wrong"})
        assert response.status_code == 401
    assert reached == []


# --- assessments and programs ---------------------------------------------------

@pytest.mark.parametrize("field, value, message", [("performed_on", d, m) for d, m in FAR_DATES]
                         + [("grade-gluteus_medius-left", n, "must be a whole number from 0 to 5")
                            for n in STRANGE_NUMBERS]
                         + [("pain-knee", n, "must be a whole number from 0 to 10") for n in STRANGE_NUMBERS])
def test_the_assessment_form_refuses_far_dates_and_unreadable_numbers(web, field, value, message):
    client = web.api.create_client()
    form = {"performed_on": "2026-11-20", "grade-gluteus_medius-left": "3", "pain-knee": "4"} | {field: value}
    response = web.post(f"/clients/{client['id']}/assessments/new", form)
    assert response.status_code == 422
    assert message in error_beside(response.get_data(as_text=True), field)
    assert count(Assessment) == 0


@pytest.mark.parametrize("field, value, message", [("start_date", d, m) for d, m in FAR_DATES]
                         + [("weeks", n, "must be a whole number (got '") for n in STRANGE_NUMBERS])
def test_the_program_form_refuses_far_start_dates_and_unreadable_numbers(web, assessed, field, value, message):
    form = {"assessment_id": str(assessed["assessment_id"]), "start_date": "2026-12-07", "weeks": "4",
            "sessions_per_week": "3", "minutes_per_session": "20"} | {field: value}
    response = web.post(f"/clients/{assessed['id']}/programs/new", form)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert message in error_beside(page, field)
    assert f'value="{value}"' in page
    assert count(Program) == 0


def test_regenerating_refuses_a_far_start_date(web, assessed):
    program = web.api.post(f"/api/v1/clients/{assessed['id']}/programs", json={"start_date": "2026-12-07"})
    program_id = program.get_json()["id"]
    for day, message in FAR_DATES:
        response = web.post(f"/programs/{program_id}/regenerate", {"start_date": day, "weeks": "6"})
        assert response.status_code == 422
        assert message in error_beside(response.get_data(as_text=True), "start_date")
    db.session.expire_all()
    assert db.session.get(Program, program_id).start_date.isoformat() == "2026-12-07"


@pytest.mark.parametrize("value", STRANGE_NUMBERS + ["0", "-1"])
def test_numbers_that_only_pick_a_view_fall_back_to_the_default(web, assessed, value):
    program = web.api.post(f"/api/v1/clients/{assessed['id']}/programs", json={"start_date": "2026-12-07"})
    page = web.page(f"/programs/{program.get_json()['id']}?week={value}")
    assert "<h2>Week 1</h2>" in page
    assert "Ada Lovelace" in web.page(f"/dashboard?page={value}")


# --- the exercise library ----------------------------------------------------------

@pytest.mark.parametrize("level", STRANGE_NUMBERS)
def test_the_library_filter_names_an_unreadable_level_and_still_lists(web, level):
    page = web.page(f"/library/?level={level}&page={level}")
    assert "must be a level from 1 to 5" in page and "Page 1 of" in page


def own_form(**changes) -> list[tuple[str, str]]:
    form = {"name": "Wall slide with lift-off", "phase": "activate", "level": "2", "position": "standing",
            "targets[0].muscle": "lower_trapezius", "targets[0].role": "primary",
            "dosage.sets": "2", "dosage.reps": "10", "dosage.tempo": "3-1-2", "dosage.rest_seconds": "30",
            "instructions": "Forearms on the wall, slide up, then lift the hands off an inch.",
            "cues": "Ribs down"} | changes
    return list(form.items())


def own_exercises() -> int:
    return db.session.scalar(db.select(db.func.count(Exercise.id)).where(Exercise.trainer_id.is_not(None)))


@pytest.mark.parametrize("field, value, message", [
    *[("level", n, "must be a whole number (got '") for n in STRANGE_NUMBERS],
    *[("dosage.sets", n, "must be a whole number (got '") for n in STRANGE_NUMBERS],
    ("dosage.tempo", "٣-١-٢", "must be eccentric-pause-concentric seconds"),
    ("name", "Wall\x00slide", "must not contain control characters (found NUL at character 5)"),
    ("instructions", "Slide. " * 30_000, "must be at most 2000 characters"),  # 210 KB
    ("cues", "Ribs down\n" + "Breathe " * 20, "cue 2: must be at most 120 characters"),
])
def test_the_own_exercise_form_refuses_unreadable_numbers_control_characters_and_long_text(
        web, field, value, message):
    with statements_with_nul() as reached:
        response = web.post("/library/new", own_form(**{field: value}))
    assert response.status_code == 422 and reached == []
    page = response.get_data(as_text=True)
    assert message in error_beside(page, field)
    assert own_exercises() == 0


def test_target_rows_the_form_never_offers_are_ignored(web):
    response = web.post("/library/new", own_form(**{"targets[" + "5" * 5000 + "].muscle": "serratus_anterior",
                                                    "targets[١].muscle": "serratus_anterior"}))
    assert response.status_code == 302
    exercise = db.session.scalar(db.select(Exercise).where(Exercise.trainer_id.is_not(None)))
    assert [t.muscle_slug for t in exercise.targets] == ["lower_trapezius"]


@pytest.mark.parametrize("path", ["/library/glute%00bridge", "/library/glute_bridge%01/edit", "/s/abc%00def"])
def test_a_path_with_a_control_character_is_404(web, path):
    with statements_with_nul() as reached:
        assert web.get(path).status_code == 404
    assert reached == []


# --- the SMS simulator -------------------------------------------------------------

def test_the_simulator_reads_only_real_ids(web, app, monkeypatch):
    monkeypatch.setitem(app.config, "SMS_TRANSPORT", "console")
    client = web.api.create_client()
    for text in ("²", str(2**70), "5" * 5000):
        assert "Ada Lovelace" in web.page(f"/simulator/?client_id={text}")  # the first client, as with none
        assert web.post("/simulator/reply", {"client_id": text, "body": "3 y"}).status_code == 404
    assert web.post("/simulator/reply", {"client_id": str(client["id"]), "body": "3 y"}).status_code == 302
