"""What the check-ins lead to: alerts for the trainer, each night's review
of a program (with the adjustment it proposes), and the weekly digest."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from planner.extensions import db
from planner.models.people import utcnow

ALERT_KINDS = ("flare", "severe_pain", "low_adherence")
# pending: created by the scheduler, not yet run by a worker; running: a
# worker has it; no_change: nothing to do; proposed: waits for the trainer; applied: done
# (by the trainer's click or automatically); dismissed: the trainer said no;
# superseded: a newer review replaced a proposal nobody acted on.
REVIEW_STATUSES = ("pending", "running", "no_change", "proposed", "applied", "dismissed", "superseded", "failed")
ADJUSTMENT_KINDS = ("progress", "regress", "shorten")


class Alert(db.Model):
    """Something the trainer should look at now. At most one open alert per
    client and kind: the partial unique index makes a second one impossible,
    however many workers notice the same flare."""
    __tablename__ = "alert"
    __table_args__ = (
        Index("uq_alert_open_per_kind", "client_id", "kind", unique=True,
              sqlite_where=text("resolved_at IS NULL"), postgresql_where=text("resolved_at IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    details: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None]
    resolved_by: Mapped[int | None] = mapped_column(ForeignKey("trainer.id", ondelete="SET NULL"))
    # Why it was resolved when no trainer did it (rules changed, say).
    resolution_note: Mapped[str | None] = mapped_column(Text)


class ProgramReview(db.Model):
    """One night's look at an active program against its last two weeks of
    check-ins, and the adjustment it proposes, if any. One per program and
    night, so a rerun or a second scheduler does nothing twice."""
    __tablename__ = "program_review"
    __table_args__ = (UniqueConstraint("program_id", "reviewed_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("program.id", ondelete="CASCADE"), index=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    reviewed_on: Mapped[date]  # the client's local date of the night it ran
    status: Mapped[str] = mapped_column(String(16), index=True)
    kind: Mapped[str | None] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    # The check-ins behind the decision: [{id, date, pain, done}].
    evidence: Mapped[list] = mapped_column(JSON, default=list)
    # What applying it changes: [{item_id, field, before, after}, ...].
    changes: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Handed to a worker (enqueued_at), taken by one (claimed_at), how often:
    # a review whose worker died is handed out again, a few times at most.
    enqueued_at: Mapped[datetime | None]
    claimed_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    decided_at: Mapped[datetime | None]
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("trainer.id", ondelete="SET NULL"))

    program: Mapped["Program"] = relationship()  # noqa: F821


class Digest(db.Model):
    """A trainer's Monday digest of the clients who need attention."""
    __tablename__ = "digest"
    __table_args__ = (UniqueConstraint("trainer_id", "week_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    trainer_id: Mapped[int] = mapped_column(ForeignKey("trainer.id", ondelete="CASCADE"), index=True)
    week_start: Mapped[date]
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending, ready
    entries: Mapped[list] = mapped_column(JSON, default=list)  # [{client_id, name, reasons: [text]}]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Taken by the worker sending the email, so two workers cannot both send it.
    email_claimed_at: Mapped[datetime | None]
    emailed_at: Mapped[datetime | None]
