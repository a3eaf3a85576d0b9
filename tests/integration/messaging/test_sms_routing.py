"""A reply reaches only a practice the person agreed to hear from: the
phone-capture attempt, the owner's YES, routing by (From, To) with the
practices' own sender numbers, the opt-in confirmation as every practice's
first text, and HELP naming the practice. Through HTTP, Twilio's signed
webhooks (the real validator), the real twilio library against the fake
Twilio server, and a real worker."""
from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest

from planner.extensions import db
from planner.models import CheckIn, Client, Dispatch, Message
from workers.scheduler import tick

from tests.support.sms import active_client, inbound
from tests.support.waiting import drain

PERSON = "+14155552671"  # Ann's client, whom Bob tries to capture
SECOND_PERSON = "+14155552673"
FRESH = "+14155552672"  # nobody's yet
SECOND_FRESH = "+14155552674"
ANN_NUMBER = "+14155550101"  # the practices' own Twilio numbers
BOB_NUMBER = "+14155550102"
OPT_IN_WORDS = ("Reply YES to confirm", "HELP for help", "STOP to stop")


def set_texting(trainer, practice: str, number: str = "") -> None:
    """On the account page, as the trainer would (and read the "Saved." it shows)."""
    response = trainer.post("/account/texting", {"practice_name": practice, "sms_from_number": number})
    assert response.status_code == 302
    assert "Saved." in trainer.page(response.headers["Location"])


@pytest.fixture
def practices(make_web_trainer):
    """Two trainers, each naming their practice on the account page."""
    ann = make_web_trainer(email="ann@physio.example", name="Ann Trainer")
    bob = make_web_trainer(email="bob@gym.example", name="Bob Trainer")
    set_texting(ann, "Ann Physio")
    set_texting(bob, "Bob Gym")
    return ann, bob


def own_numbers(ann, bob) -> None:
    set_texting(ann, "Ann Physio", ANN_NUMBER)
    set_texting(bob, "Bob Gym", BOB_NUMBER)


def send(trainer, client_id: int, body: str):
    response = trainer.api.post(f"/api/v1/clients/{client_id}/messages", json={"body": body})
    assert response.status_code == 201, response.get_json()
    return response


def conversation(trainer, client_id: int) -> list[dict]:
    return trainer.api.get(f"/api/v1/clients/{client_id}/messages").get_json()


def checkins() -> dict[int, list[tuple]]:
    found: dict[int, list[tuple]] = {}
    for c in db.session.scalars(db.select(CheckIn).order_by(CheckIn.id)):
        found.setdefault(c.client_id, []).append((c.pain, c.done))
    return found


def without(record: dict, *keys: str) -> dict:
    return {k: v for k, v in record.items() if k not in keys}


def page_shape(html: str) -> str:
    """A page with what differs between any two clients (ids, numbers,
    times, the form tokens) blanked out."""
    html = re.sub(r'name="csrf[-_]token" (content|value)="[^"]*"', "", html)
    return re.sub(r"\d+", "#", html)


def twiml_text(response) -> str:
    return response.get_data(as_text=True)


def test_the_first_text_is_the_opt_in_confirmation_naming_the_practice(practices, worker, broker, fake_twilio):
    ann, _ = practices
    client = ann.api.create_client(phone=FRESH)
    send(ann, client["id"], "See you Thursday at 5!")
    drain(broker, worker)
    first, second = fake_twilio.bodies_to(FRESH)
    assert first.startswith("Ann Physio: ") and all(words in first for words in OPT_IN_WORDS)
    assert second == "See you Thursday at 5!"
    assert [m["kind"] for m in conversation(ann, client["id"])] == ["opt_in", "manual"]
    send(ann, client["id"], "And bring water.")  # not the first text any more
    drain(broker, worker)
    assert fake_twilio.bodies_to(FRESH)[2:] == ["And bring water."]
    # Without a practice name, texts name the trainer.
    set_texting(ann, "")
    other = ann.api.create_client(phone=SECOND_FRESH)
    send(ann, other["id"], "Welcome!")
    drain(broker, worker)
    assert fake_twilio.bodies_to(SECOND_FRESH)[0].startswith("Ann Trainer: you'll get training reminders")


