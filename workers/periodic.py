"""The scheduler's daily and weekly work: each night's program reviews and
each Monday's digests, found every few minutes and handed to workers.

Like reminders, each is a row with a unique key (program and local date;
trainer and week), created by whichever scheduler gets there first and
enqueued only by it. Times are each person's own local time, so a review
runs after 03:00 where the client lives and a digest at 07:00 on Monday
where the trainer lives, daylight saving included. A scheduler that was
down catches up: a review missed at 03:00 runs later that day, a digest
later on Monday."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy.dialects import postgresql, sqlite

from planner.extensions import db
from planner.models import Client, Digest, Program, ProgramReview, ProgramSession, Trainer
from planner.models.people import utcnow

# Reviews that a worker took or was given but never finished (it died).
STALE_REVIEW = timedelta(minutes=10)
# A digest found later than this after Monday's time is skipped, not sent late.
DIGEST_CATCH_UP = timedelta(hours=12)
MONDAY = 0


@dataclass
class PeriodicReport:
    reviews: int = 0
    requeued_reviews: int = 0
    digests: int = 0

    def __str__(self) -> str:
        return f"{self.reviews} reviews ({self.requeued_reviews} re-enqueued), {self.digests} digests"


def _local(now: datetime, zone: str) -> datetime:
    return now.replace(tzinfo=timezone.utc).astimezone(ZoneInfo(zone)).replace(tzinfo=None)


def _clock(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def _insert_new(model, rows: list[dict], key: list[str]) -> list[int]:
    if not rows:
        return []
    dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(model).on_conflict_do_nothing(index_elements=key).returning(model.id)
    return [row[0] for row in db.session.execute(statement, rows)]


def schedule_reviews(now: datetime, enqueue) -> tuple[int, int]:
    """Create tonight's review for each active program whose client's local
    time is past the review time and that has not had one today."""
    review_at = _clock(current_app.config["REVIEW_LOCAL_TIME"])
    recent = now.date() - timedelta(days=2)
    last_review = (db.select(ProgramReview.program_id, db.func.max(ProgramReview.reviewed_on).label("last"))
                   .where(ProgramReview.reviewed_on >= recent).group_by(ProgramReview.program_id).subquery())
    started = (db.select(ProgramSession.program_id, db.func.min(ProgramSession.date).label("first"))
               .group_by(ProgramSession.program_id).subquery())
    rows = db.session.execute(
        db.select(Program.id, Program.client_id, Client.timezone, last_review.c.last, started.c.first)
        .join(Client, Client.id == Program.client_id)
        .join(started, started.c.program_id == Program.id)
        .outerjoin(last_review, last_review.c.program_id == Program.id)
        .where(Program.status == "active")).all()
    new = []
    for program_id, client_id, zone, last, first in rows:
        local = _local(now, zone)
        # A program is judged once its first session is behind it.
        if local.time() >= review_at and first < local.date() and (last is None or last < local.date()):
            new.append({"program_id": program_id, "client_id": client_id, "reviewed_on": local.date(),
                        "status": "pending", "reason": "", "evidence": [], "changes": [], "created_at": now})
    created = _insert_new(ProgramReview, new, ["program_id", "reviewed_on"])
    # A review handed out long ago and still pending (lost on the way), or
    # taken by a worker that has not finished long after (it died): hand it
    # out again. The conditions are in the update itself, so a worker that
    # finishes meanwhile is not overtaken.
    stale_since = now - STALE_REVIEW
    lost = ((ProgramReview.status == "pending") & (ProgramReview.enqueued_at < stale_since)) | \
        ((ProgramReview.status == "running") & (ProgramReview.claimed_at < stale_since))
    stale = [review_id for (review_id,) in db.session.execute(
        db.update(ProgramReview).where(lost, ProgramReview.reviewed_on >= recent)
        .values(status="pending").returning(ProgramReview.id))]
    handed = created + stale
    if handed:
        db.session.execute(db.update(ProgramReview).where(ProgramReview.id.in_(handed)).values(enqueued_at=now))
    db.session.commit()
    for review_id in handed:
        enqueue(review_id)
    return len(created), len(stale)


def schedule_digests(now: datetime, enqueue) -> int:
    """Create this week's digest for each trainer whose Monday digest time has come."""
    digest_at = _clock(current_app.config["DIGEST_LOCAL_TIME"])
    new = []
    for trainer_id, zone in db.session.execute(db.select(Trainer.id, Trainer.timezone)):
        local = _local(now, zone)
        monday = local.date() - timedelta(days=local.weekday())
        due = datetime.combine(monday, digest_at)
        if due <= local < due + DIGEST_CATCH_UP:
            new.append({"trainer_id": trainer_id, "week_start": monday, "status": "pending", "entries": [],
                        "created_at": now})
    created = _insert_new(Digest, new, ["trainer_id", "week_start"])
    db.session.commit()
    for digest_id in created:
        enqueue(digest_id)
    return len(created)


def periodic_tick(now: datetime | None = None, enqueue_review=None, enqueue_digest=None) -> PeriodicReport:
    if enqueue_review is None or enqueue_digest is None:
        from workers.tasks import build_digest, review_program
        enqueue_review = enqueue_review or review_program.send
        enqueue_digest = enqueue_digest or build_digest.send
    now = now or utcnow().replace(second=0, microsecond=0)
    report = PeriodicReport()
    report.reviews, report.requeued_reviews = schedule_reviews(now, enqueue_review)
    report.digests = schedule_digests(now, enqueue_digest)
    return report
