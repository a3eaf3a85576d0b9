"""A reply to a follow-up prompt (sent weeks after a program, see
planner/messaging/due_slots.py) becomes that follow-up's answer, not a
daily check-in. The caller commits."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from planner.extensions import db
from planner.local_time import local_date
from planner.models import Client, Dispatch, FollowUpAnswer, Message

# A reply counts as the follow-up's answer if it comes within this long
# after the prompt and before any other text was sent. Our product choice:
# the prompt comes weeks after the last text, unannounced, and a week gives
# the client time to answer it; nothing else is due meanwhile.
FOLLOW_UP_REPLY_WINDOW = timedelta(days=7)


def follow_up_answered(client: Client, received_at: datetime) -> date | None:
    """The due date of the follow-up prompt a reply answers, if the last
    text sent to the client before it was one, within the window."""
    last = db.session.execute(db.select(Dispatch.kind, Dispatch.local_date).where(
        Dispatch.client_id == client.id, Dispatch.state == "sent",
        Dispatch.due_at >= received_at - FOLLOW_UP_REPLY_WINDOW, Dispatch.due_at <= received_at)
        .order_by(Dispatch.due_at.desc()).limit(1)).first()
    return last.local_date if last is not None and last.kind == "follow_up" else None


def record_follow_up_answer(client: Client, due_on: date, pain: int, message: Message) -> int | None:
    """One answer per follow-up; a later reply corrects it. The earlier
    reply whose score this one changes, if any."""
    answer = db.session.scalar(db.select(FollowUpAnswer).filter_by(client_id=client.id, due_on=due_on))
    corrected = None
    if answer is None:
        answer = FollowUpAnswer(client_id=client.id, due_on=due_on)
        db.session.add(answer)
    elif answer.message_id not in (None, message.id) and answer.pain != pain:
        corrected = answer.message_id
    answer.pain = pain
    answer.answered_on = local_date(message.created_at, ZoneInfo(client.timezone))
    answer.message_id = message.id
    return corrected