def test_the_first_reminder_follows_the_opt_in_and_an_unconfirmed_practice_sends_only_its_request(
        practices, worker, broker, fake_twilio):
    ann, bob = practices
    anns = active_client(ann.api, "2026-03-02", ["mon", "wed"], opted_in_long_ago=False)
    bobs = active_client(bob.api, "2026-03-02", ["mon", "wed"], opted_in_long_ago=False)  # the same number
    tick(datetime(2026, 3, 2, 13, 0))  # 08:00 in New York
    drain(broker, worker)
    bodies = fake_twilio.bodies_to(PERSON)
    assert sorted(b.split(":")[0] for b in bodies if "Reply YES to confirm" in b) == ["Ann Physio", "Bob Gym"]
    anns_texts = [b for b in bodies if not b.startswith("Bob Gym")]
    assert anns_texts[0].startswith("Ann Physio: ") and anns_texts[1].startswith("Ann Physio: Hi Ada, today is a training day")
    assert len(bodies) == 3  # Bob's reminder waits for the person's YES
    states = {d.client_id: d.state for d in db.session.scalars(db.select(Dispatch))}
    assert states == {anns["id"]: "sent", bobs["id"]: "skipped"}
    ann_opt_in = db.session.scalar(db.select(Message).filter_by(client_id=anns["id"], kind="opt_in"))
    carrier = db.session.scalar(db.select(Dispatch).filter_by(client_id=anns["id"]))
    assert carrier.opt_in_message_id == ann_opt_in.id and ann_opt_in.status == "queued"
    tick(datetime(2026, 3, 4, 13, 0))  # Wednesday: Ann's reminder alone, Bob still waits and does not ask twice
    drain(broker, worker)
    assert len(fake_twilio.bodies_to(PERSON)) == 4 and fake_twilio.bodies_to(PERSON)[-1].startswith("Ann Physio: Hi Ada")


def test_a_trainer_cannot_capture_another_practices_clients_replies(app, http, practices, worker, broker,
                                                                   fake_twilio):
    ann, bob = practices
    anns = ann.api.create_client(phone=PERSON)
    ann.api.create_client(name="Bo Second", phone=SECOND_PERSON)
    send(ann, anns["id"], "See you Thursday at 5!")
    drain(broker, worker)

    # Bob adds Ann's clients' numbers, and fresh ones: every answer has the same shape.
    created = {number: bob.api.post("/api/v1/clients", json={
        "name": "Ada Lovelace", "phone": number, "timezone": "America/New_York", "reminder_time": "07:30",
        "training_days": ["mon", "wed", "fri"], "sms_consent": True}) for number in (SECOND_PERSON, SECOND_FRESH)}
    clash, fresh = created[SECOND_PERSON], created[SECOND_FRESH]
    assert clash.status_code == fresh.status_code == 201 and set(clash.headers.keys()) == set(fresh.headers.keys())
    volatile = ("id", "phone", "created_at", "updated_at", "sms_consent_at")  # times to the second
    assert without(clash.get_json(), *volatile) == without(fresh.get_json(), *volatile)
    pages = {}
    for number in (PERSON, FRESH):
        response = bob.post("/clients/new", [("name", "Ada Lovelace"), ("phone", number),
                                             ("timezone", "America/New_York"), ("reminder_time", "07:30"),
                                             ("checkin_time", "19:00"), ("sms_consent", "yes"),
                                             ("training_days", "mon"), ("training_days", "wed")])
        assert response.status_code == 302
        pages[number] = page_shape(bob.page(response.headers["Location"]))
    assert pages[PERSON] == pages[FRESH]
    bobs = {c["phone"]: c for c in bob.api.get("/api/v1/clients").get_json()}
    assert without(bobs[PERSON], *volatile) == without(bobs[FRESH], *volatile)

    # Bob texts the captured number and the fresh one.
    answers = [send(bob, bobs[number]["id"], "Hi, this is Bob!").get_json() for number in (PERSON, FRESH)]
    assert without(answers[0], "id", "created_at") == without(answers[1], "id", "created_at")
    drain(broker, worker)
    # The same texts in the same words (statuses follow delivery, and the
    # second is not delivered to the captured number).
    clash_texts, fresh_texts = ([(m["kind"], m["body"], set(m)) for m in conversation(bob, bobs[number]["id"])]
                                for number in (PERSON, FRESH))
    assert clash_texts == fresh_texts
    # The person hears Bob ask, and nothing more from Bob until they say YES.
    assert [b.split(":")[0] for b in fake_twilio.bodies_to(PERSON)] == ["Ann Physio", "See you Thursday at 5!",
                                                                        "Bob Gym"]

    # The person's reply is Ann's check-in; Bob sees nothing of it.
    assert inbound(http, app, PERSON, "3 y", "SM-capture-1").status_code == 200
    drain(broker, worker)
    assert checkins() == {anns["id"]: [(3, True)]}
    assert [m["direction"] for m in conversation(bob, bobs[PERSON]["id"])] == ["outbound", "outbound"]
    assert "3 y" not in bob.page(f"/clients/{bobs[PERSON]['id']}")
    assert [m["body"] for m in conversation(ann, anns["id"]) if m["direction"] == "inbound"] == ["3 y"]
    assert fake_twilio.bodies_to(PERSON)[-1] == "Thanks, noted."  # from Ann's side of the conversation


