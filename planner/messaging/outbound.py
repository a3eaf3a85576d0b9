"""Outbound SMS: composing texts, handing each to the transport once, and
recording every outcome. A batch of reminders and prompts goes through
planner/messaging/fan_out.py, which builds on these.

Delivery is at least once, made idempotent: a message is handed to Twilio
only while its status is still `pending`. A worker that dies between
Twilio accepting a message and the commit that records it can cause one
duplicate; nothing is lost.

A practice's first text to a number is its opt-in confirmation, sent
before anything else (planner/messaging/bindings.py); to a binding that
awaits the person's YES nothing else goes out until then.

These functions change and flush; the caller (a view or an actor in
workers/tasks.py) commits, between the steps where the guarantees above
need it."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam

from planner.extensions import db
from planner.messaging import bindings, texts
from planner.messaging.bindings import OPT_IN
from planner.messaging.settings import SmsSettings
from planner.messaging.transport import UNSUBSCRIBED, PermanentSmsError, TransientSmsError
from planner.models import Client, Dispatch, Message
from planner.models.people import AWAITING, utcnow


def can_message(client) -> bool:
    return client.sms_consent and client.sms_opted_out_at is None


def compose(dispatch, client, settings: SmsSettings, link: str | None = None) -> str:
    """The text for a dispatch (a Dispatch or a row with its kind and
    program_session_id) to a client (a Client, or a row with id, name,
    practice_name and trainer_name). A reminder carries `link`, the
    program's current link (session_links.program_urls)."""
    practice = practice_of(client)
    if dispatch.kind in ("reminder", "morning_reminder"):
        link = link or settings.public_base_url
        return (texts.reminder if dispatch.kind == "reminder" else texts.morning_reminder)(client.name, practice, link)
    if dispatch.kind == "morning_prompt":
        return texts.morning_prompt(client.name, practice)
    if dispatch.kind == "follow_up":
        return texts.follow_up_prompt(client.name, practice)
    return texts.checkin_prompt(client.name, practice)


def practice_of(client) -> str:
    """How texts name the client's practice, for a Client or a plain row
    with the trainer's practice_name and trainer_name."""
    if isinstance(client, Client):
        return client.trainer.practice
    return client.practice_name or client.trainer_name


def outbound_message(client: Client | None, to: str, kind: str, body: str, from_number: str | None,
                     dispatch: Dispatch | None = None) -> Message:
    message = Message(client_id=client.id if client else None, dispatch_id=dispatch.id if dispatch else None,
                      direction="outbound", kind=kind, to_number=to, from_number=from_number, body=body,
                      status="pending")
    db.session.add(message)
    return message


@dataclass(frozen=True)
class Queued:
    message: Message  # the text asked for
    send_order: list[int]  # what to hand a worker (send_messages), the opt-in confirmation first if due


def queue_text(client: Client, kind: str, body: str, settings: SmsSettings, now: datetime | None = None) -> Queued:
    """Store a text to a client, pending, from the practice's sender number;
    preceded by the practice's opt-in confirmation when that is due (its
    first text to the number). Flushed; the caller commits, then hands
    `send_order` to one worker, which sends them in that order."""
    now = now or utcnow()
    sender = settings.sender_for(client.trainer.sms_from_number)
    order = []
    if bindings.opt_in_due(client, now) and bindings.claim_opt_ins([client.id], now):
        db.session.expire(client, ["opt_in_sent_at", "updated_at"])
        order.append(outbound_message(client, client.phone, OPT_IN,
                                      texts.opt_in_confirmation(client.trainer.practice), sender))
    message = outbound_message(client, client.phone, kind, body, sender)
    order.append(message)
    db.session.flush()
    return Queued(message, [m.id for m in order])


def opt_out(phone: str, when: datetime) -> int:
    """STOP applies to the phone, whichever trainer's client it is."""
    result = db.session.execute(db.update(Client).where(Client.phone == phone, Client.sms_opted_out_at.is_(None))
                                .values(sms_opted_out_at=when))
    return result.rowcount


@dataclass(frozen=True)
class Outcome:
    status: str  # the new message status; "pending" again after a transient error
    sid: str | None = None
    error_code: int | None = None
    error_message: str | None = None
    transient: bool = False


OPTED_OUT = Outcome("cancelled", error_message="client opted out before sending")
# Not tried, so not counted as an attempt: the practice's opt-in confirmation
# is still on its way, and this text must not overtake it.
WAITING = Outcome("pending", error_message="waiting for the opt-in confirmation to go first", transient=True)
# Not sent and not recorded: the person has not confirmed this practice by
# SMS yet. The text stays pending until their YES (bindings.confirm).
HELD = Outcome("pending")
NOT_TRIED = (OPTED_OUT, WAITING, HELD)
# A text whose opt-in confirmation could not be sent does not go out without it.
OPT_IN_FAILED = Outcome("failed", error_message="not sent: the opt-in confirmation before it could not be sent")


def gate(message: Message) -> Outcome | None:
    """Why this text may not go out now, or None if it may. One query."""
    if message.client_id is None or message.kind == "auto_reply":
        return None
    opt_in_in_flight = db.select(Message.id).where(
        Message.client_id == Client.id, Message.kind == OPT_IN, Message.status == "pending",
        Message.id < message.id).limit(1).scalar_subquery()
    client = db.session.execute(db.select(Client.sms_opted_out_at, Client.phone_binding, Client.opt_in_sent_at,
                                          opt_in_in_flight.label("opt_in_in_flight"))
                                .where(Client.id == message.client_id)).first()
    if client is None:
        return None
    if client.sms_opted_out_at is not None:
        return OPTED_OUT  # STOP arrived after this was queued: it must not go out
    if message.kind == OPT_IN:
        return None
    if client.phone_binding == AWAITING:
        return HELD
    if client.opt_in_in_flight is not None:
        return WAITING
    if client.opt_in_sent_at is None:  # the one before it failed and was forgotten
        return OPT_IN_FAILED
    return None


