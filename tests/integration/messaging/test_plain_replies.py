"""Replies in plain words through Twilio's signed webhook and the real
worker: a sentence becomes the day's check-in, an unclear reply gets one
question back (never a second), and a second reply of the day corrects the
first while both stay in the conversation."""

import pytest

from planner.extensions import db
from planner.messaging import texts
from planner.models import CheckIn, Message

from tests.support.sms import inbound, reminded_an_hour_ago
from tests.support.waiting import drain

QUESTION_STARTS = "Ann Trainer: thanks! "


@pytest.fixture
def reminded(web, worker, broker, fake_twilio):
    client = reminded_an_hour_ago(web.api, broker, worker)
    assert fake_twilio.bodies_to(client["phone"])[-1].startswith("Ann Trainer: Hi Ada, today is a training day")
    return client


def reply(app, http, broker, worker, client, body, sid):
    response = inbound(http, app, client["phone"], body, sid)
    assert response.status_code == 200 and "<Message>" not in response.get_data(as_text=True)
    drain(broker, worker)
    db.session.expire_all()


def the_checkin():
    rows = list(db.session.scalars(db.select(CheckIn)))
    assert len(rows) <= 1
    return (rows[0].pain, rows[0].done) if rows else None


def stored(sid):
    return db.session.scalar(db.select(Message).filter_by(twilio_sid=sid))


def questions_sent(fake_twilio, phone):
    return [body for body in fake_twilio.bodies_to(phone) if body.startswith(QUESTION_STARTS)]


@pytest.mark.parametrize("body, pain, done", [
    ("knee is pretty sore today, maybe a 7, skipped it", 7, False),
    ("Did my exercises 👍 pain two out of ten", 2, True),
    ("Didn't do them today. Pain about 6-7", 7, False),
    ("finished all 3 sets, knee 1/10", 1, True),
])
def test_a_reply_in_a_sentence_becomes_the_days_checkin(app, http, reminded, worker, broker, fake_twilio,
                                                        body, pain, done):
    reply(app, http, broker, worker, reminded, body, "SM-sentence")
    assert the_checkin() == (pain, done)
    assert stored("SM-sentence").kind == "reply"
    assert fake_twilio.bodies_to(reminded["phone"])[-1] == texts.THANKS
    assert questions_sent(fake_twilio, reminded["phone"]) == []


def test_an_unclear_reply_gets_one_question_and_never_a_second(app, http, reminded, worker, broker, fake_twilio):
    phone = reminded["phone"]
    reply(app, http, broker, worker, reminded, "15 reps", "SM-unclear-1")
    asked = questions_sent(fake_twilio, phone)
    assert asked == [texts.clarifying_question("Ann Trainer", "pain_and_done")]
    assert "15" not in asked[0]  # nothing of theirs said back
    assert the_checkin() is None and stored("SM-unclear-1").kind == "unparsed"  # for the trainer too

    sent_before = len(fake_twilio.sent)
    reply(app, http, broker, worker, reminded, "hmm hard to say", "SM-unclear-2")
    assert len(fake_twilio.sent) == sent_before  # no second question: the trainer reads it
    assert stored("SM-unclear-2").kind == "unparsed"

    reply(app, http, broker, worker, reminded, "ok it's a 4, did it", "SM-clear")
    assert the_checkin() == (4, True)
    assert fake_twilio.bodies_to(phone)[-1] == texts.THANKS
    assert len(questions_sent(fake_twilio, phone)) == 1


def test_what_stays_unclear_is_asked_and_what_is_clear_is_kept(app, http, reminded, worker, broker, fake_twilio):
    reply(app, http, broker, worker, reminded, "did it, pain 3 or maybe 8", "SM-half")
    assert the_checkin() == (None, True)
    assert stored("SM-half").kind == "unparsed"  # a reply for the trainer to read too
    assert fake_twilio.bodies_to(reminded["phone"])[-1] == texts.clarifying_question("Ann Trainer", "pain")
    reply(app, http, broker, worker, reminded, "5", "SM-answer")
    assert the_checkin() == (5, True)
    assert stored("SM-answer").corrects_message_id is None  # completing the day's answer corrects nothing


def test_a_second_reply_the_same_day_corrects_the_first(app, http, reminded, worker, broker, fake_twilio, web):
    reply(app, http, broker, worker, reminded, "3 y", "SM-first")
    reply(app, http, broker, worker, reminded, "sorry, pain is more like 5", "SM-second")
    assert the_checkin() == (5, True)  # the later pain wins; done, not given again, is kept
    first, second = stored("SM-first"), stored("SM-second")
    assert (first.corrects_message_id, second.corrects_message_id) == (None, first.id)
    assert db.session.scalar(db.select(CheckIn.message_id)) == second.id

    # The same MessageSid again (Twilio retries): stored once, no second correction.
    reply(app, http, broker, worker, reminded, "sorry, pain is more like 5", "SM-second")
    reply(app, http, broker, worker, reminded, "3 y", "SM-first")
    assert the_checkin() == (5, True)
    inbound_rows = list(db.session.scalars(db.select(Message).filter_by(direction="inbound").order_by(Message.id)))
    assert [(m.body, m.corrects_message_id) for m in inbound_rows] == [
        ("3 y", None), ("sorry, pain is more like 5", first.id)]

    conversation = web.api.get(f"/api/v1/clients/{reminded['id']}/messages").get_json()
    replies = [(m["body"], m["corrects_message_id"]) for m in conversation if m["direction"] == "inbound"]
    assert replies == [("3 y", None), ("sorry, pain is more like 5", first.id)]
    assert all("corrects_message_id" in m for m in conversation)

    page = web.page(f"/clients/{reminded['id']}")
    assert f'id="message-{first.id}"' in page
    assert f'data-correction="{first.id}">correction</span>' in page
    assert f'href="#message-{first.id}">an earlier reply</a>' in page
    assert page.count("data-correction=") == 1


def test_a_changed_answer_to_the_yes_or_no_is_a_correction_too(app, http, reminded, worker, broker):
    reply(app, http, broker, worker, reminded, "done, 2", "SM-done")
    reply(app, http, broker, worker, reminded, "oops no I skipped it", "SM-skipped")
    assert the_checkin() == (2, False)
    assert stored("SM-skipped").corrects_message_id == stored("SM-done").id


def test_thanks_is_neither_a_checkin_nor_asked_about(app, http, reminded, worker, broker, fake_twilio):
    reply(app, http, broker, worker, reminded, "3 y", "SM-checkin")
    sent_before = len(fake_twilio.sent)
    reply(app, http, broker, worker, reminded, "Thanks!", "SM-thanks")
    assert len(fake_twilio.sent) == sent_before
    assert stored("SM-thanks").kind == "reply" and stored("SM-thanks").corrects_message_id is None
    assert the_checkin() == (3, True)
