"""Follow-up after the program: the scheduler's tick sends one prompt at
4, 12 and 26 weeks after the last session through a real worker and the
fake Twilio server; the client's reply, through the signed webhook, becomes
that follow-up's answer in the report, with whether relief held."""
from __future__ import annotations

from datetime import date, datetime

from planner.extensions import db
from planner.models import CheckIn, Client, Dispatch, FollowUpAnswer, Message

from tests.support.sms import active_client, inbound
from tests.support.waiting import drain

# A one-week Monday-Wednesday-Friday program from 2026-03-02: its last
# session is Friday 2026-03-06; the follow-ups fall 4, 12 and 26 weeks later.
LAST_SESSION = date(2026, 3, 6)
FOLLOW_UPS = ["2026-04-03", "2026-05-29", "2026-09-04"]


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def follow_up_dispatches() -> list[Dispatch]:
    return list(db.session.scalars(db.select(Dispatch).filter_by(kind="follow_up").order_by(Dispatch.id)))


def reply(http, app, worker, broker, phone: str, body: str, sid: str, when: datetime) -> None:
    """A reply that arrives at `when`: held from the worker until dated, then processed."""
    consumers = [c for name, c in worker.consumers.items() if name.startswith("inbound")]
    for consumer in consumers:
        consumer.pause()
    for consumer in consumers:
        consumer.paused_event.wait()
    assert inbound(http, app, phone, body, sid).status_code == 200
    message = db.session.scalar(db.select(Message).filter_by(twilio_sid=sid))
    message.created_at = when
    db.session.commit()
    for consumer in consumers:
        consumer.resume()
    drain(broker, worker)


def test_follow_up_prompt_and_answer_appear_in_the_report(app, http, trainer, worker, broker, fake_twilio):
    from workers.scheduler import tick

    client = active_client(trainer, "2026-03-02", ["mon", "wed", "fri"], weeks=1)  # knee pain 3 at assessment
    db.session.get(Client, client["id"]).trainer.practice_name = "Knee Clinic"
    db.session.commit()
    # 19:00 in New York (EDT) is 23:00 UTC; a minute before, nothing is due.
    assert [d for d in follow_up_dispatches()] == []
    tick(at("2026-04-03T22:59"))
    assert follow_up_dispatches() == []
    tick(at("2026-04-03T23:00"))
    drain(broker, worker)
    [prompt] = follow_up_dispatches()
    assert (prompt.local_date, prompt.state) == (date(2026, 4, 3), "sent")
    bodies = fake_twilio.bodies_to(client["phone"])
    assert len(bodies) == 1
    assert bodies[0].startswith("Knee Clinic: Hi Ada, checking in after your program.")
    for clinical in ("knee pain", "gluteus", "weak", "3/", "baseline"):
        assert clinical not in bodies[0].lower()
    # The same minute again, or later that evening: no second prompt.
    assert tick(at("2026-04-03T23:00")).created == 0
    assert tick(at("2026-04-04T00:30")).created == 0

    # The client answers the next morning: the follow-up's answer, not a check-in.
    reply(http, app, worker, broker, client["phone"], "1", "SM" + "f" * 32, at("2026-04-04T13:00"))
    drain(broker, worker)
    answer = db.session.scalar(db.select(FollowUpAnswer))
    assert (answer.due_on, answer.answered_on, answer.pain) == (date(2026, 4, 3), date(2026, 4, 4), 1)
    assert db.session.scalar(db.select(db.func.count()).select_from(CheckIn)) == 0

    report = trainer.get(f"/api/v1/clients/{client['id']}/report").get_json()
    assert report["follow_up"] == [
        {"due_on": "2026-04-03", "answered_on": "2026-04-04", "pain": 1, "relief_held": True},
        {"due_on": "2026-05-29", "answered_on": None, "pain": None, "relief_held": None},
        {"due_on": "2026-09-04", "answered_on": None, "pain": None, "relief_held": None}]
    assert report["follow_up_weeks"] == [4, 12, 26]

    # At 12 weeks pain is back at the baseline's 3: relief did not hold.
    tick(at("2026-05-29T23:00"))
    drain(broker, worker)
    reply(http, app, worker, broker, client["phone"], "3", "SM" + "e" * 32, at("2026-05-29T23:30"))
    drain(broker, worker)
    report = trainer.get(f"/api/v1/clients/{client['id']}/report").get_json()
    assert report["follow_up"][1] == {"due_on": "2026-05-29", "answered_on": "2026-05-29", "pain": 3,
                                      "relief_held": False}