def attempt(message, transport, settings: SmsSettings, limiter=None) -> Outcome:
    """One try at handing a pending message over; decides, records nothing.
    `limiter` paces sends per sender number."""
    status_callback = settings.status_callback_url if transport.name == "twilio" else None
    try:
        if limiter is not None:
            limiter.wait(message.from_number)
        sent = transport.send(message.to_number, message.body, message.from_number, status_callback)
    except TransientSmsError as exc:
        return Outcome("pending", error_code=exc.code, error_message=str(exc), transient=True)
    except PermanentSmsError as exc:
        return Outcome("failed", error_code=exc.code, error_message=str(exc))
    return Outcome(sent.status, sid=sent.sid)


def deliver(message: Message, transport, settings: SmsSettings, limiter=None) -> Outcome | None:
    """Hand one pending message to the transport and record the outcome;
    None if it was already handed over. The caller commits the outcome,
    then retries later if it is transient; a HELD text waits for the
    person's YES."""
    if message.status != "pending":
        return None  # already handed over: never send twice
    outcome = gate(message) or attempt(message, transport, settings, limiter)
    if outcome is not HELD and outcome is not WAITING:
        record_outcomes([(None, message, outcome)])
    return outcome


_MESSAGE_OUTCOME = Message.__table__.update().where(Message.__table__.c.id == bindparam("b_id")).values(
    status=bindparam("b_status"), twilio_sid=bindparam("b_sid"), error_code=bindparam("b_code"),
    error_message=bindparam("b_error"), attempts=bindparam("b_attempts"), updated_at=bindparam("b_at"))
_DISPATCH_STATE = Dispatch.__table__.update().where(Dispatch.__table__.c.id == bindparam("b_id")).values(
    state=bindparam("b_state"))
DISPATCH_STATE_FOR = {"failed": "failed", "cancelled": "skipped"}  # any other outcome: sent

# (dispatch id or None, message, outcome): one send's result, to be recorded.
Result = tuple[int | None, object, Outcome]


def _dispatch_state(message, outcome: Outcome) -> str:
    if outcome.status in DISPATCH_STATE_FOR:
        return DISPATCH_STATE_FOR[outcome.status]
    # A slot that carried only the opt-in confirmation (to a practice the
    # person has not confirmed yet) did not send its own text.
    return "skipped" if message.kind == OPT_IN else "sent"


def record_outcomes(results: list[Result]) -> list[int]:
    """Outcomes (with their dispatches' states, where there is a dispatch)
    in two executemany UPDATEs; returns the dispatches that hit a transient
    error, to be tried again. The caller commits."""
    if not results:
        return []
    now = utcnow()
    db.session.execute(_MESSAGE_OUTCOME, [
        {"b_id": m.id, "b_status": o.status, "b_sid": o.sid or m.twilio_sid, "b_code": o.error_code,
         "b_error": o.error_message, "b_attempts": m.attempts + (0 if o in NOT_TRIED else 1), "b_at": now}
        for _, m, o in results])
    settled = [{"b_id": d, "b_state": _dispatch_state(m, o)} for d, m, o in results if d is not None and not o.transient]
    if settled:
        db.session.execute(_DISPATCH_STATE, settled)
    bindings.forget_failed_opt_ins([m.client_id for _, m, o in results
                                    if m.kind == OPT_IN and o.status == "failed" and m.client_id is not None])
    for _, message, outcome in results:
        if outcome.error_code == UNSUBSCRIBED and message.to_number:
            opt_out(message.to_number, now)
    return [d for d, _, o in results if d is not None and o.transient]


def give_up_on_message(message_id: int) -> None:
    message = db.session.get(Message, message_id)
    if message is not None and message.status == "pending":
        message.status = "failed"
        message.error_message = (message.error_message or "") + " (gave up after retries)"
        if message.kind == OPT_IN and message.client_id is not None:
            bindings.forget_failed_opt_ins([message.client_id])
        db.session.flush()


# An outbound message's statuses in Twilio's order
# (twilio.com/docs/messaging/guides/outbound-message-status-in-status-callbacks):
# a callback that arrives late must not move a message back.
STATUS_ORDER = {"pending": 0, "accepted": 1, "scheduled": 1, "queued": 2, "sending": 3, "sent": 4}
# Final: Twilio reports nothing after them, so a later callback (a replay, or
# one for a message it sent twice) changes nothing. "cancelled" is ours: a
# message stopped before it was sent.
TERMINAL_STATUSES = frozenset({"delivered", "undelivered", "failed", "canceled", "cancelled"})
# What a status callback may report.
CALLBACK_STATUSES = (frozenset(STATUS_ORDER) - {"pending"}) | (TERMINAL_STATUSES - {"cancelled"})


def record_status(sid: str, status: str | None, error_code: int | None) -> bool:
    """Apply a status callback to the outbound message with this SID: the
    status when it moves the message forward, the error code with it.
    Inbound messages and messages in a final status are left alone; False
    when nothing was changed."""
    message = db.session.scalar(db.select(Message).filter_by(twilio_sid=sid, direction="outbound"))
    if message is None or message.status in TERMINAL_STATUSES:
        return False
    if status is not None:
        if status not in TERMINAL_STATUSES and STATUS_ORDER.get(status, -1) < STATUS_ORDER.get(message.status, 0):
            return False  # an older status, arriving late
        message.status = status
    if error_code:
        message.error_code = error_code
        if error_code == UNSUBSCRIBED and message.to_number:
            opt_out(message.to_number, utcnow())
    return True
