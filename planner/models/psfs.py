"""The Patient-Specific Functional Scale recorded with an assessment
(Stratford et al., Physiother Can 1995): up to 5 activities the client
chooses, each rated 0 (unable) to 10 (as before the problem). Its own
table beside the assessment's muscle tests and pain."""
from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from planner.extensions import db


class PsfsScore(db.Model):
    __tablename__ = "psfs_score"
    __table_args__ = (
        UniqueConstraint("assessment_id", "position"),
        CheckConstraint("score BETWEEN 0 AND 10", name="score_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]  # 1-5, in the order the client named them
    activity: Mapped[str] = mapped_column(String(120))
    score: Mapped[int]
