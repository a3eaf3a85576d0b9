"""Replies are not stranded when Redis loses its queue: Redis flushed while
replies wait for the worker, the scheduler's tick hands them over again,
and every reply is processed once (one check-in, one answer each)."""
from collections import Counter
from datetime import datetime, timedelta, timezone

from planner.extensions import db
from planner.models import CheckIn, Client, Message
from planner.vocabularies import DAYS
from workers.scheduler import tick

from tests.support.sms import active_client, inbound, phone
from tests.support.waiting import drain

CLIENTS = 12


def real_now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)


def inbound_consumers(worker):
    return [c for name, c in worker.consumers.items() if name.startswith("inbound")]


def reply_statuses() -> Counter:
    db.session.rollback()
    return Counter(db.session.scalars(db.select(Message.status).where(Message.direction == "inbound")))


def test_replies_lost_with_redis_are_handed_over_by_the_tick_and_processed_once(
        app, http, trainer, worker, broker, fake_twilio):
    today = datetime.now().date()
    # Reminders twelve hours away, so the tick below finds no reminder due.
    reminder = (datetime.now() + timedelta(hours=12)).strftime("%H:%M")
    numbers = [phone(i) for i in range(CLIENTS)]
    for i, number in enumerate(numbers):
        active_client(trainer, today.isoformat(), [DAYS[today.weekday()]], phone=number, name=f"Client {i}",
                      timezone="UTC", reminder=reminder)
    half = CLIENTS // 2

    consumers = inbound_consumers(worker)
    for consumer in consumers:
        consumer.pause()
    for consumer in consumers:
        consumer.paused_event.wait()
    for i, number in enumerate(numbers[:half]):
        assert inbound(http, app, number, "3 y", f"SM-stranded-{i}").status_code == 200
    broker.client.flushdb()  # Redis lost, with the first half's queue messages in it
    for consumer in consumers:
        consumer.resume()
    for i, number in enumerate(numbers[half:], start=half):
        assert inbound(http, app, number, "3 y", f"SM-stranded-{i}").status_code == 200
    drain(broker, worker)
    assert reply_statuses() == Counter({"received": half, "processed": CLIENTS - half})

    report = tick(real_now() + timedelta(minutes=3))
    assert report.replies_requeued == half and report.enqueued_ids == []  # no reminder due then
    drain(broker, worker)
    assert reply_statuses() == Counter({"processed": CLIENTS})
    checkins = db.session.execute(db.select(Client.phone, CheckIn.pain, CheckIn.done).join(Client)).all()
    assert sorted(checkins) == sorted((number, 3, True) for number in numbers)
    answers = Counter(m["To"] for m in fake_twilio.sent)
    assert answers == Counter(numbers), answers.most_common(3)  # one answer each: none lost, none twice

    # A second tick finds nothing left to hand over.
    assert tick(real_now() + timedelta(minutes=4)).replies_requeued == 0


def test_a_claim_left_by_a_dead_worker_is_given_back_and_processed(app, http, trainer, worker, broker,
                                                                   fake_twilio):
    today = datetime.now().date()
    reminder = (datetime.now() + timedelta(hours=12)).strftime("%H:%M")
    client = active_client(trainer, today.isoformat(), [DAYS[today.weekday()]], timezone="UTC", reminder=reminder)
    consumers = inbound_consumers(worker)
    for consumer in consumers:
        consumer.pause()
    for consumer in consumers:
        consumer.paused_event.wait()
    assert inbound(http, app, client["phone"], "4 y", "SM-claimed").status_code == 200
    broker.client.flushdb()
    # The worker that claimed it died mid-processing: the claim stays.
    message = db.session.scalar(db.select(Message).filter_by(twilio_sid="SM-claimed"))
    message.status = "processing"
    db.session.commit()
    for consumer in consumers:
        consumer.resume()

    soon = tick(real_now() + timedelta(minutes=3))
    assert soon.replies_requeued == 0  # a claim this young may still be in a live worker's hands
    later = tick(real_now() + timedelta(minutes=16))
    assert later.replies_requeued == 1
    drain(broker, worker)
    assert reply_statuses() == Counter({"processed": 1})
    assert db.session.scalar(db.select(CheckIn.pain)) == 4
    assert [m["To"] for m in fake_twilio.sent] == [client["phone"]]


def test_a_reply_that_keeps_failing_is_handed_over_a_few_times_then_left_for_the_trainer(
        app, http, trainer, broker):
    from planner.messaging.stranded_replies import MAX_RECOVERIES

    today = datetime.now().date()
    reminder = (datetime.now() + timedelta(hours=12)).strftime("%H:%M")
    client = active_client(trainer, today.isoformat(), [DAYS[today.weekday()]], timezone="UTC", reminder=reminder)
    assert inbound(http, app, client["phone"], "5", "SM-poison").status_code == 200
    handed = []
    for minute in range(3, 3 + MAX_RECOVERIES + 2):
        handed += tick(real_now() + timedelta(minutes=minute), enqueue_reply=lambda _: None).replies_requeued * [minute]
    assert len(handed) == MAX_RECOVERIES
    assert tick(real_now() + timedelta(days=3), enqueue_reply=lambda _: None).replies_requeued == 0
