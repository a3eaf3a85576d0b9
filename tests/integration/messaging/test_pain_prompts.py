"""The texts that collect what the pain-monitoring model needs: the evening
prompt of a session day (usual pain, then pain during the exercises), the
question about waking the morning after a session, at most two scheduled
texts a day, and the safety line that answers a severe score. The real
scheduler tick, worker, twilio library and signed webhook."""
from collections import Counter
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from planner.extensions import db
from planner.models import Alert, CheckIn, Dispatch, Message
from workers.scheduler import tick

from tests.support.sms import active_client, reply_at
from tests.support.waiting import drain

ZONE = ZoneInfo("America/New_York")
MONDAY = date(2026, 3, 2)


def utc(day: date, hhmm: str) -> datetime:
    local = datetime.combine(day, time.fromisoformat(hhmm), ZONE)
    return local.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)


def on(day: int) -> date:
    return date(2026, 3, 2 + day)


def run_days(broker, worker, days: range) -> None:
    for day in days:
        for hhmm in ("08:00", "19:00"):
            tick(utc(on(day), hhmm))
            drain(broker, worker)


def test_a_week_of_texts_at_most_two_a_day(trainer, worker, broker, fake_twilio):
    client = active_client(trainer, MONDAY.isoformat(), ["mon", "tue", "thu"], reminder="08:00", checkin="19:00",
                           weeks=1)
    run_days(broker, worker, range(7))
    sent = db.session.scalars(db.select(Dispatch).filter_by(state="sent").order_by(Dispatch.due_at)).all()
    assert [(d.local_date.strftime("%a"), d.kind) for d in sent] == [
        ("Mon", "reminder"), ("Mon", "checkin_prompt"),
        ("Tue", "morning_reminder"), ("Tue", "checkin_prompt"),  # the morning after Monday rides on the reminder
        ("Wed", "morning_prompt"),
        ("Thu", "reminder"), ("Thu", "checkin_prompt"),
        ("Fri", "morning_prompt")]
    assert max(Counter(d.local_date for d in sent).values()) == 2
    bodies = fake_twilio.bodies_to(client["phone"])
    assert len(bodies) == 8
    assert bodies[2].startswith("Ann Trainer: Hi Ada, today is a training day.") and bodies[2].endswith(
        "How is your pain on waking, 0 to 10? Reply with one number, e.g. 2")
    assert bodies[4] == "Ann Trainer: Hi Ada, good morning. How is your pain on waking, 0 to 10? Reply with one number, e.g. 2"
    assert "then during the exercises, e.g. 3 4" in bodies[1]


def test_replies_fill_the_field_their_question_asks(app, http, trainer, worker, broker, fake_twilio):
    client = active_client(trainer, MONDAY.isoformat(), ["mon", "thu"], reminder="08:00", checkin="19:00", weeks=1)
    run_days(broker, worker, range(1))
    reply_at(app, http, worker, broker, client["phone"], "3 4", "SMeve", utc(on(0), "19:30"))
    run_days(broker, worker, range(1, 2))
    reply_at(app, http, worker, broker, client["phone"], "2", "SMmorning", utc(on(1), "08:20"))
    # The day's old form still works after the morning question.
    run_days(broker, worker, range(3, 4))
    reply_at(app, http, worker, broker, client["phone"], "3 y", "SMthu", utc(on(3), "19:10"))

    rows = db.session.scalars(db.select(CheckIn).order_by(CheckIn.date)).all()
    assert [(c.date, c.pain, c.done, c.exercise_pain, c.morning_pain) for c in rows] == [
        (on(0), 3, True, 4, None), (on(1), None, None, None, 2), (on(3), 3, True, None, None)]
    assert fake_twilio.bodies_to(client["phone"]).count("Thanks, noted.") == 3
    loads = trainer.get(f"/api/v1/clients/{client['id']}/report").get_json()["pain_monitoring"]
    assert loads[0] == {"date": on(0).isoformat(), "exercise_pain": 4, "morning_pain": 2, "pain_before": 3,
                        "verdict": "acceptable"}


def test_two_numbers_to_a_reminder_stay_for_the_trainer(app, http, trainer, worker, broker, fake_twilio):
    client = active_client(trainer, MONDAY.isoformat(), ["mon"], reminder="08:00", checkin="19:00", weeks=1)
    tick(utc(MONDAY, "08:00"))
    drain(broker, worker)
    reply_at(app, http, worker, broker, client["phone"], "3 4", "SMtwo", utc(MONDAY, "08:30"))
    assert db.session.scalar(db.select(db.func.count(CheckIn.id))) == 0
    assert db.session.scalar(db.select(Message).filter_by(twilio_sid="SMtwo")).kind == "unparsed"
    assert fake_twilio.bodies_to(client["phone"])[-1] == (
        "Ann Trainer: thanks! What was your pain today, from 0 to 10? One number, for example: 3")


def test_a_severe_score_is_answered_with_the_safety_line_and_alerts_at_once(app, http, trainer, worker, broker,
                                                                            fake_twilio):
    client = active_client(trainer, MONDAY.isoformat(), ["mon", "tue", "wed", "thu", "fri"], reminder="08:00",
                           checkin="19:00", weeks=1)
    for day, pain in enumerate((2, 3, 2, 3)):
        run_days(broker, worker, range(day, day + 1))
        reply_at(app, http, worker, broker, client["phone"], f"{pain} 1", f"SMd{day}", utc(on(day), "19:30"))
    assert db.session.scalar(db.select(db.func.count(Alert.id))) == 0
    run_days(broker, worker, range(4, 5))
    reply_at(app, http, worker, broker, client["phone"], "9 6", "SMsevere", utc(on(4), "19:30"))

    answer = fake_twilio.bodies_to(client["phone"])[-1]
    assert answer.startswith("Ann Trainer: thanks. If your pain is much worse than usual, please contact us.")
    assert "urgent care" in answer and "numbness" in answer and "bladder" in answer
    assert "9" not in answer and "6" not in answer  # no score in an SMS
    alert = db.session.scalar(db.select(Alert).filter_by(client_id=client["id"]))
    assert alert.kind == "severe_pain" and alert.resolved_at is None
    assert db.session.scalar(db.select(Message).filter_by(body=answer)).kind == "safety_line"
