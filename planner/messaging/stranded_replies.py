"""Replies stranded between the webhook and the worker: stored, but their
queue message was lost (Redis restarted or was flushed) or the worker that
claimed them died. The scheduler hands them over again each tick, as it
does reminders; the claim (planner/messaging/inbound.py) makes a second
delivery harmless. The caller commits, then enqueues."""
from __future__ import annotations

from datetime import datetime, timedelta

from planner.extensions import db
from planner.models import Message

# A reply normally waits well under a second for its worker; one still
# `received` after two minutes has lost its queue message. Same figure as
# planner/messaging/due_slots.py STALE_PENDING (our product choice).
STRANDED_AFTER = timedelta(minutes=2)
# A claim older than Dramatiq's default actor time limit (10 minutes,
# dramatiq.middleware.TimeLimit) belongs to a worker that is gone.
CLAIM_ABANDONED_AFTER = timedelta(minutes=15)
# A reply older than this is left for the trainer rather than read as a
# check-in (its day is long past); our product choice.
RECOVERY_WINDOW = timedelta(days=2)
# A reply whose processing keeps failing is handed over this many times,
# then left `received` for the trainer: no poison message every minute.
MAX_RECOVERIES = 3

_UNPROCESSED = (Message.direction == "inbound", Message.status.in_(("received", "processing")))


def stranded_replies(now: datetime) -> list[int]:
    """Give abandoned claims back and return the replies to enqueue again
    (each counted in `attempts`, so a failing one stops after a few)."""
    oldest = now - RECOVERY_WINDOW
    db.session.execute(db.update(Message).where(
        *_UNPROCESSED, Message.status == "processing", Message.created_at >= oldest,
        Message.updated_at < now - CLAIM_ABANDONED_AFTER).values(status="received"))
    # One statement counts and returns them (UPDATE ... RETURNING: PostgreSQL, SQLite 3.35+).
    return sorted(db.session.scalars(db.update(Message).where(
        *_UNPROCESSED, Message.status == "received", Message.kind == "reply",
        Message.created_at >= oldest, Message.created_at < now - STRANDED_AFTER,
        Message.attempts < MAX_RECOVERIES).values(attempts=Message.attempts + 1).returning(Message.id)))
