"""Replies, keywords and delivery statuses through Twilio's signed webhooks;
the client's session page; the conversation and check-ins in the API."""
from datetime import datetime, timedelta

import pytest

from planner.extensions import db
from planner.models import CheckIn, Client, Message
from workers.scheduler import tick

from tests.support.sms import active_client, inbound, reminded_an_hour_ago, sign
from tests.support.waiting import drain



@pytest.fixture
def reminded(trainer, worker, broker, fake_twilio):
    return reminded_an_hour_ago(trainer, broker, worker)


def messages(direction=None):
    query = db.select(Message).order_by(Message.id)
    if direction:
        query = query.where(Message.direction == direction)
    return list(db.session.scalars(query))


@pytest.mark.parametrize("body, pain, done", [("3 y", 3, True), ("y 3", 3, True), ("7/10", 7, None),
                                              ("pain 7", 7, None), ("seven", 7, None), ("done", None, True),
                                              ("skipped", None, False)])
def test_a_reply_becomes_the_days_checkin(app, http, reminded, worker, broker, fake_twilio, body, pain, done):
    response = inbound(http, app, reminded["phone"], body, "SM-reply-1")
    assert response.status_code == 200 and response.mimetype == "text/xml"
    assert "<Response" in response.get_data(as_text=True)
    drain(broker, worker)
    checkin = db.session.scalar(db.select(CheckIn))
    assert (checkin.client_id, checkin.date.isoformat(), checkin.pain, checkin.done, checkin.source) == (
        reminded["id"], reminded["today"], pain, done, "sms")
    assert checkin.program_session_id is not None and checkin.message_id == messages("inbound")[0].id
    assert fake_twilio.bodies_to(reminded["phone"])[-1] == "Thanks, noted."


def test_a_later_reply_completes_the_same_checkin(app, http, reminded, worker, broker):
    inbound(http, app, reminded["phone"], "4", "SM-a")
    drain(broker, worker)
    inbound(http, app, reminded["phone"], "y", "SM-b")
    drain(broker, worker)
    rows = list(db.session.scalars(db.select(CheckIn)))
    assert [(c.pain, c.done) for c in rows] == [(4, True)]


def test_a_replayed_message_sid_is_stored_once(app, http, reminded, worker, broker):
    for _ in range(3):
        assert inbound(http, app, reminded["phone"], "3 y", "SM-same").status_code == 200
    drain(broker, worker)
    assert len(messages("inbound")) == 1
    assert db.session.scalar(db.select(db.func.count(CheckIn.id))) == 1
    assert sum(1 for m in messages("outbound") if m.kind == "confirmation") == 1


def test_a_forged_or_missing_signature_is_403_and_stores_nothing(app, http, reminded):
    before = len(messages())
    assert inbound(http, app, reminded["phone"], "3 y", "SM-forged", signed=False).status_code == 403
    params = {"MessageSid": "SM-forged", "From": reminded["phone"], "Body": "3 y"}
    forged = {"X-Twilio-Signature": sign(app, "/sms/inbound", params | {"Body": "9 n"})["X-Twilio-Signature"]}
    assert http.post("/sms/inbound", data=params, headers=forged).status_code == 403
    # Signed for another address than PUBLIC_BASE_URL: not Twilio's request either.
    app.config["PUBLIC_BASE_URL"], real = "https://elsewhere.example", app.config["PUBLIC_BASE_URL"]
    try:
        headers = sign(app, "/sms/inbound", params)
    finally:
        app.config["PUBLIC_BASE_URL"] = real
    assert http.post("/sms/inbound", data=params, headers=headers).status_code == 403
    assert len(messages()) == before


def test_an_unparseable_reply_is_kept_and_answered_with_a_question(app, http, reminded, worker, broker, fake_twilio):
    inbound(http, app, reminded["phone"], "my knee is sore after stairs", "SM-odd")
    drain(broker, worker)
    stored = messages("inbound")[0]
    assert (stored.kind, stored.body) == ("unparsed", "my knee is sore after stairs")
    assert "What was your pain today, from 0 to 10" in fake_twilio.bodies_to(reminded["phone"])[-1]
    assert db.session.scalar(db.select(db.func.count(CheckIn.id))) == 0


def test_a_number_from_no_client_gets_a_polite_reply(app, http, reminded):
    response = inbound(http, app, "+14155559999", "3 y", "SM-stranger")
    assert "not linked to a training plan" in response.get_data(as_text=True)
    stored = [m for m in messages("inbound") if m.from_number == "+14155559999"]
    assert len(stored) == 1 and stored[0].client_id is None