def test_the_owners_yes_confirms_the_second_practice_and_sends_what_it_held(app, http, practices, worker, broker,
                                                                            fake_twilio):
    ann, bob = practices
    anns = ann.api.create_client(phone=PERSON)
    send(ann, anns["id"], "See you Thursday at 5!")
    drain(broker, worker)
    bobs = bob.api.create_client(phone=PERSON)
    send(bob, bobs["id"], "Hi, this is Bob!")
    drain(broker, worker)
    assert "Hi, this is Bob!" not in fake_twilio.bodies_to(PERSON)

    response = inbound(http, app, PERSON, "YES", "SM-yes-bob")
    assert "Bob Gym: thanks, you" in twiml_text(response) and "confirmed" in twiml_text(response)
    drain(broker, worker)
    assert db.session.get(Client, bobs["id"]).phone_binding == "confirmed"
    assert fake_twilio.bodies_to(PERSON)[-1] == "Hi, this is Bob!"  # held until now
    assert checkins() == {}  # the YES confirmed Bob; it was nobody's session
    yes = db.session.scalar(db.select(Message).filter_by(twilio_sid="SM-yes-bob"))
    assert (yes.client_id, yes.kind) == (bobs["id"], "keyword")
    # Now both practices hear from the person: a reply reaches the one that texted last.
    inbound(http, app, PERSON, "4 n", "SM-after-yes")
    drain(broker, worker)
    assert checkins() == {bobs["id"]: [(4, False)]}
    send(ann, anns["id"], "How is the knee?")
    drain(broker, worker)
    inbound(http, app, PERSON, "2", "SM-after-ann")
    drain(broker, worker)
    assert checkins() == {bobs["id"]: [(4, False)], anns["id"]: [(2, None)]}


def test_a_yes_answers_the_last_question_and_a_lapsed_request_confirms_nothing(app, http, practices, worker,
                                                                                broker, fake_twilio):
    ann, bob = practices
    anns = ann.api.create_client(phone=PERSON)
    send(ann, anns["id"], "Welcome!")
    drain(broker, worker)
    bobs = bob.api.create_client(phone=PERSON)
    send(bob, bobs["id"], "Hi, this is Bob!")
    drain(broker, worker)
    send(ann, anns["id"], "Did you train today?")  # Ann asks after Bob's request
    drain(broker, worker)
    inbound(http, app, PERSON, "yes", "SM-yes-ann")
    drain(broker, worker)
    assert checkins() == {anns["id"]: [(None, True)]}
    assert db.session.get(Client, bobs["id"]).phone_binding == "awaiting"

    # A week and more after Bob asked, the request has lapsed (our product
    # choice); Bob's next text asks again.
    row = db.session.get(Client, bobs["id"])
    row.opt_in_sent_at -= timedelta(days=8)
    db.session.commit()
    send(ann, anns["id"], "Anything else?")
    drain(broker, worker)
    inbound(http, app, PERSON, "yes", "SM-yes-late")
    drain(broker, worker)
    assert db.session.get(Client, bobs["id"]).phone_binding == "awaiting"
    send(bob, bobs["id"], "Hello again")
    drain(broker, worker)
    assert sum(1 for b in fake_twilio.bodies_to(PERSON) if b.startswith("Bob Gym: ")) == 2
    assert "Hello again" not in fake_twilio.bodies_to(PERSON)


