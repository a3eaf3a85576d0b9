"""Helpers for the SMS tests: clients with an active program, and webhook
requests signed the way Twilio signs them."""
from __future__ import annotations

from datetime import datetime

from twilio.request_validator import RequestValidator

from planner.extensions import db
from planner.models import Client, Message, Program
from tests.support.waiting import drain

ASSESSMENT = {"performed_on": "2026-01-02", "muscle_tests": [
    {"muscle": "gluteus_medius", "side": "right", "grade": 3, "inhibited": False}],
    "overhead_squat": ["knees_move_inward"], "pain": [{"region": "knee", "score": 3}]}


def active_client(trainer, start: str, days: list[str], phone: str = "+14155552671",
                  timezone: str = "America/New_York", reminder: str = "08:00", checkin: str | None = None,
                  weeks: int = 4, name: str = "Ada Lovelace", opted_in_long_ago: bool = True) -> dict:
    """A consenting client whose program (published long ago) starts on `start`.
    Unless `opted_in_long_ago` is false, the practice's opt-in confirmation
    (its first text to the number) went out long ago too, so what follows
    counts reminders and prompts only; tests/integration/messaging/
    test_sms_routing.py follows the first text itself."""
    client = trainer.create_client(name=name, phone=phone, timezone=timezone, reminder_time=reminder,
                                   training_days=days)
    assert trainer.post(f"/api/v1/clients/{client['id']}/assessments", json=ASSESSMENT).status_code == 201
    program = trainer.post(f"/api/v1/clients/{client['id']}/programs", json={
        "start_date": start, "weeks": weeks, "sessions_per_week": len(days)}).get_json()
    assert trainer.post(f"/api/v1/programs/{program['id']}/publish").status_code == 200
    row = db.session.get(Program, program["id"])
    row.published_at = datetime(2025, 1, 1)
    if opted_in_long_ago:
        mark_opted_in_long_ago(row.client_id)
    if checkin:
        from datetime import time
        hours, minutes = map(int, checkin.split(":"))
        row.client.checkin_time = time(hours, minutes)
    db.session.commit()
    return client | {"program": program}


def reminded_an_hour_ago(trainer, broker, worker) -> dict:
    """A client whose program starts today (New York time), who got today's
    reminder an hour ago on the real clock, since replies arrive on it."""
    from datetime import timedelta, timezone
    from zoneinfo import ZoneInfo

    from planner.vocabularies import DAYS
    from workers.scheduler import tick

    new_york = ZoneInfo("America/New_York")
    now_utc = datetime.now(timezone.utc).replace(tzinfo=None, second=0, microsecond=0)
    hour_ago = (datetime.now(new_york) - timedelta(hours=1)).replace(second=0, microsecond=0)
    if hour_ago.date() != datetime.now(new_york).date():
        hour_ago = datetime.now(new_york).replace(hour=0, minute=0, second=0, microsecond=0)
    today = datetime.now(new_york).date()
    client = active_client(trainer, today.isoformat(), [DAYS[today.weekday()]],
                           reminder=hour_ago.strftime("%H:%M"), checkin="23:59")
    tick(now_utc)
    drain(broker, worker)
    return client | {"today": today.isoformat(), "now": now_utc}


def mark_opted_in_long_ago(client_id: int) -> None:
    """The practice's opt-in confirmation to this client went out long ago
    (what a client's first text is, test_sms_routing.py shows)."""
    db.session.get(Client, client_id).opt_in_sent_at = datetime(2025, 1, 1)
    db.session.commit()


def phone(i: int) -> str:
    return f"+1415555{2600 + i:04d}"


def sign(app, path: str, params: dict) -> dict:
    url = app.config["PUBLIC_BASE_URL"] + path
    token = app.config["TWILIO_AUTH_TOKEN"]
    return {"X-Twilio-Signature": RequestValidator(token).compute_signature(url, params)}


def inbound(http, app, sender: str, body: str, sid: str, signed: bool = True, to: str | None = None):
    """A text from `sender` to `to` (default: the shared number), posted as Twilio posts it."""
    params = {"MessageSid": sid, "From": sender, "To": to or app.config["TWILIO_FROM_NUMBER"], "Body": body}
    headers = sign(app, "/sms/inbound", params) if signed else {}
    return http.post("/sms/inbound", data=params, headers=headers)


def reply_at(app, http, worker, broker, sender: str, body: str, sid: str, when: datetime):
    """A reply that arrived at `when` (naive UTC, simulated time): the worker
    stops fetching replies while its arrival is dated, then reads it."""
    consumers = [c for name, c in worker.consumers.items() if name.startswith("inbound")]
    for consumer in consumers:
        consumer.pause()
    for consumer in consumers:
        consumer.paused_event.wait()
    response = inbound(http, app, sender, body, sid)
    assert response.status_code == 200
    db.session.scalar(db.select(Message).filter_by(twilio_sid=sid)).created_at = when
    db.session.commit()
    for consumer in consumers:
        consumer.resume()
    drain(broker, worker)
    return response