@pytest.mark.parametrize("word", ["STOP", "stopall", "Unsubscribe", "CANCEL", "end", "QUIT"])
def test_stop_words_opt_out_and_nothing_more_is_sent(app, http, reminded, worker, broker, fake_twilio, word,
                                                    trainer):
    response = inbound(http, app, reminded["phone"], word, f"SM-{word}")
    assert "<Message>" not in response.get_data(as_text=True)  # Twilio confirms STOP itself
    client = db.session.get(Client, reminded["id"])
    assert client.sms_opted_out_at is not None
    shown = trainer.get(f"/api/v1/clients/{reminded['id']}").get_json()
    assert shown["sms_opted_out"] is True and shown["sms_opted_out_at"]
    sent_before = len(fake_twilio.sent)
    assert tick(reminded["now"] + timedelta(days=7)).enqueued_ids == []  # next week's reminder
    response = trainer.post(f"/api/v1/clients/{reminded['id']}/messages", json={"body": "Are you OK?"})
    assert response.status_code == 409
    drain(broker, worker)
    assert len(fake_twilio.sent) == sent_before


@pytest.mark.parametrize("word", ["START", "UNSTOP", "YES"])
def test_start_words_opt_back_in(app, http, reminded, worker, broker, word):
    inbound(http, app, reminded["phone"], "STOP", "SM-stop")
    response = inbound(http, app, reminded["phone"], word, "SM-start")
    assert "training reminders again" in response.get_data(as_text=True)
    assert db.session.get(Client, reminded["id"]).sms_opted_out_at is None
    assert tick(reminded["now"] + timedelta(days=7)).enqueued_ids != []


def test_yes_from_a_subscribed_client_means_done(app, http, reminded, worker, broker):
    inbound(http, app, reminded["phone"], "YES", "SM-yes")
    drain(broker, worker)
    assert db.session.scalar(db.select(CheckIn.done)) is True


def test_help_gets_the_help_text(app, http, reminded):
    response = inbound(http, app, reminded["phone"], "HELP", "SM-help")
    assert "Reply STOP to stop" in response.get_data(as_text=True)


def test_status_callbacks_update_delivery(app, http, reminded, trainer):
    message = messages("outbound")[0]
    for status in ("sending", "sent", "sending"):  # a late "sending" must not undo "sent"
        params = {"MessageSid": message.twilio_sid, "MessageStatus": status}
        assert http.post("/sms/status", data=params, headers=sign(app, "/sms/status", params)).status_code == 204
    db.session.expire_all()
    assert db.session.get(Message, message.id).status == "sent"
    params = {"MessageSid": message.twilio_sid, "MessageStatus": "undelivered", "ErrorCode": "30003"}
    assert http.post("/sms/status", data=params).status_code == 403  # unsigned
    http.post("/sms/status", data=params, headers=sign(app, "/sms/status", params))
    db.session.expire_all()
    shown = trainer.get(f"/api/v1/clients/{reminded['id']}/messages").get_json()[0]
    assert (shown["status"], shown["error_code"]) == ("undelivered", 30003)


def test_session_page_guides_the_session_and_records_done(app, http, reminded, fake_twilio):
    link = fake_twilio.bodies_to(reminded["phone"])[0].split("Your session: ")[1]
    path = link.removeprefix(app.config["PUBLIC_BASE_URL"])
    page = http.get(path).get_data(as_text=True)
    assert "data-countdown" in page and "data-tick" in page and "I did my session" in page
    first = reminded["program"]["weeks"][0]["sessions"][0]["items"][0]
    assert first["name"] in page
    done = f"{path}/days/{reminded['today']}/done"
    assert http.post(done, data={"pain": "11"}).status_code == 422
    assert http.post(done, data={"pain": "4"}).status_code == 303
    checkin = db.session.scalar(db.select(CheckIn))
    assert (checkin.pain, checkin.done, checkin.source, checkin.date.isoformat()) == (4, True, "session_page",
                                                                                     reminded["today"])


