"""The account page's "Texts to your clients": the practice's name and its
own sender number, checked with every problem named beside its field."""
from __future__ import annotations

import html

from planner.extensions import db
from planner.models import Trainer


def test_the_practice_name_and_sender_number_are_saved_and_shown(web):
    page = web.page("/account")
    assert 'name="practice_name"' in page and 'placeholder="Ann Trainer"' in page
    response = web.post("/account/texting", {"practice_name": "  Ann Physio ", "sms_from_number": "+1 415 555 0101"})
    assert response.status_code == 302
    trainer = db.session.get(Trainer, web.id)
    assert (trainer.practice_name, trainer.sms_from_number, trainer.practice) == ("Ann Physio", "+14155550101",
                                                                                  "Ann Physio")
    page = web.page("/account")
    assert 'value="Ann Physio"' in page and 'value="+14155550101"' in page
    assert web.post("/account/texting", {"practice_name": "", "sms_from_number": ""}).status_code == 302
    db.session.expire_all()
    assert (trainer.practice_name, trainer.sms_from_number, trainer.practice) == (None, None, "Ann Trainer")


def test_every_problem_is_named_beside_its_field_and_what_was_typed_is_kept(web):
    long_name = "The Corrective Exercise and Physiotherapy Centre"
    response = web.post("/account/texting", {"practice_name": long_name, "sms_from_number": "555-01"})
    assert response.status_code == 422
    page = html.unescape(response.get_data(as_text=True))
    assert 'id="practice_name-error"' in page and "must be at most 40 characters" in page
    assert f"(it has {len(long_name)})" in page
    assert 'id="sms_from_number-error"' in page and "'555-01' needs its country code" in page
    assert f'value="{long_name}"' in page and 'value="555-01"' in page
    trainer = db.session.get(Trainer, web.id)
    assert (trainer.practice_name, trainer.sms_from_number) == (None, None)  # nothing half-written


def test_the_shared_number_and_another_practices_number_are_refused(make_web_trainer, app):
    ann = make_web_trainer()
    bob = make_web_trainer(email="bob@gym.example", name="Bob")
    assert ann.post("/account/texting", {"practice_name": "", "sms_from_number": "+14155550101"}).status_code == 302
    taken = bob.post("/account/texting", {"practice_name": "Bob Gym", "sms_from_number": "+14155550101"})
    assert taken.status_code == 422
    assert "already sends another practice's texts" in html.unescape(taken.get_data(as_text=True))
    shared = app.config["TWILIO_FROM_NUMBER"]
    response = bob.post("/account/texting", {"practice_name": "Bob Gym", "sms_from_number": shared})
    assert response.status_code == 422
    assert f"{shared} is the planner's shared number: leave this empty" in html.unescape(
        response.get_data(as_text=True))
    assert db.session.get(Trainer, bob.id).practice_name is None
