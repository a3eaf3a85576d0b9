"""The nightly review and the Monday digest: scheduled at each person's
local time, run by a real worker, proposals approved, dismissed or applied
automatically, digests on the dashboard and by email through a real SMTP
server."""
from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from planner.extensions import db
from planner.models import Alert, CheckIn, Client, Digest, Program, ProgramChange, ProgramReview, Trainer

from tests.support.waiting import drain

ZONE = "America/New_York"


def utc(day, hhmm: str, zone: str = ZONE) -> datetime:
    """The UTC instant of a local wall-clock time."""
    local = datetime.combine(day, time.fromisoformat(hhmm), ZoneInfo(zone))
    return local.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)


@pytest.fixture
def running(trainer):
    """A client on an active program that started three weeks before 'today' (2026-03-16, a Monday)."""
    client = trainer.create_client(timezone=ZONE, training_days=["mon", "wed", "fri"])
    assessment = {"performed_on": "2026-02-20", "muscle_tests": [{"muscle": "gluteus_medius", "side": "left",
                                                                  "grade": 3}],
                  "overhead_squat": ["knees_move_inward"], "pain": [{"region": "knee", "score": 5}]}
    assert trainer.post(f"/api/v1/clients/{client['id']}/assessments", json=assessment).status_code == 201
    program = trainer.post(f"/api/v1/clients/{client['id']}/programs",
                           json={"start_date": "2026-02-23", "weeks": 8, "equipment": ["resistance_band"]}).get_json()
    assert trainer.post(f"/api/v1/programs/{program['id']}/publish").status_code == 200
    return client | {"program_id": program["id"], "today": datetime(2026, 3, 16).date()}


def checkins(client_id, days_and_pains, done=True):
    for day, pain in days_and_pains:
        db.session.add(CheckIn(client_id=client_id, date=day, pain=pain, done=done, source="sms"))
    db.session.commit()


def good_fortnight(running) -> list:
    """Every session of the last two weeks done, at pain 2 (baseline 5)."""
    today = running["today"]
    days = session_days(running["program_id"], today - timedelta(days=14), today)
    checkins(running["id"], [(d, 2) for d in days])
    return days


def session_days(program_id, since, until):
    program = db.session.get(Program, program_id)
    return [s.date for s in program.sessions if since <= s.date < until]


def periodic(now):
    from workers.scheduler import periodic_tick
    return periodic_tick(now)


def test_reviews_run_once_a_night_after_the_local_review_time(running, worker, broker):
    today = running["today"]
    assert periodic(utc(today, "02:59")).reviews == 0
    first = periodic(utc(today, "03:00"))
    assert first.reviews == 1
    assert periodic(utc(today, "03:05")).reviews == 0  # and a second scheduler finds it taken
    drain(broker, worker)
    review = db.session.scalar(db.select(ProgramReview))
    assert (review.reviewed_on, review.program_id) == (today, running["program_id"])
    assert review.status in ("no_change", "proposed")
    assert periodic(utc(today + timedelta(days=1), "03:01")).reviews == 1


def test_good_weeks_propose_a_progression_that_waits_for_approval(running, web_for, worker, broker):
    today = running["today"]
    days = good_fortnight(running)
    periodic(utc(today, "03:10"))
    drain(broker, worker)
    review = db.session.scalar(db.select(ProgramReview))
    assert (review.status, review.kind) == ("proposed", "progress")
    assert "at or below the baseline 5" in review.reason and len(review.evidence) == len(days)
    assert review.changes and all(c["action"] in ("swap", "dose") for c in review.changes)
    program = db.session.get(Program, running["program_id"])
    assert not any(c.action == "adjusted" for c in program.changes)  # nothing changed yet

    web = web_for(running)
    page = web.page(f"/clients/{running['id']}")
    assert "Proposed program change" in page and "Progress" in page
    assert "Program change to approve" in web.page("/dashboard")
    assert web.post(f"/reviews/{review.id}/approve").status_code == 302
    db.session.expire_all()
    assert review.status == "applied" and review.decided_by == running["trainer_id"]
    change = db.session.scalars(db.select(ProgramChange).filter_by(program_id=program.id, action="adjusted")).one()
    assert change.details["review_id"] == review.id and change.details["reason"] == review.reason
    assert [e["id"] for e in change.details["evidence"]] == [e["id"] for e in review.evidence]
    items = {i.id: i for s in program.sessions for i in s.items}
    for applied in change.details["applied"]:
        item = items[applied["item_id"]]
        for name, value in applied["after"].items():
            assert (item.exercise.slug if name == "exercise" else getattr(item, name)) == value
    # Approving twice does nothing more.
    web.post(f"/reviews/{review.id}/approve")
    assert db.session.scalar(db.select(db.func.count(ProgramChange.id)).filter_by(action="adjusted")) == 1


