"""Forms that speak to people (issue 14): a time zone found by its city,
every problem shown at once beside its field in plain words (never a
regular expression), and dates and times in the reader's zone and words."""
from __future__ import annotations

import html
import re
from datetime import date

import pytest

from planner.extensions import db
from planner.local_time import readable_day, readable_moment
from planner.models import Client, Message, Program, Trainer

from tests.integration.web.test_web_clients import new_client_form
from tests.support.clinical_cases import RED_FLAG_CLIENT
from tests.support.sms import ASSESSMENT

FIELD_ERROR = re.compile(r'<span class="field-error" id="([^"]+)">([^<]*)</span>')
SUMMARY = re.compile(r'<div class="errors"[^>]*>(.*?)</div>', re.S)
# What a regular expression or a schema's wording looks like in a message.
REGEX_TEXT = re.compile(r"\^|\$|\\d|\[0-9\]|\{\d+,\d+\}|expected \^|wrong format|pattern|string_")


def field_errors(page: str) -> dict[str, str]:
    return {field_id: html.unescape(text) for field_id, text in FIELD_ERROR.findall(page)}


def shown_errors(page: str) -> list[str]:
    """Every error text a person sees: beside the fields and in the summary."""
    summary = [html.unescape(re.sub(r"<[^>]+>", " ", block)) for block in SUMMARY.findall(page)]
    return list(field_errors(page).values()) + summary


def described_by_its_error(page: str, field_id: str) -> bool:
    """The control whose error has this id says it is invalid and points to it."""
    control = re.search(r'<(?:input|select|textarea|fieldset)[^>]*aria-describedby="[^"]*\b' + re.escape(field_id)
                        + r'\b[^"]*"[^>]*>', page)
    return bool(control) and 'aria-invalid="true"' in control.group(0)


# --- every error at once -------------------------------------------------------

def test_a_bad_zone_and_a_bad_phone_are_both_shown_beside_their_fields(web):
    response = web.post("/clients/new", new_client_form(phone="12", timezone="Atlantis"))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    errors = field_errors(page)
    assert "not a time zone or a city we know" in errors["timezone-error"]
    assert "phone-error" in errors
    assert described_by_its_error(page, "timezone-error") and described_by_its_error(page, "phone-error")
    assert "Please fix 2 problems" in page
    assert db.session.scalar(db.select(db.func.count(Client.id))) == 0


def test_a_phone_another_client_has_shows_with_the_other_problems(web):
    web.api.create_client(phone="+14155552671")
    response = web.post("/clients/new", new_client_form(phone="+1 415 555 2671", timezone="Atlantis",
                                                        reminder_time="7pm"))
    assert response.status_code == 422
    errors = field_errors(response.get_data(as_text=True))
    assert "already belongs to another of your clients" in errors["phone-error"]
    assert {"timezone-error", "reminder_time-error"} <= set(errors)


# --- the time-zone picker --------------------------------------------------------

def test_the_zone_picker_lists_each_zone_with_its_cities(web):
    page = web.page("/clients/new")
    assert re.search(r'<input id="f-timezone" name="timezone" type="text" list="timezone-choices"', page)
    assert re.search(r'<option value="Europe/London" label="London, Edinburgh[^"]*"', page)
    assert re.search(r'<option value="Asia/Kolkata" label="Kolkata, Mumbai, Delhi[^"]*"', page)
    assert 'list="timezone-choices"' in web.page("/account")


@pytest.mark.parametrize("typed, stored", [
    ("London", "Europe/London"),
    ("new york", "America/New_York"),
    ("Mumbai", "Asia/Kolkata"),
    ("Europe/London — London, Edinburgh", "Europe/London"),
    ("europe/berlin", "Europe/Berlin"),
])
def test_a_city_of_one_zone_is_taken_for_that_zone(web, typed, stored):
    assert web.post("/clients/new", new_client_form(timezone=typed)).status_code == 302
    assert db.session.scalar(db.select(Client.timezone)) == stored


def test_a_city_of_two_clocks_is_refused_naming_both(web):
    response = web.post("/clients/new", new_client_form(timezone="Victoria"))
    assert response.status_code == 422
    message = field_errors(response.get_data(as_text=True))["timezone-error"]
    assert "America/Vancouver" in message and "Australia/Victoria" in message


def test_the_account_page_takes_a_city_too(web):
    response = web.post("/account", {"name": "Ann Trainer", "timezone": "Sydney"})
    assert response.status_code == 302
    assert db.session.get(Trainer, web.id).timezone == "Australia/Sydney"
    response = web.post("/account", {"name": "", "timezone": "Nowhere"})
    assert response.status_code == 422
    errors = field_errors(response.get_data(as_text=True))
    assert set(errors) == {"name-error", "timezone-error"}


def test_the_api_takes_a_city_and_stores_the_zone(trainer):
    client = trainer.create_client(timezone="Paris")
    assert client["timezone"] == "Europe/Paris"


# --- plain words on every form ---------------------------------------------------

