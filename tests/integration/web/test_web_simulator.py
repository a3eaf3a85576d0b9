"""The SMS simulator: in console mode a person replies as a client, and the
reply takes the real, signed inbound path to a check-in."""
from __future__ import annotations

import pytest

from planner.extensions import db
from planner.models import CheckIn, Client, Message

from tests.support.waiting import drain


@pytest.fixture
def console_mode(app, monkeypatch):
    monkeypatch.setitem(app.config, "SMS_TRANSPORT", "console")


def test_the_simulator_exists_only_in_console_mode(web):
    assert web.get("/simulator/").status_code == 404
    assert "SMS simulator" not in web.page("/dashboard")


def test_a_reply_through_the_simulator_becomes_a_check_in(web, console_mode, worker, broker):
    client = web.api.create_client()
    page = web.page(f"/simulator/?client_id={client['id']}")
    assert "Ada Lovelace’s phone" in page and "SMS simulator" in web.page("/dashboard")
    response = web.post("/simulator/reply", {"client_id": str(client["id"]), "body": "3 y"})
    assert response.status_code == 302
    drain(broker, worker)
    inbound = db.session.scalar(db.select(Message).filter_by(client_id=client["id"], direction="inbound"))
    assert inbound.body == "3 y" and inbound.twilio_sid.startswith("SM")
    checkin = db.session.scalar(db.select(CheckIn).filter_by(client_id=client["id"]))
    assert (checkin.pain, checkin.done, checkin.source, checkin.message_id) == (3, True, "sms", inbound.id)
    assert "3 y" in web.page(f"/simulator/?client_id={client['id']}")


def test_stop_through_the_simulator_opts_the_client_out(web, console_mode, worker, broker):
    client = web.api.create_client()
    web.post("/simulator/reply", {"client_id": str(client["id"]), "body": "STOP"})
    drain(broker, worker)
    assert db.session.get(Client, client["id"]).sms_opted_out
    assert "Opted out of SMS" in web.page("/dashboard")


def test_help_gets_its_answer_at_once(web, console_mode):
    client = web.api.create_client()
    response = web.post("/simulator/reply", {"client_id": str(client["id"]), "body": "HELP"})
    assert "Immediate answer" in web.page(response.headers["Location"])


def test_the_simulator_cannot_speak_for_another_trainers_client(make_web_trainer, console_mode):
    ann = make_web_trainer()
    bob = make_web_trainer(email="bob@clinic.example", name="Bob")
    client = ann.api.create_client()
    assert bob.post("/simulator/reply", {"client_id": str(client["id"]), "body": "3 y"}).status_code == 404
    assert "Ada Lovelace" not in bob.page(f"/simulator/?client_id={client['id']}")
    assert db.session.scalar(db.select(db.func.count(Message.id))) == 0


def test_a_number_two_clients_share_cannot_be_simulated(make_web_trainer, console_mode):
    ann = make_web_trainer()
    bob = make_web_trainer(email="bob@clinic.example", name="Bob")
    anns = ann.api.create_client(phone="+14155552671")
    bob.api.create_client(name="Bob's Client", phone="+14155552671")
    response = ann.post("/simulator/reply", {"client_id": str(anns["id"]), "body": "STOP"})
    assert "belongs to more than one client" in ann.page(response.headers["Location"])
    assert db.session.scalar(db.select(db.func.count(Message.id))) == 0
    assert not any(c.sms_opted_out for c in db.session.scalars(db.select(Client)))


def test_the_simulator_is_off_in_production(web, console_mode, app, monkeypatch):
    monkeypatch.setitem(app.config, "PLANNER_ENV", "production")
    assert web.get("/simulator/").status_code == 404
