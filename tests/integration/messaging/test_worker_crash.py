"""A worker process killed in the middle of a fan-out loses no reminder,
and sends at most one duplicate per message in flight when it died (one,
with one thread)."""
import os
import signal
import subprocess
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path

from planner.extensions import db
from planner.models import Dispatch
from workers.scheduler import tick

from tests.support.fake_twilio import TWILIO_TEST_SETTINGS
from tests.support.sms import active_client, phone
from tests.support.waiting import wait_for

PLANNER = str(Path(sys.executable).with_name("planner"))
CLIENTS = 60


def worker_env(app, fake_twilio) -> dict:
    env = {k: v for k, v in os.environ.items()}
    env.update({key: str(value) for key, value in TWILIO_TEST_SETTINGS.items()})
    env.update({
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "REDIS_URL": app.config["REDIS_URL"],
        "TWILIO_API_BASE_URL": fake_twilio.url,
        "SECRET_KEY": app.config["SECRET_KEY"],
        "WORKER_HEARTBEAT_TIMEOUT_MS": "1000",  # a dead worker's messages return after a second
    })
    return env


def start_worker(env) -> subprocess.Popen:
    return subprocess.Popen([PLANNER, "worker", "--processes", "1", "--threads", "1"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def sent_dispatches() -> int:
    db.session.rollback()
    return db.session.scalar(db.select(db.func.count(Dispatch.id)).where(Dispatch.state == "sent"))


def test_killed_worker_loses_nothing_and_duplicates_at_most_once(app, trainer, broker, fake_twilio, clean_db):
    import workers.tasks  # noqa: F401

    numbers = [phone(i) for i in range(CLIENTS)]
    for i, number in enumerate(numbers):
        active_client(trainer, "2026-03-02", ["mon"], phone=number, name=f"Client {i}")
    fake_twilio.delay = 0.03
    report = tick(datetime(2026, 3, 2, 13, 0))
    db.session.commit()
    assert report.created == CLIENTS

    env = worker_env(app, fake_twilio)
    first = start_worker(env)
    try:
        assert wait_for(lambda: len(fake_twilio.sent) >= CLIENTS // 3, 60), "the first worker sent nothing"
        os.killpg(first.pid, signal.SIGKILL)  # mid-send, no goodbye
        first.wait(10)
        killed_after = len(fake_twilio.sent)
        assert killed_after < CLIENTS, "the fan-out finished before the kill"
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
    second = start_worker(env)
    try:
        ok = wait_for(lambda: sent_dispatches() == CLIENTS, 90)
        assert ok, f"only {sent_dispatches()} sent"
    finally:
        os.killpg(second.pid, signal.SIGTERM)
        second.wait(20)
    received = Counter(m["To"] for m in fake_twilio.sent)
    assert set(received) == set(numbers)  # nobody lost
    duplicates = sum(count - 1 for count in received.values())
    assert duplicates <= 1, received.most_common(3)


def test_killed_worker_still_sends_each_first_reminder_after_its_opt_in_confirmation(app, trainer, broker,
                                                                                     fake_twilio, clean_db):
    """Every reminder here is its practice's first text, so the opt-in
    confirmation goes first: a worker taking over after the kill finds the
    ones already made (the dispatch names them) and sends neither twice."""
    import workers.tasks  # noqa: F401

    numbers = [phone(i) for i in range(CLIENTS)]
    for i, number in enumerate(numbers):
        active_client(trainer, "2026-03-02", ["mon"], phone=number, name=f"Client {i}", opted_in_long_ago=False)
    fake_twilio.delay = 0.03
    assert tick(datetime(2026, 3, 2, 13, 0)).created == CLIENTS
    db.session.commit()

    env = worker_env(app, fake_twilio)
    first = start_worker(env)
    try:
        assert wait_for(lambda: len(fake_twilio.sent) >= CLIENTS // 2, 60), "the first worker sent nothing"
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(10)
        assert len(fake_twilio.sent) < 2 * CLIENTS, "the fan-out finished before the kill"
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
    second = start_worker(env)
    try:
        assert wait_for(lambda: sent_dispatches() == CLIENTS, 90), f"only {sent_dispatches()} sent"
    finally:
        os.killpg(second.pid, signal.SIGTERM)
        second.wait(20)
    by_number: dict[str, list[str]] = {}
    for message in fake_twilio.sent:
        kind = "opt_in" if "Reply YES to confirm" in message["Body"] else "reminder"
        by_number.setdefault(message["To"], []).append(kind)
    assert set(by_number) == set(numbers)  # nobody lost
    for kinds in by_number.values():  # the opt-in confirmation first, each at most twice in all
        assert kinds[0] == "opt_in" and "reminder" in kinds
    duplicates = sum(len(kinds) - 2 for kinds in by_number.values())
    assert duplicates <= 1, by_number
