"""The muscle catalog, the exercise library, the movement screens and the
screening questions.

Rows here are loaded from the data files in planner/library/data by
`planner library load`; a trainer's own exercises carry their trainer_id.
"""
from __future__ import annotations

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from planner.extensions import db


class LibraryStamp(db.Model):
    """One row: a stamp that changes whenever `planner library load` writes
    the built-in library, so a process may keep what it read of the library
    until the stamp moves (planner/programs/catalog.py)."""
    __tablename__ = "library_stamp"

    id: Mapped[int] = mapped_column(primary_key=True)
    stamp: Mapped[str] = mapped_column(String(32))


class Muscle(db.Model):
    __tablename__ = "muscle"

    slug: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    region: Mapped[str] = mapped_column(String(32))
    actions: Mapped[list] = mapped_column(JSON)
    antagonists: Mapped[list] = mapped_column(JSON)
    can_test_weak: Mapped[bool]
    can_be_overactive: Mapped[bool]
    position: Mapped[int]  # order in the catalog file, for stable listings


class Exercise(db.Model):
    __tablename__ = "exercise"
    __table_args__ = (
        CheckConstraint("level BETWEEN 1 AND 5", name="level_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(96), unique=True)
    # NULL for the built-in library; a trainer's own exercises name them.
    trainer_id: Mapped[int | None] = mapped_column(ForeignKey("trainer.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(160))
    phase: Mapped[str] = mapped_column(String(16), index=True)
    level: Mapped[int]
    equipment: Mapped[list] = mapped_column(JSON)
    position: Mapped[str] = mapped_column(String(16))
    per_side: Mapped[bool]
    contraindications: Mapped[list] = mapped_column(JSON)
    # Screening precautions (ScreeningQuestion slugs) that rule it out.
    precautions: Mapped[list] = mapped_column(JSON, default=list, server_default=text("'[]'"))
    sets: Mapped[int]
    reps: Mapped[int | None]
    hold_seconds: Mapped[int | None]
    tempo: Mapped[str | None] = mapped_column(String(16))
    rest_seconds: Mapped[int]
    instructions: Mapped[str] = mapped_column(Text)
    cues: Mapped[list] = mapped_column(JSON)
    progression_id: Mapped[int | None] = mapped_column(ForeignKey("exercise.id", ondelete="SET NULL"))
    regression_id: Mapped[int | None] = mapped_column(ForeignKey("exercise.id", ondelete="SET NULL"))
    source_file: Mapped[str | None] = mapped_column(String(120))

    targets: Mapped[list[ExerciseTarget]] = relationship(
        back_populates="exercise", cascade="all, delete-orphan", order_by="ExerciseTarget.position")
    progression: Mapped[Exercise | None] = relationship(foreign_keys=[progression_id], remote_side=[id])
    regression: Mapped[Exercise | None] = relationship(foreign_keys=[regression_id], remote_side=[id])


class ExerciseTarget(db.Model):
    __tablename__ = "exercise_target"

    exercise_id: Mapped[int] = mapped_column(ForeignKey("exercise.id", ondelete="CASCADE"), primary_key=True)
    muscle_slug: Mapped[str] = mapped_column(ForeignKey("muscle.slug"), primary_key=True, index=True)
    role: Mapped[str] = mapped_column(String(16))
    position: Mapped[int]

    exercise: Mapped[Exercise] = relationship(back_populates="targets")


class MovementScreen(db.Model):
    __tablename__ = "movement_screen"

    slug: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    source: Mapped[str] = mapped_column(Text)

    compensations: Mapped[list[Compensation]] = relationship(
        back_populates="screen", cascade="all, delete-orphan", order_by="Compensation.position")


class Compensation(db.Model):
    __tablename__ = "compensation"
    __table_args__ = (UniqueConstraint("screen_slug", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    screen_slug: Mapped[str] = mapped_column(ForeignKey("movement_screen.slug", ondelete="CASCADE"))
    slug: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(120))
    view: Mapped[str] = mapped_column(String(16))  # where to look: anterior, lateral, posterior
    position: Mapped[int]

    screen: Mapped[MovementScreen] = relationship(back_populates="compensations")
    muscles: Mapped[list[CompensationMuscle]] = relationship(
        back_populates="compensation", cascade="all, delete-orphan", order_by="CompensationMuscle.position")


class CompensationMuscle(db.Model):
    __tablename__ = "compensation_muscle"

    compensation_id: Mapped[int] = mapped_column(
        ForeignKey("compensation.id", ondelete="CASCADE"), primary_key=True)
    muscle_slug: Mapped[str] = mapped_column(ForeignKey("muscle.slug"), primary_key=True)
    status: Mapped[str] = mapped_column(String(16))  # overactive or underactive
    position: Mapped[int]

    compensation: Mapped[Compensation] = relationship(back_populates="muscles")


class ScreeningQuestion(db.Model):
    """A red flag asked at each assessment, or a precaution recorded on the
    client, with its source (screening.yaml)."""
    __tablename__ = "screening_question"

    slug: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # red_flag or precaution
    label: Mapped[str] = mapped_column(String(120))
    question: Mapped[str] = mapped_column(String(300))
    excludes: Mapped[str | None] = mapped_column(String(300))
    advice: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    position: Mapped[int]


class LengthTest(db.Model):
    """A muscle length test and the muscles a short result implicates
    (length_tests.yaml)."""
    __tablename__ = "length_test"

    slug: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    muscles: Mapped[list] = mapped_column(JSON)
    how: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    position: Mapped[int]
