"""Twilio's webhooks take whatever a signed request carries without a
crash: status callbacks apply only to outbound messages, never change a
final status and skip (with a log line) what they cannot read; an inbound
body longer than Twilio's 1,600 characters is stored cut and read safely."""
from __future__ import annotations

import logging
from datetime import datetime

import pytest

from planner.extensions import db
from planner.models import CheckIn, Message

from tests.support.database import statements_with_nul
from tests.support.sms import active_client, inbound, sign
from tests.support.waiting import drain

FINAL = ["delivered", "undelivered", "failed", "canceled"]


@pytest.fixture
def reminder(trainer, worker, broker, fake_twilio):
    """The outbound reminder Twilio accepted (status "queued"), with its SID."""
    from workers.scheduler import tick

    client = active_client(trainer, "2026-03-02", ["mon"])
    tick(datetime(2026, 3, 2, 13, 0))
    drain(broker, worker)
    message = db.session.scalar(db.select(Message).filter_by(direction="outbound"))
    assert message.status == "queued" and message.twilio_sid
    return client | {"message_id": message.id, "sid": message.twilio_sid}


def callback(app, http, **params):
    response = http.post("/sms/status", data=params, headers=sign(app, "/sms/status", params))
    assert response.status_code == 204
    db.session.expire_all()


def stored(message_id: int) -> Message:
    return db.session.get(Message, message_id)


def test_a_malformed_error_code_is_skipped_with_a_log_line_and_the_status_applied(app, http, reminder, caplog):
    with caplog.at_level(logging.WARNING, logger="planner.web.twilio_webhooks"):
        callback(app, http, MessageSid=reminder["sid"], MessageStatus="undelivered", ErrorCode="abc")
    message = stored(reminder["message_id"])
    assert (message.status, message.error_code) == ("undelivered", None)
    assert "ignored the malformed ErrorCode 'abc'" in caplog.text
    assert reminder["sid"] in caplog.text


@pytest.mark.parametrize("code", ["²", "5" * 5000, "-3", "30003.5"])
def test_error_codes_are_read_as_plain_bounded_digits(app, http, reminder, code):
    callback(app, http, MessageSid=reminder["sid"], MessageStatus="failed", ErrorCode=code)
    assert (stored(reminder["message_id"]).status, stored(reminder["message_id"]).error_code) == ("failed", None)


def test_an_unknown_status_is_skipped_with_a_log_line(app, http, reminder, caplog):
    with caplog.at_level(logging.WARNING, logger="planner.web.twilio_webhooks"):
        callback(app, http, MessageSid=reminder["sid"], MessageStatus="exploded")
    assert stored(reminder["message_id"]).status == "queued"
    assert "ignored the unknown status 'exploded'" in caplog.text


@pytest.mark.parametrize("final", FINAL)
def test_a_final_status_never_changes(app, http, reminder, final):
    callback(app, http, MessageSid=reminder["sid"], MessageStatus=final)
    for later in [s for s in FINAL if s != final] + ["sent", "queued"]:
        callback(app, http, MessageSid=reminder["sid"], MessageStatus=later, ErrorCode="30003")
    message = stored(reminder["message_id"])
    assert (message.status, message.error_code) == (final, None)


def test_a_failed_after_delivered_leaves_delivered_and_does_not_opt_out(app, http, reminder, trainer):
    callback(app, http, MessageSid=reminder["sid"], MessageStatus="delivered")
    callback(app, http, MessageSid=reminder["sid"], MessageStatus="failed", ErrorCode="21610")
    shown = trainer.get(f"/api/v1/clients/{reminder['id']}/messages").get_json()[0]
    assert (shown["status"], shown["error_code"]) == ("delivered", None)
    assert trainer.get(f"/api/v1/clients/{reminder['id']}").get_json()["sms_opted_out"] is False


def test_a_callback_with_an_inbound_messages_sid_changes_nothing(app, http, reminder, worker, broker):
    inbound(http, app, reminder["phone"], "3 y", "SM-inbound-1")
    drain(broker, worker)
    before = db.session.scalar(db.select(Message).filter_by(twilio_sid="SM-inbound-1"))
    assert before.status == "processed"
    callback(app, http, MessageSid="SM-inbound-1", MessageStatus="failed", ErrorCode="21610")
    after = stored(before.id)
    assert (after.direction, after.status, after.error_code) == ("inbound", "processed", None)
    assert db.session.scalar(db.select(CheckIn.pain)) == 3


def test_a_5000_digit_sms_is_stored_cut_to_1600_and_processed(app, http, reminder, worker, broker, fake_twilio):
    response = inbound(http, app, reminder["phone"], "5" * 5000, "SM-digits")
    assert response.status_code == 200
    drain(broker, worker)
    message = db.session.scalar(db.select(Message).filter_by(twilio_sid="SM-digits"))
    assert (message.status, message.kind, message.body) == ("processed", "unparsed", "5" * 1600)
    assert db.session.scalar(db.select(db.func.count(CheckIn.id))) == 0
    assert "What was your pain today, from 0 to 10" in fake_twilio.bodies_to(reminder["phone"])[-1]


@pytest.mark.parametrize("body, done", [("²", None), ("¹⁰ y", True), ("٣ y", True)])
def test_numbers_in_other_scripts_are_left_for_the_trainer(app, http, reminder, worker, broker, body, done):
    inbound(http, app, reminder["phone"], body, "SM-script")
    drain(broker, worker)
    message = db.session.scalar(db.select(Message).filter_by(twilio_sid="SM-script"))
    assert (message.status, message.kind) == ("processed", "unparsed")
    # No pain score read from them; a clear "y" beside them is kept.
    assert db.session.execute(db.select(CheckIn.pain, CheckIn.done)).all() == ([(None, True)] if done else [])


def test_a_nul_in_an_sms_body_is_stored_as_a_replacement_character(app, http, reminder, worker, broker):
    with statements_with_nul() as reached:
        assert inbound(http, app, reminder["phone"], "3\x00 y", "SM-nul").status_code == 200
        drain(broker, worker)
    assert reached == []
    message = db.session.scalar(db.select(Message).filter_by(twilio_sid="SM-nul"))
    assert (message.body, message.status) == ("3\ufffd y", "processed")
