"""A practice's own media on exercises: photos stored by us, video links.

A row belongs to one trainer (their practice) and one exercise, built-in
or their own: another trainer never sees it. A photo's file lives under
MEDIA_DIR with a name we generated (planner/library/media.py)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from planner.extensions import db
from planner.models.library import Exercise
from planner.models.people import utcnow
from planner.vocabularies import MEDIA_CAPTION_MAX, MEDIA_KINDS, VIDEO_URL_MAX

PHOTO, VIDEO = MEDIA_KINDS
FILE_NAME_MAX = 64


class ExerciseMedia(db.Model):
    __tablename__ = "exercise_media"
    __table_args__ = (
        # A photo has a file and no link; a video link has a link and no file.
        CheckConstraint("(kind = 'photo' AND file_name IS NOT NULL AND video_url IS NULL) OR "
                        "(kind = 'video' AND video_url IS NOT NULL AND file_name IS NULL)", name="kind_fields"),
        Index(None, "trainer_id", "exercise_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    trainer_id: Mapped[int] = mapped_column(ForeignKey("trainer.id", ondelete="CASCADE"))
    exercise_id: Mapped[int] = mapped_column(ForeignKey("exercise.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(8))
    # Random, ours: the uploaded name is never used.
    file_name: Mapped[str | None] = mapped_column(String(FILE_NAME_MAX), unique=True)
    video_url: Mapped[str | None] = mapped_column(String(VIDEO_URL_MAX))
    caption: Mapped[str | None] = mapped_column(String(MEDIA_CAPTION_MAX))
    width: Mapped[int | None]
    height: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    exercise: Mapped[Exercise] = relationship()
