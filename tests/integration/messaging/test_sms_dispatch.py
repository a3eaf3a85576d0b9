"""Reminders and check-in prompts: the scheduler's tick, a real Dramatiq
worker on a real Redis, and the real twilio library talking HTTP to a fake
Twilio server."""
import re
import threading
from datetime import datetime

import pytest

from planner.extensions import db
from planner.messaging.session_links import program_url
from planner.messaging.settings import SmsSettings
from planner.models import Client, Dispatch, Message
from workers.scheduler import tick

from tests.support.sms import active_client, phone
from tests.support.waiting import drain, wait_for


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def dispatches():
    return list(db.session.scalars(db.select(Dispatch).order_by(Dispatch.id)))


def test_reminder_goes_out_at_local_time_with_a_link_and_nothing_clinical(app, trainer, worker, broker,
                                                                         fake_twilio):
    client = active_client(trainer, "2026-03-02", ["mon", "wed", "fri"], reminder="08:00")
    assert tick(at("2026-03-02T12:59")).created == 0  # 07:59 in New York
    report = tick(at("2026-03-02T13:00"))
    assert report.created == 1
    drain(broker, worker)
    bodies = fake_twilio.bodies_to(client["phone"])
    assert len(bodies) == 1
    assert bodies[0].startswith("Ann Trainer: Hi Ada, today is a training day.")
    link = re.search(r"https://planner\.example\.test/p/\S+", bodies[0]).group(0)
    for clinical in ("gluteus", "medius", "knee", "weak", "3/5", "pain"):
        assert clinical not in bodies[0].lower()
    sent = fake_twilio.sent[0]
    assert sent["From"] == app.config["TWILIO_FROM_NUMBER"]
    assert sent["StatusCallback"] == "https://planner.example.test/sms/status"
    message = db.session.scalar(db.select(Message))
    assert (message.status, message.twilio_sid, message.kind) == ("queued", sent["Sid"], "reminder")
    # The link is the program's own (tests/integration/web/test_client_link.py opens it on
    # every day of a program); this program, in March, is over by now.
    with app.test_request_context():
        assert link == program_url(client["program"]["id"], 0, SmsSettings.from_config(app.config))
    page = trainer.http.get(link.removeprefix("https://planner.example.test"))
    assert page.status_code == 410 and "This program has ended" in page.get_data(as_text=True)
    # Ticking the same minute again sends nothing more.
    assert tick(at("2026-03-02T13:00")).created == 0
    assert tick(at("2026-03-02T13:05")).created == 0


def test_no_reminder_on_rest_days_or_outside_the_program(trainer, worker, broker, fake_twilio):
    active_client(trainer, "2026-03-02", ["mon", "wed", "fri"], weeks=1)
    assert tick(at("2026-02-27T13:00")).created == 0  # before the start
    assert tick(at("2026-03-02T12:00")).created == 0  # the first day, before 08:00
    # Tuesday, past the morning question's grace: Monday's slots are only missed
    assert tick(at("2026-03-03T18:00")).enqueued_ids == []
    assert tick(at("2026-03-09T13:00")).enqueued_ids == []  # a Monday after the one-week program


def test_checkin_prompt_in_the_evening(trainer, worker, broker, fake_twilio):
    client = active_client(trainer, "2026-03-02", ["mon"], checkin="19:00")
    tick(at("2026-03-02T13:00"))
    drain(broker, worker)  # the morning reminder goes out first
    report = tick(at("2026-03-03T00:00"))  # 19:00 in New York
    assert report.created == 1
    drain(broker, worker)
    bodies = fake_twilio.bodies_to(client["phone"])
    assert len(bodies) == 2 and "Reply with your pain from 0 to 10" in bodies[1]
    assert [d.kind for d in dispatches()] == ["reminder", "checkin_prompt"]