@pytest.fixture
def program(web):
    client = web.api.create_client()
    assessment = web.api.post(f"/api/v1/clients/{client['id']}/assessments", json=ASSESSMENT).get_json()
    response = web.post(f"/clients/{client['id']}/programs/new",
                        {"assessment_id": str(assessment["id"]), "start_date": "2026-12-07", "weeks": "4"})
    assert response.status_code == 302, response.get_data(as_text=True)
    program = db.session.scalar(db.select(Program).filter_by(client_id=client["id"]))
    flagged = web.api.create_client(**RED_FLAG_CLIENT["client"])
    flags = web.api.post(f"/api/v1/clients/{flagged['id']}/assessments",
                         json=RED_FLAG_CLIENT["assessment"]).get_json()
    return {"client": client["id"], "assessment": assessment["id"], "program": program,
            "flagged": f"/clients/{flagged['id']}/assessments/{flags['id']}"}


def bad_posts(ids) -> list[tuple[str, dict | list]]:
    """A bad value in each field a form takes: (path, posted fields)."""
    program, client = ids["program"], ids["client"]
    item = next(i for s in program.sessions for i in s.items if i.reps)
    return [
        ("/clients/new", new_client_form(name="", phone="12", timezone="Atlantis", reminder_time="7pm",
                                         checkin_time="25:00") + [("training_days", "someday")]),
        (f"/clients/{client}/edit", new_client_form(phone="call me", timezone="", checkin_time="7:5")),
        ("/account", {"name": "", "timezone": "Mars/Olympus"}),
        ("/account/texting", {"practice_name": "x" * 80, "sms_from_number": "not a number"}),
        ("/account/password", {"current": "wrong one", "new": "short", "confirm": "other"}),
        (f"/clients/{client}/assessments/new", {"performed_on": "30/11/2026", "grade-gluteus_medius-left": "9",
                                                 "pain-knee": "eleven", "psfs-activity-0": "stairs",
                                                 "psfs-score-0": "x"}),
        (f"{ids['flagged']}/clearance", {"cleared_by": "", "cleared_on": "soon"}),
        ("/library/new", [("name", ""), ("phase", "activate"), ("level", "9"), ("position", "standing"),
                          ("targets[0].muscle", "lower_trapezius"), ("targets[0].role", "primary"),
                          ("dosage.sets", "three"), ("dosage.reps", "10"), ("dosage.tempo", "slow"),
                          ("instructions", "")]),
        (f"/clients/{client}/programs/new", {"assessment_id": str(ids["assessment"]), "start_date": "12/07/2026",
                                              "weeks": "99", "minutes_per_session": "a lot"}),
        (f"/programs/{program.id}/items/{item.id}", {"sets": "9", "reps": "0", "tempo": "3/1/2",
                                                      "rest_seconds": "-1", "side": "middle"}),
        (f"/programs/{program.id}/regenerate", {"weeks": "0", "start_date": "tomorrow"}),
        (f"/clients/{client}/checkins", {"date": "yesterday", "pain": "11", "exercise_pain": "x"}),
        (f"/clients/{client}/messages", {"body": ""}),
    ]


def test_every_form_answers_bad_values_in_plain_words_beside_each_field(web, program):
    for path, fields in bad_posts(program):
        response = web.post(path, fields)
        assert response.status_code in (409, 422, 429), (path, response.status_code)
        page = response.get_data(as_text=True)
        errors = field_errors(page)
        assert errors, f"{path}: no error beside a field"
        for field_id in errors:
            assert described_by_its_error(page, field_id), f"{path}: no control points to {field_id}"
        for text in shown_errors(page):
            assert not REGEX_TEXT.search(text), f"{path}: {text!r}"


def test_sign_in_with_a_wrong_password_marks_both_fields(http, make_trainer):
    from tests.support.web import sign_in_from

    make_trainer()
    response = sign_in_from(http, "127.0.0.9", "ann@clinic.example", "not the password")
    page = response.get_data(as_text=True)
    assert response.status_code in (401, 422, 429)
    assert page.count('aria-invalid="true" aria-describedby="signin-error"') == 2
    assert not REGEX_TEXT.search(re.search(r'id="signin-error">([^<]*)<', page).group(1))


# --- dates and times people read -------------------------------------------------

def test_the_conversation_and_lists_show_readable_times_in_the_trainers_zone(web, program):
    assert web.post("/account", {"name": "Ann Trainer", "timezone": "Tokyo"}).status_code == 302
    client_id = program["client"]
    web.post(f"/clients/{client_id}/messages", {"body": "See you Thursday."})
    message = db.session.scalar(db.select(Message).filter_by(client_id=client_id, kind="manual"))
    page = web.page(f"/clients/{client_id}")
    shown = readable_moment(message.created_at, "Asia/Tokyo")
    assert re.fullmatch(r"[A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d", shown)
    assert f"Sent {shown}" in page
    assert readable_day(date.fromisoformat(ASSESSMENT["performed_on"])) in page  # the assessments list
    assert not re.search(r">\s*\d{4}-\d\d-\d\d\s*<", page)  # no ISO date as text
    report = web.page(f"/clients/{client_id}/report")
    assert not re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d", report)