def test_no_follow_up_while_a_program_runs_or_without_consent(app, trainer, worker, broker, fake_twilio):
    from workers.scheduler import tick

    running = active_client(trainer, "2026-03-02", ["mon", "wed", "fri"], weeks=12)  # sessions until late May
    stopped = active_client(trainer, "2026-03-02", ["mon", "wed", "fri"], weeks=1, phone="+14155552672",
                            name="Grace Hopper")
    db.session.get(Client, stopped["id"]).sms_opted_out_at = datetime(2026, 3, 20)
    db.session.commit()
    for day in FOLLOW_UPS[:1]:
        tick(at(f"{day}T23:00"))
    drain(broker, worker)
    assert follow_up_dispatches() == []
    assert fake_twilio.bodies_to(stopped["phone"]) == []
    assert all("checking in after your program" not in b for b in fake_twilio.bodies_to(running["phone"]))


def test_a_new_program_stops_the_old_ones_follow_ups(app, trainer, worker, broker, fake_twilio):
    from workers.scheduler import tick

    client = active_client(trainer, "2026-03-02", ["mon", "wed", "fri"], weeks=1)
    program = trainer.post(f"/api/v1/clients/{client['id']}/programs",
                           json={"start_date": "2026-03-30", "weeks": 4, "sessions_per_week": 3}).get_json()
    assert trainer.post(f"/api/v1/programs/{program['id']}/publish").status_code == 200
    tick(at("2026-04-03T23:00"))
    drain(broker, worker)
    assert follow_up_dispatches() == []
    # Once the new program has ended too (today is past it), its follow-ups are the ones listed.
    report = trainer.get(f"/api/v1/clients/{client['id']}/report").get_json()
    assert [f["due_on"] for f in report["follow_up"]] == ["2026-05-22", "2026-07-17", "2026-10-23"]


def test_a_reply_after_an_ordinary_prompt_stays_a_check_in(app, http, trainer, worker, broker, fake_twilio):
    from workers.scheduler import tick

    client = active_client(trainer, "2026-03-02", ["mon", "wed", "fri"], weeks=1)
    tick(at("2026-03-06T23:00"))  # the last session's evening prompt
    drain(broker, worker)
    reply(http, app, worker, broker, client["phone"], "2 y", "SM" + "d" * 32, at("2026-03-06T23:20"))
    drain(broker, worker)
    assert db.session.scalar(db.select(FollowUpAnswer)) is None
    checkin = db.session.scalar(db.select(CheckIn))
    assert (checkin.date, checkin.pain, checkin.done) == (LAST_SESSION, 2, True)


def test_an_unclear_follow_up_answer_is_asked_about_once_and_a_later_one_corrects_it(
        app, http, trainer, worker, broker, fake_twilio):
    from workers.scheduler import tick

    client = active_client(trainer, "2026-03-02", ["mon", "wed", "fri"], weeks=1)
    tick(at("2026-04-03T23:00"))
    drain(broker, worker)
    reply(http, app, worker, broker, client["phone"], "much better, 1 most days but 4 on bad ones", "SM" + "a" * 32,
          at("2026-04-04T13:00"))
    assert fake_twilio.bodies_to(client["phone"])[-1] == (
        "Ann Trainer: thanks! What is your usual pain these days, from 0 to 10? One number, for example: 3")
    reply(http, app, worker, broker, client["phone"], "1", "SM" + "b" * 32, at("2026-04-04T13:05"))
    reply(http, app, worker, broker, client["phone"], "actually 2", "SM" + "c" * 32, at("2026-04-04T13:10"))
    answer = db.session.scalar(db.select(FollowUpAnswer))
    first, second = (db.session.scalar(db.select(Message).filter_by(twilio_sid="SM" + sid * 32)) for sid in "bc")
    assert (answer.pain, answer.message_id) == (2, second.id)
    assert (first.corrects_message_id, second.corrects_message_id) == (None, first.id)
    assert db.session.scalar(db.select(db.func.count()).select_from(CheckIn)) == 0