def test_a_flare_proposes_a_regression_and_auto_adjust_applies_it(running, worker, broker):
    today = running["today"]
    db.session.get(Client, running["id"]).auto_adjust = True
    days = session_days(running["program_id"], today - timedelta(days=14), today)
    # 8 and 8 on the last two sessions: raised, and still raised: a flare.
    checkins(running["id"], [(d, 3) for d in days[:-2]] + [(days[-2], 8), (days[-1], 8)])
    periodic(utc(today, "04:00"))
    drain(broker, worker)
    review = db.session.scalar(db.select(ProgramReview))
    assert (review.kind, review.status, review.decided_by) == ("regress", "applied", None)
    assert review.reason.startswith(f"a flare on {days[-1].isoformat()}")
    change = db.session.scalars(db.select(ProgramChange).filter_by(action="adjusted")).one()
    assert change.details["automatic"] is True and change.trainer_id is None


def test_a_decided_review_is_not_proposed_again_the_next_night(running, worker, broker):
    today = running["today"]
    db.session.get(Client, running["id"]).auto_adjust = True
    days = session_days(running["program_id"], today - timedelta(days=14), today)
    # 8 and 8 on the last two sessions: raised, and still raised: a flare.
    checkins(running["id"], [(d, 3) for d in days[:-2]] + [(days[-2], 8), (days[-1], 8)])
    for night in range(3):
        periodic(utc(today + timedelta(days=night), "03:30"))
        drain(broker, worker)
    reviews = db.session.scalars(db.select(ProgramReview).order_by(ProgramReview.reviewed_on)).all()
    assert [r.status for r in reviews] == ["applied", "no_change", "no_change"]
    assert db.session.scalar(db.select(db.func.count(ProgramChange.id)).filter_by(action="adjusted")) == 1


def test_few_sessions_done_shorten_the_sessions_and_alert(running, worker, broker):
    today = running["today"]
    days = session_days(running["program_id"], today - timedelta(days=14), today)
    checkins(running["id"], [(days[0], 3)])
    periodic(utc(today, "03:30"))
    drain(broker, worker)
    review = db.session.scalar(db.select(ProgramReview))
    assert review.kind == "shorten" and review.reason.startswith(f"1 of {len(days)} sessions done")
    assert review.status == "proposed" and review.changes
    assert all(c["action"] == "remove" for c in review.changes)
    alert = db.session.scalar(db.select(Alert).filter_by(client_id=running["id"]))
    assert alert.kind == "low_adherence" and alert.details["review_id"] == review.id


def test_a_dismissed_proposal_changes_nothing_and_a_newer_one_supersedes_it(running, web_for, worker, broker):
    today = running["today"]
    good_fortnight(running)
    periodic(utc(today, "03:10"))
    drain(broker, worker)
    periodic(utc(today + timedelta(days=1), "03:10"))
    drain(broker, worker)
    first, second = db.session.scalars(db.select(ProgramReview).order_by(ProgramReview.reviewed_on)).all()
    assert (first.status, second.status) == ("superseded", "proposed")
    web = web_for(running)
    response = web.post(f"/reviews/{first.id}/approve")
    assert "Not done: this proposal is superseded" in web.page(response.headers["Location"].split("#")[0])
    assert web.post(f"/reviews/{second.id}/dismiss").status_code == 302
    db.session.expire_all()
    assert second.status == "dismissed"
    assert db.session.scalar(db.select(db.func.count(ProgramChange.id)).filter_by(action="adjusted")) == 0


def test_another_trainer_cannot_decide_a_proposal(running, make_web_trainer, worker, broker):
    today = running["today"]
    good_fortnight(running)
    periodic(utc(today, "03:10"))
    drain(broker, worker)
    review = db.session.scalar(db.select(ProgramReview))
    bob = make_web_trainer(email="bob@clinic.example", name="Bob")
    assert bob.post(f"/reviews/{review.id}/approve").status_code == 404
    db.session.expire_all()
    assert review.status == "proposed"


