"""An assessment of one client: the red-flag screen (and a clinician's
clearance), muscle tests, screen findings, pain, and the muscle findings
derived from them (stored, so later library edits do not rewrite history)."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from planner.extensions import db
from planner.models.people import utcnow


class Assessment(db.Model):
    __tablename__ = "assessment"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    performed_on: Mapped[date]
    notes: Mapped[str] = mapped_column(Text, default="")
    # Red flags answered yes (ScreeningQuestion slugs): refer before exercise.
    red_flags: Mapped[list] = mapped_column(JSON, default=list, server_default=text("'[]'"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    client: Mapped["Client"] = relationship(back_populates="assessments")  # noqa: F821
    muscle_tests: Mapped[list[MuscleTest]] = relationship(
        cascade="all, delete-orphan", order_by="MuscleTest.position")
    screen_findings: Mapped[list[ScreenFinding]] = relationship(
        cascade="all, delete-orphan", order_by="ScreenFinding.position")
    length_tests: Mapped[list[MuscleLengthTest]] = relationship(
        cascade="all, delete-orphan", order_by="MuscleLengthTest.position")
    pain_scores: Mapped[list[PainScore]] = relationship(
        cascade="all, delete-orphan", order_by="PainScore.position")
    findings: Mapped[list[MuscleFinding]] = relationship(
        cascade="all, delete-orphan", order_by="MuscleFinding.position")
    clearance: Mapped[Clearance | None] = relationship(cascade="all, delete-orphan")
    psfs_scores: Mapped[list["PsfsScore"]] = relationship(  # noqa: F821
        cascade="all, delete-orphan", order_by="PsfsScore.position")


class Clearance(db.Model):
    """A clinician's clearance to exercise despite the assessment's red flags."""
    __tablename__ = "clearance"

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"), unique=True)
    cleared_by: Mapped[str] = mapped_column(String(120))
    cleared_on: Mapped[date]
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("trainer.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)


class MuscleTest(db.Model):
    __tablename__ = "muscle_test"
    __table_args__ = (
        UniqueConstraint("assessment_id", "muscle_slug", "side"),
        CheckConstraint("grade BETWEEN 0 AND 5", name="grade_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"), index=True)
    muscle_slug: Mapped[str] = mapped_column(ForeignKey("muscle.slug"))
    side: Mapped[str] = mapped_column(String(10))
    grade: Mapped[int]
    inhibited: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int]


class ScreenFinding(db.Model):
    __tablename__ = "screen_finding"
    __table_args__ = (UniqueConstraint("assessment_id", "screen_slug", "compensation_slug", "side"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"), index=True)
    screen_slug: Mapped[str] = mapped_column(ForeignKey("movement_screen.slug"))
    compensation_slug: Mapped[str] = mapped_column(String(64))
    side: Mapped[str] = mapped_column(String(10))
    position: Mapped[int]


class MuscleLengthTest(db.Model):
    """A length test's result on one side: short or normal. The test's slug
    is kept as text, so a test taken out of the library keeps its history."""
    __tablename__ = "muscle_length_test"
    __table_args__ = (UniqueConstraint("assessment_id", "test_slug", "side"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"), index=True)
    test_slug: Mapped[str] = mapped_column(String(64))
    side: Mapped[str] = mapped_column(String(10))
    result: Mapped[str] = mapped_column(String(8))  # short or normal
    position: Mapped[int]


class PainScore(db.Model):
    __tablename__ = "pain_score"
    __table_args__ = (
        UniqueConstraint("assessment_id", "region"),
        CheckConstraint("score BETWEEN 0 AND 10", name="score_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"), index=True)
    region: Mapped[str] = mapped_column(String(16))
    score: Mapped[int]
    position: Mapped[int]


class MuscleFinding(db.Model):
    __tablename__ = "muscle_finding"
    __table_args__ = (UniqueConstraint("assessment_id", "muscle_slug", "side", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"), index=True)
    muscle_slug: Mapped[str] = mapped_column(ForeignKey("muscle.slug"))
    side: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(16))
    # mild, moderate or severe (planner/assessments/findings.py)
    severity: Mapped[str] = mapped_column(String(8), default="mild", server_default="mild")
    sources: Mapped[list] = mapped_column(JSON)
    position: Mapped[int]  # treatment order: planner/assessments/ranking.py

    @property
    def confirmed(self) -> bool:
        """A test, not only a screen, stands behind it."""
        return self.status != "conflicting" and any(
            s.get("kind") in ("muscle_test", "length_test") for s in self.sources)

    @property
    def compensations(self) -> list[str]:
        return [s["compensation"] for s in self.sources if "compensation" in s]