@pytest.mark.parametrize("zone, day, reminder, due, later", [
    ("America/New_York", "2026-03-08", "08:00", "2026-03-08T12:00", "2026-03-08T13:00"),  # spring forward
    ("America/New_York", "2026-03-08", "02:30", "2026-03-08T07:00", "2026-03-08T07:30"),  # 02:30 does not exist
    ("America/New_York", "2026-11-01", "08:00", "2026-11-01T13:00", "2026-11-01T14:00"),  # fall back
    ("America/New_York", "2026-11-01", "01:30", "2026-11-01T05:30", "2026-11-01T06:30"),  # 01:30 happens twice
    ("Europe/Berlin", "2026-03-29", "08:00", "2026-03-29T06:00", "2026-03-29T07:00"),
    ("Europe/Berlin", "2026-03-29", "02:15", "2026-03-29T01:00", "2026-03-29T01:15"),
    ("Europe/Berlin", "2026-10-25", "02:30", "2026-10-25T00:30", "2026-10-25T01:30"),
])
def test_daylight_saving_days(trainer, worker, broker, fake_twilio, zone, day, reminder, due, later):
    client = active_client(trainer, day, ["sun"], timezone=zone, reminder=reminder, weeks=1)
    before = at(due).replace(minute=at(due).minute - 1) if at(due).minute else at(due).replace(
        hour=at(due).hour - 1, minute=59)
    assert tick(before).created == 0
    assert tick(at(due)).created == 1
    assert tick(at(later)).created == 0  # the wall-clock time again, an hour on: not twice
    drain(broker, worker)
    assert len(fake_twilio.bodies_to(client["phone"])) == 1
    assert dispatches()[0].due_at == at(due)


def test_after_downtime_late_within_grace_missed_beyond(trainer, worker, broker, fake_twilio):
    late = active_client(trainer, "2026-03-02", ["mon"], reminder="08:00", phone=phone(1))
    old = active_client(trainer, "2026-03-02", ["mon"], reminder="05:00", phone=phone(2), name="Bo Old")
    report = tick(at("2026-03-02T14:30"))  # 09:30 in New York: 08:00 is 1.5 h late, 05:00 is 4.5 h
    assert (report.created, report.missed) == (2, 1)
    drain(broker, worker)
    assert len(fake_twilio.bodies_to(late["phone"])) == 1
    assert fake_twilio.bodies_to(old["phone"]) == []
    states = {d.client_id: d.state for d in dispatches()}
    assert states == {late["id"]: "sent", old["id"]: "missed"}


def test_two_schedulers_ticking_the_same_minute_send_once(app, trainer, worker, broker, fake_twilio):
    for i in range(20):
        active_client(trainer, "2026-03-02", ["mon"], phone=phone(i), name=f"Client {i}")
    reports = []
    barrier = threading.Barrier(2)

    def run():
        with app.app_context():
            barrier.wait()
            reports.append(tick(at("2026-03-02T13:00")))
            db.session.remove()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r.created for r in reports)[1] + sorted(r.created for r in reports)[0] == 20
    assert len({i for r in reports for i in r.enqueued_ids}) == 20
    drain(broker, worker)
    assert len(fake_twilio.sent) == 20
    assert len({m["To"] for m in fake_twilio.sent}) == 20


def test_a_tick_works_through_clients_a_chunk_at_a_time(trainer, worker, broker, fake_twilio, monkeypatch):
    import workers.scheduler

    monkeypatch.setattr(workers.scheduler, "CLIENTS_PER_CHUNK", 7)
    for i in range(16):
        active_client(trainer, "2026-03-02", ["mon"], phone=phone(i), name=f"Client {i}")
    report = tick(at("2026-03-02T13:00"))
    assert (report.due, report.created, len(report.enqueued_ids)) == (16, 16, 16)
    drain(broker, worker)
    assert len({m["To"] for m in fake_twilio.sent}) == 16 == len(fake_twilio.sent)


