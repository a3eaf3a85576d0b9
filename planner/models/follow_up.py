"""After a program: the client's answers to the follow-up prompts sent 4,
12 and 26 weeks after its last session (planner/progress/follow_up.py)."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from planner.extensions import db
from planner.models.people import utcnow


class FollowUpAnswer(db.Model):
    """The usual pain a client gave in answer to the follow-up prompt due
    on `due_on`. Kept apart from the daily check-ins: it is one reading
    weeks after the program, not part of the series relief is judged on."""
    __tablename__ = "follow_up_answer"
    __table_args__ = (
        UniqueConstraint("client_id", "due_on"),
        CheckConstraint("pain BETWEEN 0 AND 10", name="pain_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    due_on: Mapped[date]  # the prompt's local date
    answered_on: Mapped[date]  # the client's local date when the reply came
    pain: Mapped[int]
    message_id: Mapped[int | None] = mapped_column(ForeignKey("message.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
