"""Programs: a client's corrective program, its sessions and items, and the
record of every change made to it."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from planner.extensions import db
from planner.models.people import utcnow

PROGRAM_STATUSES = ("draft", "active", "archived")


class Program(db.Model):
    __tablename__ = "program"
    __table_args__ = (
        # One active program per client, enforced by the database.
        Index("uq_program_one_active_per_client", "client_id", unique=True,
              sqlite_where=text("status = 'active'"), postgresql_where=text("status = 'active'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    assessment_id: Mapped[int | None] = mapped_column(ForeignKey("assessment.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(16), default="draft")
    start_date: Mapped[date]
    weeks: Mapped[int]
    sessions_per_week: Mapped[int]
    minutes_per_session: Mapped[int]
    equipment: Mapped[list] = mapped_column(JSON)
    uncovered: Mapped[list] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    published_at: Mapped[datetime | None]
    archived_at: Mapped[datetime | None]
    # The client's link (planner/messaging/session_links.py) carries this
    # number: revoking the link raises it, so every link signed before stops
    # opening the page; the next reminder carries the new one.
    link_version: Mapped[int] = mapped_column(default=0, server_default="0")
    # When the link was last revoked: the older daily links signed before it stop too.
    link_revoked_at: Mapped[datetime | None]

    client: Mapped["Client"] = relationship()  # noqa: F821
    sessions: Mapped[list[ProgramSession]] = relationship(
        back_populates="program", cascade="all, delete-orphan",
        order_by="(ProgramSession.week, ProgramSession.index)")
    changes: Mapped[list[ProgramChange]] = relationship(
        back_populates="program", cascade="all, delete-orphan", order_by="ProgramChange.id")


class ProgramSession(db.Model):
    __tablename__ = "program_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("program.id", ondelete="CASCADE"), index=True)
    week: Mapped[int]
    index: Mapped[int]  # 1-based, in date order within the week
    day: Mapped[str] = mapped_column(String(3))
    date: Mapped[date]
    deload: Mapped[bool] = mapped_column(default=False)
    minutes: Mapped[int]

    program: Mapped[Program] = relationship(back_populates="sessions")
    items: Mapped[list[ProgramItem]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="ProgramItem.position")


class ProgramItem(db.Model):
    __tablename__ = "program_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("program_session.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    exercise_id: Mapped[int] = mapped_column(ForeignKey("exercise.id"))
    phase: Mapped[str] = mapped_column(String(16))
    sets: Mapped[int]
    reps: Mapped[int | None]
    hold_seconds: Mapped[int | None]
    tempo: Mapped[str | None] = mapped_column(String(16))
    rest_seconds: Mapped[int]
    side: Mapped[str | None] = mapped_column(String(10))
    targets: Mapped[list] = mapped_column(JSON)
    rationale: Mapped[str] = mapped_column(Text)
    slot: Mapped[str] = mapped_column(String(120))
    locked: Mapped[bool] = mapped_column(default=False)

    session: Mapped[ProgramSession] = relationship(back_populates="items")
    exercise: Mapped["Exercise"] = relationship()  # noqa: F821


class ProgramChange(db.Model):
    __tablename__ = "program_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("program.id", ondelete="CASCADE"), index=True)
    trainer_id: Mapped[int | None] = mapped_column(ForeignKey("trainer.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    action: Mapped[str] = mapped_column(String(32))
    details: Mapped[dict] = mapped_column(JSON)

    program: Mapped[Program] = relationship(back_populates="changes")


class ExerciseTick(db.Model):
    """A client's tick beside one exercise of one day's session, from the
    session page: saved, so it is there on reload and on another phone."""
    __tablename__ = "exercise_tick"
    __table_args__ = (UniqueConstraint("program_item_id", "date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("program.id", ondelete="CASCADE"), index=True)
    date: Mapped[date]
    program_item_id: Mapped[int] = mapped_column(ForeignKey("program_item.id", ondelete="CASCADE"))
    done: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