@pytest.fixture
def web_for(app, trainer):
    """The API trainer, signed in to the web app too."""
    from tests.support.web import WebTrainer

    def sign_in(running):
        running["trainer_id"] = trainer.id
        return WebTrainer(app.test_client(), trainer.id, "ann@clinic.example", "correct horse battery").sign_in()
    return sign_in


@pytest.fixture
def smtp_server():
    """A real SMTP server on loopback that keeps what it receives."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message as MessageHandler

    class Inbox(MessageHandler):
        def __init__(self):
            super().__init__()
            self.messages = []

        def handle_message(self, message):
            self.messages.append(message)

    from planner.embedded_redis import free_loopback_port

    inbox = Inbox()
    inbox.port = free_loopback_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=inbox.port)
    controller.start()
    yield inbox
    controller.stop()


def test_the_monday_digest_lists_who_needs_attention_and_is_emailed_once(app, running, web_for, worker, broker,
                                                                         smtp_server, monkeypatch):
    monkeypatch.setitem(app.config, "SMTP_HOST", "127.0.0.1")
    monkeypatch.setitem(app.config, "SMTP_PORT", smtp_server.port)
    monkeypatch.setitem(app.config, "SMTP_STARTTLS", False)
    monkeypatch.setitem(app.config, "SMTP_FROM", "planner@clinic.example")
    trainer = db.session.get(Trainer, db.session.get(Client, running["id"]).trainer_id)
    trainer.timezone = "Europe/Berlin"
    db.session.get(Client, running["id"]).sms_opted_out_at = datetime(2026, 3, 1)
    db.session.commit()
    monday = running["today"]
    assert periodic(utc(monday, "06:59", "Europe/Berlin")).digests == 0
    assert periodic(utc(monday, "07:00", "Europe/Berlin")).digests == 1
    assert periodic(utc(monday, "09:00", "Europe/Berlin")).digests == 0
    assert periodic(utc(monday + timedelta(days=1), "07:00", "Europe/Berlin")).digests == 0  # Tuesday
    drain(broker, worker)
    digest = db.session.scalar(db.select(Digest))
    assert digest.status == "ready" and digest.week_start == monday and digest.emailed_at is not None
    assert [e["name"] for e in digest.entries] == ["Ada Lovelace"]
    assert "Opted out of SMS" in [r["text"] for r in digest.entries[0]["reasons"]]

    assert len(smtp_server.messages) == 1
    email = smtp_server.messages[0]
    assert email["To"] == "ann@clinic.example" and email["Subject"].endswith("1 client needs attention")
    body = email.get_payload()
    assert "- Ada Lovelace: " in body and "opted out of SMS" in body and "/dashboard" in body
    assert not re.search(r"\d+/10|\d+ points", body)  # no health figures in a mailbox
    # Run again (a redelivered message): not rebuilt, not emailed twice.
    from workers.tasks import build_digest
    build_digest(digest.id)
    assert len(smtp_server.messages) == 1

    web = web_for(running)
    page = web.page("/dashboard")
    assert "This week’s digest" in page and "emailed" in page


def test_a_review_whose_worker_died_is_handed_out_again_but_a_live_one_is_not(running):
    from workers.scheduler import periodic_tick

    today = running["today"]
    handed = []
    periodic_tick(utc(today, "03:00"), enqueue_review=handed.append, enqueue_digest=lambda _: None)
    review = db.session.get(ProgramReview, handed[0])
    review.status, review.claimed_at = "running", utc(today, "03:01")  # a worker took it
    db.session.commit()
    periodic_tick(utc(today, "03:05"), enqueue_review=handed.append, enqueue_digest=lambda _: None)
    assert handed == [review.id]  # still within its time: left alone
    periodic_tick(utc(today, "03:20"), enqueue_review=handed.append, enqueue_digest=lambda _: None)
    db.session.expire_all()
    assert handed == [review.id, review.id] and review.status == "pending"
    periodic_tick(utc(today, "03:25"), enqueue_review=handed.append, enqueue_digest=lambda _: None)
    assert len(handed) == 2  # just handed out again: not a third time yet
