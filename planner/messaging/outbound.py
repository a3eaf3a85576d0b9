"""Outbound SMS: composing reminders and prompts, claiming them for one
worker, sending through the transport, and recording every outcome.

Delivery is at least once, made idempotent: a dispatch is claimed in the
database by the Dramatiq message that handles it, and a message is handed to
Twilio only while its status is still `pending`. A worker that dies between
Twilio accepting a message and the commit that records it can cause one
duplicate; nothing is lost.

These functions change and flush; the caller (an actor in workers/tasks.py)
commits, between the steps where the guarantees above need it."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam

from planner.extensions import db
from planner.models import Client, Dispatch, Message
from planner.models.people import utcnow
from planner.messaging import texts
from planner.messaging.session_links import session_url
from planner.messaging.settings import SmsSettings
from planner.messaging.transport import UNSUBSCRIBED, PermanentSmsError, TransientSmsError

# A claim older than this is taken over by another worker.
CLAIM_LEASE = timedelta(minutes=10)
DONE_DISPATCH_STATES = ("sent", "failed", "missed", "skipped")


def can_message(client: Client) -> bool:
    return client.sms_consent and client.sms_opted_out_at is None


# --- claiming and sending ------------------------------------------------------

def claim_dispatches(dispatch_ids: list[int], owner: str, now: datetime | None = None) -> list:
    """Take the dispatches this Dramatiq message may send: pending ones, and
    ones it (or a worker whose claim has lapsed) already held. Returns them
    as plain rows (id, client_id, kind, program_session_id) by id, in the
    one UPDATE that claims them. The caller commits, before sending anything."""
    now = now or utcnow()
    claimed = db.session.execute(
        db.update(Dispatch)
        .where(Dispatch.id.in_(dispatch_ids))
        .where((Dispatch.state == "pending") | (
            (Dispatch.state == "sending") & ((Dispatch.claimed_by == owner) | (Dispatch.claimed_at < now - CLAIM_LEASE))))
        .values(state="sending", claimed_by=owner, claimed_at=now)
        .returning(Dispatch.id, Dispatch.client_id, Dispatch.kind, Dispatch.program_session_id),
        execution_options={"synchronize_session": False})
    return sorted(claimed, key=lambda row: row.id)


def compose(dispatch, client, settings: SmsSettings) -> str:
    """The text for a dispatch (a Dispatch or a row with its kind and
    program_session_id) to a client (a Client or a row with id and name)."""
    if dispatch.kind == "reminder":
        link = session_url(client.id, dispatch.program_session_id, settings) if dispatch.program_session_id \
            else settings.public_base_url
        return texts.reminder(client.name, link)
    return texts.checkin_prompt(client.name)


def outbound_message(client: Client | None, to: str, kind: str, body: str, from_number: str | None,
                     dispatch: Dispatch | None = None) -> Message:
    message = Message(client_id=client.id if client else None, dispatch_id=dispatch.id if dispatch else None,
                      direction="outbound", kind=kind, to_number=to, from_number=from_number, body=body,
                      status="pending")
    db.session.add(message)
    return message


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


def attempt(message: Message, transport, settings: SmsSettings, limiter=None, check_opt_out: bool = True) -> Outcome:
    """One try at handing a pending message over; decides, records nothing."""
    if check_opt_out and message.client_id is not None and message.kind != "auto_reply" and db.session.scalar(
            db.select(Client.sms_opted_out_at).where(Client.id == message.client_id)) is not None:
        return OPTED_OUT  # STOP arrived after this was queued: it must not go out
    status_callback = settings.status_callback_url if transport.name == "twilio" else None
    try:
        if limiter is not None:
            limiter.wait()
        sent = transport.send(message.to_number, message.body, message.from_number, status_callback)
    except TransientSmsError as exc:
        return Outcome("pending", error_code=exc.code, error_message=str(exc), transient=True)
    except PermanentSmsError as exc:
        return Outcome("failed", error_code=exc.code, error_message=str(exc))
    return Outcome(sent.status, sid=sent.sid)


def deliver(message: Message, transport, settings: SmsSettings, limiter=None) -> Outcome | None:
    """Hand one pending message to the transport and record the outcome;
    None if it was already handed over. The caller commits the outcome,
    then retries later if it is transient."""
    if message.status != "pending":
        return None  # already handed over: never send twice
    outcome = attempt(message, transport, settings, limiter)
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


def record_outcomes(results: list[Result]) -> list[int]:
    """Outcomes (with their dispatches' states, where there is a dispatch)
    in two executemany UPDATEs; returns the dispatches that hit a transient
    error, to be tried again. The caller commits."""
    if not results:
        return []
    now = utcnow()
    db.session.execute(_MESSAGE_OUTCOME, [
        {"b_id": m.id, "b_status": o.status, "b_sid": o.sid or m.twilio_sid, "b_code": o.error_code,
         "b_error": o.error_message, "b_attempts": m.attempts + (0 if o is OPTED_OUT else 1), "b_at": now}
        for _, m, o in results])
    settled = [{"b_id": d, "b_state": DISPATCH_STATE_FOR.get(o.status, "sent")}
               for d, _, o in results if d is not None and not o.transient]
    if settled:
        db.session.execute(_DISPATCH_STATE, settled)
    for _, message, outcome in results:
        if outcome.error_code == UNSUBSCRIBED and message.to_number:
            opt_out(message.to_number, now)
    return [d for d, _, o in results if d is not None and o.transient]


# --- sending a batch of dispatches: three steps, with a commit after the
# first and the last (workers/tasks.py) ---------------------------------------
#
# 1. claim_and_prepare: claim the dispatches and make their messages; the
#    claim is committed before anything is sent, so no other worker sends them.
# 2. send_claimed: each successful send leaves a marker in Redis
#    (`sent_markers`) at once; nothing is written to the database.
# 3. record_outcomes: the batch's outcomes reach the database together.
#
# A worker that dies mid-batch is followed by one that finds the markers of
# what already went out and does not send it again: a crash repeats at most
# the one send in flight. Whether a client opted out is read once, in step 1.

# What a batch reads of each message and client: plain rows, not ORM objects,
# so nothing is tracked by the session or expired by its commits.
_MESSAGE_COLUMNS = (Message.id, Message.dispatch_id, Message.client_id, Message.kind, Message.to_number,
                    Message.from_number, Message.body, Message.status, Message.twilio_sid, Message.attempts,
                    Message.created_at)
_CLIENT_COLUMNS = (Client.id, Client.name, Client.phone, Client.sms_consent, Client.sms_opted_out_at)


def claim_and_prepare(dispatch_ids: list[int], owner: str, settings: SmsSettings,
                      now: datetime | None = None) -> list[tuple[int, object]]:
    """Claim what this Dramatiq message may send and make the message of
    each claimed dispatch: (dispatch id, message as a plain row) for those
    that may be sent, by dispatch id. The caller commits before sending."""
    claimed = claim_dispatches(dispatch_ids, owner, now)
    if not claimed:
        return []
    messages = _messages_for(claimed, settings)
    return [(d.id, messages[d.id]) for d in claimed if d.id in messages]


def send_claimed(claimed: list[tuple[int, object]], transport, settings: SmsSettings, sent_markers,
                 limiter=None) -> list[Result]:
    """Send the claimed messages that are still to go out; the outcome of
    each, for record_outcomes. Writes nothing to the database, only a marker
    in Redis per message sent."""
    already_sent = sent_markers.get_many([m for _, m in claimed if m.status == "pending"])
    results: list[Result] = []
    for dispatch_id, message in claimed:
        if message.status != "pending":  # recorded before a crash: only the dispatch is left to close
            results.append((dispatch_id, message, Outcome(message.status, sid=message.twilio_sid)))
            continue
        if message.id in already_sent:  # sent before a crash, not yet recorded: never again
            results.append((dispatch_id, message, Outcome("queued", sid=already_sent[message.id])))
            continue
        outcome = attempt(message, transport, settings, limiter, check_opt_out=False)
        if outcome.sid:
            sent_markers.put(message, outcome.sid)
        results.append((dispatch_id, message, outcome))
    return results


def _messages_for(claimed: list, settings: SmsSettings) -> dict:
    """The message of each claimed dispatch that may be sent, by dispatch
    id: the one an earlier try made, or a new one (inserted in one
    executemany). Dispatches to clients who can no longer be messaged are
    skipped, and their unsent messages cancelled."""
    ids = [d.id for d in claimed]
    clients = {c.id: c for c in db.session.execute(
        db.select(*_CLIENT_COLUMNS).where(Client.id.in_({d.client_id for d in claimed})))}
    messages = {m.dispatch_id: m for m in db.session.execute(
        db.select(*_MESSAGE_COLUMNS).where(Message.dispatch_id.in_(ids)))}
    skipped = [d.id for d in claimed if d.client_id not in clients or not can_message(clients[d.client_id])]
    if skipped:
        db.session.execute(db.update(Dispatch).where(Dispatch.id.in_(skipped)).values(state="skipped"),
                           execution_options={"synchronize_session": False})
        db.session.execute(db.update(Message).where(Message.dispatch_id.in_(skipped), Message.status == "pending")
                           .values(status="cancelled", error_message="client opted out before sending"),
                           execution_options={"synchronize_session": False})
    now, skip = utcnow(), set(skipped)
    new_messages = [{
        "client_id": d.client_id, "dispatch_id": d.id, "direction": "outbound", "kind": d.kind,
        "to_number": clients[d.client_id].phone, "from_number": settings.from_number,
        "body": compose(d, clients[d.client_id], settings), "status": "pending", "attempts": 0,
        "created_at": now, "updated_at": now} for d in claimed if d.id not in skip and d.id not in messages]
    if new_messages:  # one executemany, returning the rows as they were stored
        messages |= {m.dispatch_id: m for m in db.session.execute(
            Message.__table__.insert().returning(*_MESSAGE_COLUMNS), new_messages)}
    return {dispatch_id: m for dispatch_id, m in messages.items() if dispatch_id not in skip}


def give_up_on_dispatches(dispatch_ids: list[int]) -> None:
    """After the last retry: what is still unsent is failed, for the trainer to see."""
    for dispatch in db.session.scalars(db.select(Dispatch).where(Dispatch.id.in_(dispatch_ids),
                                                                  Dispatch.state.not_in(DONE_DISPATCH_STATES))):
        dispatch.state = "failed"
        message = db.session.scalar(db.select(Message).filter_by(dispatch_id=dispatch.id))
        if message is not None and message.status == "pending":
            message.status = "failed"
            message.error_message = (message.error_message or "") + " (gave up after retries)"
    db.session.flush()


def give_up_on_message(message_id: int) -> None:
    message = db.session.get(Message, message_id)
    if message is not None and message.status == "pending":
        message.status = "failed"
        message.error_message = (message.error_message or "") + " (gave up after retries)"
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