def test_session_links_cannot_be_forged_or_reused_for_someone_else(app, http, reminded, trainer):
    from planner.messaging.session_links import session_link_token
    from planner.messaging.settings import SmsSettings

    other = active_client(trainer, reminded["today"], ["mon"], phone="+14155552672", name="Bo Other")
    their_session = other["program"]["weeks"][0]["sessions"][0]["id"]
    with app.test_request_context():
        mixed = session_link_token(reminded["id"], their_session, SmsSettings.from_config(app.config))
    assert http.get(f"/s/{mixed}").status_code == 404
    assert http.get("/s/not-a-token").status_code == 404
    link = messages("outbound")[0].body.split("Your session: ")[1].removeprefix(app.config["PUBLIC_BASE_URL"])
    assert http.get(link[:-2] + "xx").status_code == 404
    # An older daily link opens the page until it expires.
    session = reminded["program"]["weeks"][0]["sessions"][0]["id"]
    with app.test_request_context():
        daily = f"/s/{session_link_token(reminded['id'], session, SmsSettings.from_config(app.config))}"
    assert http.get(daily).status_code == 303
    app.config["SESSION_LINK_MAX_AGE_HOURS"] = 0
    try:
        import time
        time.sleep(1.1)
        assert http.get(daily).status_code == 404  # expired
    finally:
        app.config["SESSION_LINK_MAX_AGE_HOURS"] = 36


def test_conversation_and_manual_message(app, http, reminded, trainer, worker, broker, fake_twilio):
    inbound(http, app, reminded["phone"], "3 y", "SM-c1")
    drain(broker, worker)
    response = trainer.post(f"/api/v1/clients/{reminded['id']}/messages", json={"body": "Great work this week!"})
    assert response.status_code == 201 and response.get_json()["status"] == "pending"
    drain(broker, worker)
    conversation = trainer.get(f"/api/v1/clients/{reminded['id']}/messages").get_json()
    assert [(m["direction"], m["kind"]) for m in conversation] == [
        ("outbound", "reminder"), ("inbound", "reply"), ("outbound", "confirmation"), ("outbound", "manual")]
    assert conversation[-1]["status"] == "queued"
    assert fake_twilio.bodies_to(reminded["phone"])[-1] == "Great work this week!"
    assert trainer.post(f"/api/v1/clients/{reminded['id']}/messages", json={"body": ""}).status_code == 422


def test_trainer_checkins(reminded, trainer):
    base = f"/api/v1/clients/{reminded['id']}/checkins"
    created = trainer.post(base, json={"date": "2026-03-02", "pain": 5, "done": False})  # a past day
    assert created.status_code == 201
    assert created.get_json() | {"id": 0} == {"id": 0, "date": "2026-03-02", "pain": 5, "done": False,
                                              "exercise_pain": None, "morning_pain": None,
                                              "source": "trainer", "message_id": None}
    tomorrow = (datetime.utcnow() + timedelta(days=2)).date().isoformat()
    future = trainer.post(base, json={"date": tomorrow, "pain": 5})
    assert future.status_code == 422 and "future" in future.get_json()["errors"]["date"]
    assert trainer.post(base, json={"date": "2026-03-03", "pain": 12}).status_code == 422
    assert [c["date"] for c in trainer.get(base).get_json()] == ["2026-03-02"]


def test_messages_and_checkins_of_another_trainer_are_404(reminded, make_trainer):
    other = make_trainer("bob@clinic.example")
    for path in ("messages", "checkins"):
        assert other.get(f"/api/v1/clients/{reminded['id']}/{path}").status_code == 404
    assert other.post(f"/api/v1/clients/{reminded['id']}/messages", json={"body": "hi"}).status_code == 404
    assert other.post(f"/api/v1/clients/{reminded['id']}/checkins",
                      json={"date": "2026-03-02", "pain": 1}).status_code == 404


def test_a_claim_given_back_after_a_failure_lets_the_reply_be_processed(app, http, reminded, worker, broker):
    """The actor gives its claim back when processing raises (workers/tasks.py),
    so Dramatiq's retry finds the reply `received`, not stuck `processing`."""
    from planner.messaging import inbound as inbound_replies
    from workers.tasks import process_inbound

    params = {"MessageSid": "SMclaimed", "From": reminded["phone"],
              "To": app.config["TWILIO_FROM_NUMBER"], "Body": "4 y"}
    message = Message(direction="inbound", kind="reply", client_id=reminded["id"], status="received",
                      from_number=params["From"], to_number=params["To"], body="4 y", twilio_sid="SMclaimed")
    db.session.add(message)
    db.session.commit()
    assert inbound_replies.claim(message.id)
    db.session.commit()
    assert not inbound_replies.claim(message.id)  # a second worker is refused while it is held
    inbound_replies.release(message.id)
    db.session.commit()
    process_inbound.send(message.id)
    drain(broker, worker)
    assert db.session.get(Message, message.id).status == "processed"
    assert db.session.scalar(db.select(CheckIn.pain).filter_by(client_id=reminded["id"])) == 4
