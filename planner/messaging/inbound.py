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
from planner.messaging.replies import (DAY, PAIN, SESSION_EVENING, WAKING, CheckInReply, corrected_fields, keyword,
                                      question_about, read_reply)
from planner.messaging.session_links import current_link
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
    queued: list[int] = field(default_factory=list)  # texts the message asked for (LINK), to send


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

    reply, released, queued = None, [], []
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
    elif found and found.kind == "link" and owner is not None:
        queued = link_on_request(owner, settings, now)
    elif owner is None:
        reply = texts.UNKNOWN_NUMBER
    if reply is not None:
        # Answered in the webhook's TwiML, from the number the person wrote to.
        answer = outbound_message(owner, from_number, "auto_reply", reply, to_number or settings.from_number)
        answer.status = "sent"
    db.session.flush()
    return InboundResult(message.id, reply, kind == "reply", released, queued)


# Our product choice: LINK answered at most this often per client a day, so
# a stuck phone or a prank cannot run up texts.
LINK_TEXTS_PER_DAY = 3


def link_on_request(client: Client, settings: SmsSettings, now: datetime) -> list[int]:
    """The answer to LINK: the current link to the client's session page,
    queued as any text to them (the opt-in confirmation first if due); no
    text when they cannot be messaged or asked too often today."""
    if not can_message(client):
        return []
    sent_today = db.session.scalar(db.select(db.func.count(Message.id)).where(
        Message.client_id == client.id, Message.kind == "session_link", Message.created_at >= now - timedelta(days=1)))
    if sent_today >= LINK_TEXTS_PER_DAY:
        return []
    link = current_link(client.id, settings, local_date(now, ZoneInfo(client.timezone)))
    body = texts.session_link(client.name, client.trainer.practice, link) if link \
        else texts.no_program(client.trainer.practice)
    return queue_text(client, "session_link", body, settings, now).send_order


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


def day_checkin(client: Client, day: date) -> CheckIn | None:
    return db.session.scalar(db.select(CheckIn).filter_by(client_id=client.id, date=day))


def record_checkin(client: Client, day: date, reply: CheckInReply, source: str,
                   message: Message | None = None, *, existing: CheckIn | None = None) -> CheckIn:
    """One check-in per client and day; a later answer fills in or corrects
    it (`existing`: the day's check-in, when the caller has read it)."""
    checkin = existing or day_checkin(client, day)
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


def _earlier_answer_corrected(checkin: CheckIn | None, reply: CheckInReply, message: Message) -> int | None:
    """The earlier reply of the day (its check-in `checkin`) whose answer
    this one changes, if any ("3 y", then "5 y"). Only another message
    counts: the same reply processed again corrects nothing."""
    if checkin is None or checkin.message_id in (None, message.id):
        return None
    before = CheckInReply(checkin.pain, checkin.done, checkin.exercise_pain, checkin.morning_pain)
    return checkin.message_id if corrected_fields(before, reply) else None


def _asked_already(client: Client) -> bool:
    """Whether the last text to the client was our question about a reply:
    one question, never a loop of them."""
    last_kind = db.session.scalar(db.select(Message.kind).where(
        Message.client_id == client.id, Message.direction == "outbound").order_by(Message.id.desc()).limit(1))
    return last_kind == "question"


def process_claimed(message_id: int, settings: SmsSettings, thresholds: Thresholds) -> Processed:
    """Turn a claimed reply into a check-in (or a follow-up's answer), and
    answer it: thanks, the safety line for a severe score (the trainer's
    alert is the check-in's own, planner/progress/alerts.py), or one
    question when the reply was unclear (what it said clearly is kept, and
    it counts as a reply to read). A reply still unclear after the question
    is left for the trainer, unanswered. A later reply of the day
    updates the day's check-in and, if it changes an answer, is marked as
    correcting the earlier message. The caller commits, then hands the
    answer and the check-in on."""
    message = db.session.get(Message, message_id)
    client = db.session.get(Client, message.client_id) if message.client_id else None
    if client is None:
        message.status = "processed"
        return Processed([], None)
    day, question = question_of_reply(client, message.created_at)
    reading = read_reply(message.body, question)
    parsed = reading.checkin
    follow_up_due = follow_up_answered(client, message.created_at)
    answer = None
    checkin_client_id = None
    if parsed is not None and parsed.pain is not None and follow_up_due is not None:
        message.corrects_message_id = record_follow_up_answer(client, follow_up_due, parsed.pain, message)
        answer = ("confirmation", texts.THANKS)
    elif parsed is not None:
        existing = day_checkin(client, day)
        message.corrects_message_id = _earlier_answer_corrected(existing, parsed, message)
        record_checkin(client, day, parsed, "sms", message, existing=existing)
        db.session.flush()
        checkin_client_id = client.id
        severe = parsed.pain is not None and severe_on(client.id, day, thresholds)
        answer = ("safety_line", texts.safety_line(client.trainer.practice)) if severe \
            else ("confirmation", texts.THANKS)
    if reading.needs_question:
        message.kind = "unparsed"  # for the trainer to read, whatever the client answers next
        if not ((answer is not None and answer[0] == "safety_line") or _asked_already(client)):
            about = "follow_up" if follow_up_due is not None and (parsed is None or PAIN in reading.unclear) \
                else question_about(reading, question)
            answer = ("question", texts.clarifying_question(client.trainer.practice, about))
    send_order = queue_text(client, *answer, settings).send_order if answer and can_message(client) else []
    message.status = "processed"
    db.session.flush()
    return Processed(send_order, checkin_client_id)
