"""Inbound SMS: store each reply once, act on keywords at once, and turn
replies into check-ins (in a worker). The caller commits."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError

from planner.extensions import db
from planner.local_time import local_date
from planner.messaging import bindings, routing, texts
from planner.messaging.follow_up_replies import follow_up_answered, record_follow_up_answer
from planner.messaging.outbound import can_message, opt_out, outbound_message, queue_text
from planner.messaging.replies import DAY, SESSION_EVENING, WAKING, CheckInReply, keyword, parse_checkin
from planner.messaging.settings import SmsSettings
from planner.models import CheckIn, Client, Dispatch, Message, Program, ProgramSession
from planner.models.people import utcnow
from planner.progress.alerts import severe_on
from planner.progress.report_rules import Thresholds

# A reply counts for the day of the prompt it answers if it comes within this
# long after the prompt: "3 y" sent at 00:30 is about yesterday's session.
REPLY_WINDOW = timedelta(hours=18)
# The question each scheduled text asks (planner/messaging/texts.py), which
# tells the parser which field a number fills.
QUESTION_OF_DISPATCH = {"reminder": DAY, "checkin_prompt": SESSION_EVENING,
                        "morning_prompt": WAKING, "morning_reminder": WAKING}


@dataclass(frozen=True)
class InboundResult:
    message_id: int | None  # None: a replay of a MessageSid already stored
    reply: str | None  # text to answer with at once (TwiML), if any
    needs_processing: bool
    released: list[int] = field(default_factory=list)  # texts held for the person's YES, now to send


def _is_bare_yes(body: str) -> bool:
    return body.strip().lower().strip(".!") == "yes"


# Twilio's longest message body (twilio.com/docs/messaging/api/message-resource):
# anything longer did not come from a phone, and is cut here.
MAX_INBOUND_BODY = 1_600


def receive(sid: str, from_number: str, to_number: str | None, body: str, settings: SmsSettings) -> InboundResult:
    """Store an inbound SMS once per MessageSid (Twilio retries webhooks),
    with the client it reaches (planner/messaging/routing.py). Keywords
    take effect here, before anything else can be sent: STOP and START for
    the phone at every practice, YES confirming a practice's opt-in, HELP
    naming the practice the reply reaches."""
    body = body[:MAX_INBOUND_BODY]
    now = utcnow()
    bindings_here = routing.channel(from_number, to_number)
    client = routing.reply_target(bindings_here)
    found = keyword(body)
    confirming = None
    if found and found.kind == "opt_in" and _is_bare_yes(body) \
            and not any(c.sms_opted_out_at is not None for c in bindings_here):
        confirming = routing.request_answered(bindings_here, now)
        if confirming is None and not (client is not None and routing.answers_opt_in(client)):
            found = None  # "yes" from someone not opted out answers "did you train today?"
    owner = confirming or client
    kind = "unknown_sender" if owner is None else ("keyword" if found else "reply")
    message = Message(client_id=owner.id if owner else None, direction="inbound", kind=kind,
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

    reply, released = None, []
    if found and found.kind == "opt_out":
        opt_out(from_number, now)  # carriers and Twilio confirm STOP themselves
    elif found and found.kind == "opt_in" and _is_bare_yes(body) and owner is not None \
            and owner.sms_opted_out_at is None:
        if confirming is not None:
            released = bindings.confirm(confirming)
        reply = texts.confirmed(owner.trainer.practice)
    elif found and found.kind == "opt_in" and bindings_here:
        db.session.execute(db.update(Client).where(Client.phone == from_number).values(sms_opted_out_at=None))
        reply = texts.opted_in(owner.trainer.practice) if owner else texts.OPTED_IN
    elif found and found.kind == "help":
        reply = texts.help_for(owner.trainer.practice) if owner else texts.HELP
    elif owner is None:
        reply = texts.UNKNOWN_NUMBER
    if reply is not None:
        # Answered in the webhook's TwiML, from the number the person wrote to.
        answer = outbound_message(owner, from_number, "auto_reply", reply, to_number or settings.from_number)
        answer.status = "sent"
    db.session.flush()
    return InboundResult(message.id, reply, kind == "reply", released)


def question_of_reply(client: Client, received_at: datetime) -> tuple[date, str]:
    """The local date a reply is about and the question it answers: those
    of the last prompt or reminder sent shortly before it, else the day it
    arrived and the day's own question (pain and y/n)."""
    last = db.session.execute(db.select(Dispatch.local_date, Dispatch.kind).where(
        Dispatch.client_id == client.id, Dispatch.state == "sent",
        Dispatch.due_at >= received_at - REPLY_WINDOW, Dispatch.due_at <= received_at)
        .order_by(Dispatch.due_at.desc()).limit(1)).first()
    if last is None:
        return local_date(received_at, ZoneInfo(client.timezone)), DAY
    return last.local_date, QUESTION_OF_DISPATCH.get(last.kind, DAY)


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
    if reply.exercise_pain is not None:
        checkin.exercise_pain = reply.exercise_pain
    if reply.morning_pain is not None:
        checkin.morning_pain = reply.morning_pain
    checkin.source = source
    if message is not None:
        checkin.message_id = message.id
    return checkin


@dataclass(frozen=True)
class Processed:
    send_order: list[int]  # the answer to send back (after the opt-in confirmation if due), if any
    checkin_client_id: int | None  # whose check-in the reply became, if it did


def claim(message_id: int) -> bool:
    """Claim a stored reply for processing: of two workers given the same
    message, one goes on. The caller commits the claim, then processes."""
    claimed = db.session.execute(db.update(Message).where(
        Message.id == message_id, Message.direction == "inbound", Message.status == "received")
        .values(status="processing"))
    return claimed.rowcount == 1


def release(message_id: int) -> None:
    """Give a claim back after processing failed, so the retry (or a later
    worker) finds the reply `received` again instead of stuck `processing`."""
    db.session.execute(db.update(Message).where(Message.id == message_id, Message.status == "processing")
                       .values(status="received"))


def process_claimed(message_id: int, settings: SmsSettings, thresholds: Thresholds) -> Processed:
    """Turn a claimed reply into a check-in, or keep it for the trainer and
    answer with a hint. A severe score is answered with the safety line
    (the trainer's alert is the check-in's own, planner/progress/alerts.py).
    The caller commits, then hands the answer and the check-in on."""
    message = db.session.get(Message, message_id)
    client = db.session.get(Client, message.client_id) if message.client_id else None
    if client is None:
        message.status = "processed"
        return Processed([], None)
    day, question = question_of_reply(client, message.created_at)
    parsed = parse_checkin(message.body, question)
    follow_up_due = None
    if parsed is None:
        message.kind = "unparsed"
        answer = ("hint", texts.HINT)
    else:
        follow_up_due = follow_up_answered(client, message.created_at) if parsed.pain is not None else None
        if follow_up_due is not None:
            record_follow_up_answer(client, follow_up_due, parsed.pain, message)
            answer = ("confirmation", texts.THANKS)
        else:
            record_checkin(client, day, parsed, "sms", message)
            db.session.flush()
            severe = parsed.pain is not None and severe_on(client.id, day, thresholds)
            answer = ("safety_line", texts.safety_line(client.trainer.practice)) if severe \
                else ("confirmation", texts.THANKS)
    send_order = queue_text(client, *answer, settings).send_order if can_message(client) else []
    message.status = "processed"
    db.session.flush()
    return Processed(send_order, client.id if parsed is not None and follow_up_due is None else None)
