"""What a trainer does in a client's conversation: send a message by hand,
record a check-in taken by phone or in person, mark a problem as dealt with.
Shared by the JSON API and the web app, which commit and then hand the
message or the check-in to a worker."""
from __future__ import annotations

from datetime import date

from planner.extensions import db
from planner.messaging.inbound import record_checkin
from planner.messaging.outbound import Queued, can_message, queue_text
from planner.models import CheckIn, Client, Message
from planner.models.people import utcnow
from planner.messaging.replies import CheckInReply
from planner.messaging.settings import SmsSettings
from planner.validation import InputError


class CannotMessage(Exception):
    """The client may not be sent SMS right now; the message says why."""


def send_manual_message(client: Client, body: str, settings: SmsSettings) -> Queued:
    """Store the trainer's message, pending, for a worker to send (after the
    practice's opt-in confirmation, when this is its first text)."""
    if client.sms_opted_out_at is not None:
        raise CannotMessage("this client replied STOP: no message can be sent until they reply START")
    if not can_message(client):
        raise CannotMessage("this client has not agreed to SMS (sms_consent is false)")
    return queue_text(client, "manual", body, settings)


def record_trainer_checkin(client: Client, day: date, pain: int | None, done: bool | None, today: date,
                           exercise_pain: int | None = None, morning_pain: int | None = None) -> CheckIn:
    if day > today:
        raise InputError({"date": f"{day.isoformat()} is in the future (today is {today.isoformat()})"})
    if pain is None and done is None and exercise_pain is None and morning_pain is None:
        raise InputError({"pain": "give a pain score, done, or both"})
    checkin = record_checkin(client, day, CheckInReply(pain, done, exercise_pain, morning_pain), "trainer")
    db.session.flush()
    return checkin


def mark_handled(client: Client, message_id: int) -> Message | None:
    """Take a failed send or an unparsed reply off the attention list."""
    message = db.session.scalar(db.select(Message).filter_by(id=message_id, client_id=client.id))
    if message is not None and message.handled_at is None:
        message.handled_at = utcnow()
    return message
