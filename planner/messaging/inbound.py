"""Inbound SMS: store each reply once, act on keywords at once, and turn
replies into check-ins (in a worker). The caller commits."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError

from planner.extensions import db
from planner.messaging.outbound import can_message, opt_out, outbound_message
from planner.models import CheckIn, Client, Dispatch, Message, Program, ProgramSession
from planner.models.people import utcnow
from planner.messaging.replies import CheckInReply, keyword, parse_checkin
from planner.messaging.settings import SmsSettings
from planner.local_time import local_date
from planner.messaging import texts

# A reply counts for the day of the prompt it answers if it comes within this
# long after the prompt: "3 y" sent at 00:30 is about yesterday's session.
REPLY_WINDOW = timedelta(hours=18)


@dataclass(frozen=True)
class InboundResult:
    message_id: int | None  # None: a replay of a MessageSid already stored
    reply: str | None  # text to answer with at once (TwiML), if any
    needs_processing: bool


def client_for_phone(phone: str) -> Client | None:
    """The client this number belongs to. When several trainers share a
    client, the one who messaged them last."""
    clients = list(db.session.scalars(db.select(Client).filter_by(phone=phone).order_by(Client.id)))
    if len(clients) <= 1:
        return clients[0] if clients else None
    last = db.session.scalar(db.select(Message.client_id).where(
        Message.client_id.in_([c.id for c in clients]), Message.direction == "outbound")
        .order_by(Message.created_at.desc(), Message.id.desc()).limit(1))
    return next((c for c in clients if c.id == last), clients[0])


# Twilio's longest message body (twilio.com/docs/messaging/api/message-resource):
# anything longer did not come from a phone, and is cut here.
MAX_INBOUND_BODY = 1_600


def receive(sid: str, from_number: str, to_number: str | None, body: str, settings: SmsSettings) -> InboundResult:
    """Store an inbound SMS once per MessageSid (Twilio retries webhooks).
    Keywords take effect here, before anything else can be sent."""
    body = body[:MAX_INBOUND_BODY]
    client = client_for_phone(from_number)
    found = keyword(body)
    if found and found.kind == "opt_in" and client is not None and client.sms_opted_out_at is None \
            and body.strip().lower().strip(".!") == "yes":
        found = None  # "yes" from someone not opted out answers "did you train today?"
    kind = "unknown_sender" if client is None else ("keyword" if found else "reply")
    message = Message(client_id=client.id if client else None, direction="inbound", kind=kind,
                      from_number=from_number, to_number=to_number, body=body, status="received",
                      twilio_sid=sid)
    db.session.add(message)
    try:
        db.session.flush()
    except IntegrityError:
        # A replay: Twilio retried the webhook. Store nothing; hand the
        # original over again only if it was never processed.
        db.session.rollback()
        stored = db.session.scalar(db.select(Message).filter_by(twilio_sid=sid))
        again = stored is not None and stored.kind == "reply" and stored.status == "received"
        return InboundResult(stored.id if again else None, None, again)

    reply = None
    now = utcnow()
    if client is None:
        reply = None if found and found.kind == "opt_out" else texts.UNKNOWN_NUMBER
    elif kind == "keyword":
        if found.kind == "opt_out":
            opt_out(from_number, now)  # carriers and Twilio confirm STOP themselves
        elif found.kind == "opt_in":
            db.session.execute(db.update(Client).where(Client.phone == from_number)
                               .values(sms_opted_out_at=None))
            reply = texts.OPTED_IN
        else:
            reply = texts.HELP
    if reply is not None:
        answer = outbound_message(client, from_number, "auto_reply", reply, settings.from_number)
        answer.status = "sent"  # answered in the webhook's TwiML
    db.session.flush()
    return InboundResult(message.id, reply, kind == "reply")


def day_of_reply(client: Client, received_at: datetime) -> date:
    """The local date a reply is about: that of the last prompt or reminder
    sent shortly before it, else the day it arrived."""
    last = db.session.scalar(db.select(Dispatch.local_date).where(
        Dispatch.client_id == client.id, Dispatch.state == "sent",
        Dispatch.due_at >= received_at - REPLY_WINDOW, Dispatch.due_at <= received_at)
        .order_by(Dispatch.due_at.desc()).limit(1))
    return last or local_date(received_at, ZoneInfo(client.timezone))


def session_on(client: Client, day: date) -> ProgramSession | None:
    return db.session.scalar(db.select(ProgramSession).join(Program).where(
        Program.client_id == client.id, Program.status == "active", ProgramSession.date == day).limit(1))


def record_checkin(client: Client, day: date, reply: CheckInReply, source: str,
                   message: Message | None = None) -> CheckIn:
    """One check-in per client and day; a later answer fills in or corrects it."""
    checkin = db.session.scalar(db.select(CheckIn).filter_by(client_id=client.id, date=day))
    if checkin is None:
        session = session_on(client, day)
        checkin = CheckIn(client_id=client.id, date=day, source=source,
                          program_session_id=session.id if session else None)
        db.session.add(checkin)
    if reply.pain is not None:
        checkin.pain = reply.pain
    if reply.done is not None:
        checkin.done = reply.done
    checkin.source = source
    if message is not None:
        checkin.message_id = message.id
    return checkin


@dataclass(frozen=True)
class Processed:
    answer: Message | None  # the reply to send back, if any
    checkin_client_id: int | None  # whose check-in the reply became, if it did


def claim(message_id: int) -> bool:
    """Claim a stored reply for processing: of two workers given the same
    message, one goes on. The caller commits the claim, then processes."""
    claimed = db.session.execute(db.update(Message).where(
        Message.id == message_id, Message.direction == "inbound", Message.status == "received")
        .values(status="processing"))
    return claimed.rowcount == 1


def process_claimed(message_id: int, settings: SmsSettings) -> Processed:
    """Turn a claimed reply into a check-in, or keep it for the trainer and
    answer with a hint. The caller commits, then hands the answer and the
    check-in on."""
    message = db.session.get(Message, message_id)
    client = db.session.get(Client, message.client_id) if message.client_id else None
    if client is None:
        message.status = "processed"
        return Processed(None, None)
    parsed = parse_checkin(message.body)
    answer = None
    if parsed is None:
        message.kind = "unparsed"
        if can_message(client):
            answer = outbound_message(client, client.phone, "hint", texts.HINT, settings.from_number)
    else:
        record_checkin(client, day_of_reply(client, message.created_at), parsed, "sms", message)
        if can_message(client):
            answer = outbound_message(client, client.phone, "confirmation", texts.THANKS, settings.from_number)
    message.status = "processed"
    db.session.flush()
    return Processed(answer, client.id if parsed is not None else None)
