"""SMS: the reminder and prompt slots due to each client, every message in
and out, and the pain check-ins the replies become."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from planner.extensions import db
from planner.models.people import utcnow

DISPATCH_KINDS = ("reminder", "checkin_prompt", "morning_prompt", "morning_reminder", "follow_up")
# pending: due, not yet handed to a worker; sending: claimed by a worker;
# sent / failed: done; missed: found too late (past the grace window);
# skipped: the client could not be messaged (opted out, no consent, or the
# person has not confirmed this practice by SMS yet).
DISPATCH_STATES = ("pending", "sending", "sent", "failed", "missed", "skipped")
MESSAGE_DIRECTIONS = ("outbound", "inbound")


class Dispatch(db.Model):
    """One reminder, check-in prompt or follow-up prompt (after a program)
    for one client on one local date.
    The unique key makes each slot exist once, whatever the number of
    schedulers ticking."""
    __tablename__ = "dispatch"
    __table_args__ = (UniqueConstraint("client_id", "kind", "local_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    program_session_id: Mapped[int | None] = mapped_column(
        ForeignKey("program_session.id", ondelete="SET NULL"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    local_date: Mapped[date]
    due_at: Mapped[datetime]  # UTC
    state: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    claimed_by: Mapped[str | None] = mapped_column(String(64))  # the Dramatiq message handling it
    claimed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The practice's opt-in confirmation this slot sent before its own text,
    # when it was the practice's first text to the number. A plain id, no
    # foreign key: message already refers to dispatch, and a cycle would
    # make SQLite rebuild tables to add it.
    opt_in_message_id: Mapped[int | None]


class Message(db.Model):
    """Every SMS in or out, with its delivery status."""
    __tablename__ = "message"
    __table_args__ = (
        # The scheduler's look for replies whose queue message was lost
        # (planner/messaging/stranded_replies.py): a small index over the few
        # replies not yet processed, not over every message ever sent.
        Index("ix_message_unprocessed_reply", "created_at",
              postgresql_where=text("direction = 'inbound' AND status IN ('received', 'processing')"),
              sqlite_where=text("direction = 'inbound' AND status IN ('received', 'processing')")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int | None] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    dispatch_id: Mapped[int | None] = mapped_column(ForeignKey("dispatch.id", ondelete="SET NULL"), unique=True)
    direction: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(24))
    from_number: Mapped[str | None] = mapped_column(String(20))
    to_number: Mapped[str | None] = mapped_column(String(20))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    twilio_sid: Mapped[str | None] = mapped_column(String(64), unique=True)
    error_code: Mapped[int | None]
    error_message: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(default=0)
    # When a trainer dealt with a failed send or an unparsed reply; until
    # then it counts towards the client needing attention.
    handled_at: Mapped[datetime | None]
    # An inbound reply that changed what an earlier reply of the same day
    # (or to the same follow-up) had answered: that earlier message. Both
    # stay in the conversation. A plain id, no foreign key, like
    # Dispatch.opt_in_message_id: both rows go with their client.
    corrects_message_id: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class CheckIn(db.Model):
    """A client's pain and whether they trained, for one local date."""
    __tablename__ = "checkin"
    __table_args__ = (
        UniqueConstraint("client_id", "date"),
        CheckConstraint("pain IS NULL OR pain BETWEEN 0 AND 10", name="pain_range"),
        CheckConstraint("exercise_pain IS NULL OR exercise_pain BETWEEN 0 AND 10", name="exercise_pain_range"),
        CheckConstraint("morning_pain IS NULL OR morning_pain BETWEEN 0 AND 10", name="morning_pain_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    date: Mapped[date]
    pain: Mapped[int | None]  # usual pain that day
    done: Mapped[bool | None]
    # The pain-monitoring model's two readings (planner/progress/pain_monitoring.py):
    # pain during that day's session, and pain on waking that morning.
    exercise_pain: Mapped[int | None]
    morning_pain: Mapped[int | None]
    source: Mapped[str] = mapped_column(String(16))  # sms, session_page, trainer
    message_id: Mapped[int | None] = mapped_column(ForeignKey("message.id", ondelete="SET NULL"))
    program_session_id: Mapped[int | None] = mapped_column(
        ForeignKey("program_session.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    message: Mapped[Message | None] = relationship()
