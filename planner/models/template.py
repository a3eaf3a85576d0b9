"""Program templates: a trainer's program saved under a name, to start
other clients' programs from. A snapshot of the weeks, sessions and items
(with the trainer's edits) and the findings it was built for; nothing of
the client it came from (no name, no dates, no grades)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from planner.extensions import db
from planner.models.people import utcnow


class ProgramTemplate(db.Model):
    __tablename__ = "program_template"
    __table_args__ = (UniqueConstraint("trainer_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    trainer_id: Mapped[int] = mapped_column(ForeignKey("trainer.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    weeks: Mapped[int]
    sessions_per_week: Mapped[int]
    minutes_per_session: Mapped[int]
    equipment: Mapped[list] = mapped_column(JSON)
    # [{muscle, side, status}]: the findings of the program it was saved from.
    findings: Mapped[list] = mapped_column(JSON)
    # Compensation slugs the assessment behind it recorded.
    compensations: Mapped[list] = mapped_column(JSON)
    # [{week, deload, sessions: [{index, items: [...]}]}] (adaptation.TemplateItem.as_dict).
    schedule: Mapped[list] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