def test_changing_a_phone_to_another_practices_clients_number_waits_for_the_owner_too(app, http, practices, worker,
                                                                                      broker, fake_twilio):
    ann, bob = practices
    anns = ann.api.create_client(phone=PERSON)
    bobs = bob.api.create_client(phone=FRESH)
    other = bob.api.create_client(name="Bo Other", phone=SECOND_FRESH)
    send(bob, bobs["id"], "Hi!")  # Bob's first text to FRESH: confirmed, so it goes out
    drain(broker, worker)
    moved = bob.api.patch(f"/api/v1/clients/{bobs['id']}", json={"phone": PERSON})
    control = bob.api.patch(f"/api/v1/clients/{other['id']}", json={"phone": "+14155552675"})
    assert moved.status_code == control.status_code == 200
    assert set(moved.get_json()) == set(control.get_json())
    send(bob, bobs["id"], "Your new plan is ready")
    drain(broker, worker)
    assert [b.split(":")[0] for b in fake_twilio.bodies_to(PERSON)] == ["Bob Gym"]  # asks; holds the text
    inbound(http, app, PERSON, "5 y", "SM-moved")
    drain(broker, worker)
    assert checkins() == {anns["id"]: [(5, True)]}


def test_with_their_own_numbers_replies_are_routed_by_the_pair_of_numbers(app, http, practices, worker, broker,
                                                                         fake_twilio):
    ann, bob = practices
    own_numbers(ann, bob)
    anns = ann.api.create_client(phone=PERSON)
    bobs = bob.api.create_client(phone=PERSON)
    send(ann, anns["id"], "Hello from Ann")
    send(bob, bobs["id"], "Hello from Bob")
    drain(broker, worker)
    senders = [(m["From"], m["Body"].split(":")[0]) for m in fake_twilio.sent]
    assert sorted(senders) == sorted([(ANN_NUMBER, "Ann Physio"), (ANN_NUMBER, "Hello from Ann"),
                                      (BOB_NUMBER, "Bob Gym")])

    # Before the person confirms Bob, a reply to Bob's number reaches nobody.
    response = inbound(http, app, PERSON, "3 y", "SM-to-bob-early", to=BOB_NUMBER)
    assert "not linked to a training plan" in twiml_text(response)
    drain(broker, worker)
    assert checkins() == {}
    assert db.session.scalar(db.select(Message.client_id).filter_by(twilio_sid="SM-to-bob-early")) is None

    assert "Bob Gym: thanks" in twiml_text(inbound(http, app, PERSON, "YES", "SM-yes", to=BOB_NUMBER))
    drain(broker, worker)
    assert (fake_twilio.sent[-1]["From"], fake_twilio.sent[-1]["Body"]) == (BOB_NUMBER, "Hello from Bob")

    inbound(http, app, PERSON, "4 n", "SM-to-ann", to=ANN_NUMBER)
    inbound(http, app, PERSON, "6 y", "SM-to-bob", to=BOB_NUMBER)
    drain(broker, worker)
    assert checkins() == {anns["id"]: [(4, False)], bobs["id"]: [(6, True)]}
    thanks = {m["From"] for m in fake_twilio.sent if m["Body"] == "Thanks, noted."}
    assert thanks == {ANN_NUMBER, BOB_NUMBER}  # each answered from its own number

    # The shared number is neither practice's now; STOP still stops every practice.
    assert "not linked" in twiml_text(inbound(http, app, PERSON, "2 y", "SM-to-shared"))
    inbound(http, app, PERSON, "STOP", "SM-stop", to=BOB_NUMBER)
    assert all(c.sms_opted_out for c in db.session.scalars(db.select(Client)))


def test_help_names_the_practice_the_reply_reaches(app, http, practices, worker, broker):
    ann, bob = practices
    anns = ann.api.create_client(phone=PERSON)
    send(ann, anns["id"], "Welcome!")
    bob.api.create_client(phone=PERSON)  # not confirmed by the person
    drain(broker, worker)
    text = twiml_text(inbound(http, app, PERSON, "HELP", "SM-help"))
    assert "Ann Physio" in text and "Reply STOP to stop" in text and "Bob" not in text
    assert [m["body"] for m in conversation(ann, anns["id"]) if m["kind"] == "auto_reply"] == [
        text.split("<Message>")[1].split("</Message>")[0]]

    # Bob has his own number; the person has not confirmed him: no name to give.
    set_texting(bob, "Bob Gym", BOB_NUMBER)
    text = twiml_text(inbound(http, app, PERSON, "HELP", "SM-help-bob", to=BOB_NUMBER))
    assert "Reply STOP to stop" in text and "Bob" not in text and "Ann" not in text