def test_a_redelivered_or_repeated_actor_sends_once(trainer, worker, broker, fake_twilio):
    from workers.tasks import send_dispatches

    client = active_client(trainer, "2026-03-02", ["mon"])
    sent = []
    tick(at("2026-03-02T13:00"), enqueue=sent.append)
    ids = sent[0]
    send_dispatches.send(ids)
    send_dispatches.send(ids)  # a second copy, as a double enqueue would make
    drain(broker, worker)
    # The same Dramatiq message delivered again (same owner) after it finished.
    from planner.messaging.transport import transport_from_config
    from flask import current_app
    from workers.tasks import SentMarkers, send_dispatch_batch as send_now
    assert send_now(ids, "redelivered-message-id", transport_from_config(current_app.config), SentMarkers()) == []
    db.session.commit()
    assert len(fake_twilio.bodies_to(client["phone"])) == 1


def test_transient_errors_retry_with_backoff_then_send(trainer, worker, broker, fake_twilio):
    from workers.tasks import send_dispatches

    client = active_client(trainer, "2026-03-02", ["mon"])
    fake_twilio.script[:] = [429, 500, ("hang", 2)]  # the hang outlasts the 1 s HTTP timeout
    tick(at("2026-03-02T13:00"), enqueue=lambda ids: send_dispatches.send_with_options(
        args=(ids,), min_backoff=50, max_backoff=200))
    db.session.commit()
    wait_until(lambda: db.session.scalar(db.select(Dispatch.state)) == "sent")
    message = db.session.scalar(db.select(Message))
    assert message.attempts == 4 and message.status == "queued" and message.error_code is None
    assert len(fake_twilio.bodies_to(client["phone"])) == 1


def test_retries_exhausted_marks_the_message_failed(trainer, worker, broker, fake_twilio):
    from workers.tasks import send_dispatches

    active_client(trainer, "2026-03-02", ["mon"])
    fake_twilio.script[:] = [500] * 10
    tick(at("2026-03-02T13:00"), enqueue=lambda ids: send_dispatches.send_with_options(
        args=(ids,), min_backoff=20, max_backoff=50, max_retries=2))
    db.session.commit()
    wait_until(lambda: db.session.scalar(db.select(Dispatch.state)) == "failed")
    message = db.session.scalar(db.select(Message))
    assert message.status == "failed" and message.attempts == 3 and message.error_code == 20500
    assert fake_twilio.sent == []


@pytest.mark.parametrize("code", [21610, 21211])
def test_permanent_errors_fail_at_once(trainer, worker, broker, fake_twilio, code):
    client = active_client(trainer, "2026-03-02", ["mon"])
    fake_twilio.script[:] = [code]
    tick(at("2026-03-02T13:00"))
    drain(broker, worker)
    message = db.session.scalar(db.select(Message))
    assert (message.status, message.error_code, message.attempts) == ("failed", code, 1)
    assert fake_twilio.requests == 1
    opted_out = db.session.get(Client, client["id"]).sms_opted_out_at is not None
    assert opted_out == (code == 21610)
    if code == 21610:  # nothing more goes to someone who unsubscribed
        assert tick(at("2026-03-03T00:00")).created == 0


def test_sending_respects_the_rate_per_sender(app, trainer, worker, broker, fake_twilio):
    for i in range(8):
        active_client(trainer, "2026-03-02", ["mon"], phone=phone(i), name=f"Client {i}")
    app.config["SMS_RATE_PER_SECOND"] = 2
    try:
        tick(at("2026-03-02T13:00"))
        drain(broker, worker)
    finally:
        app.config["SMS_RATE_PER_SECOND"] = 0
    times = sorted(m["at"] for m in fake_twilio.sent)
    assert len(times) == 8
    # Two a second, in one-second buckets: eight messages fill four buckets,
    # so the last goes out more than two seconds after the first.
    assert times[-1] - times[0] >= 2.0


def wait_until(condition, timeout=30.0):
    def fresh():
        db.session.rollback()
        db.session.expire_all()
        return condition()
    assert wait_for(fresh, timeout, 0.1), "condition not met in time"
