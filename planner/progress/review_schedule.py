"""Each night's program reviews: which are due, found every few minutes by
the scheduler and handed to workers (planner/progress/reviews.py runs them).

Like reminders, each review is a row with a unique key (program and local
date), created by whichever scheduler gets there first. Times are the
client's own local time, so a review runs after 03:00 where the client
lives, daylight saving included; a scheduler that was down catches up later
that day."""
from __future__ import annotations

from datetime import datetime, time, timedelta

from planner.extensions import db
from planner.local_time import local_wall_clock
from planner.models import Client, Program, ProgramReview, ProgramSession
from planner.models.inserts import insert_new

# Reviews that a worker took or was given but never finished (it died).
STALE_REVIEW = timedelta(minutes=10)


def schedule_reviews(now: datetime, review_at: time) -> tuple[list[int], list[int]]:
    """Create tonight's review for each active program whose client's local
    time is past `review_at` and that has not had one today, and take back
    reviews that were lost on the way. Returns the ids of the new and of the
    taken-back reviews, marked as handed out now; the caller commits, then
    enqueues them."""
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
        local = local_wall_clock(now, zone)
        # A program is judged once its first session is behind it.
        if local.time() >= review_at and first < local.date() and (last is None or last < local.date()):
            new.append({"program_id": program_id, "client_id": client_id, "reviewed_on": local.date(),
                        "status": "pending", "reason": "", "evidence": [], "changes": [], "created_at": now})
    created = [row[0] for row in insert_new(ProgramReview, new, ["program_id", "reviewed_on"])]
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
    return created, stale
