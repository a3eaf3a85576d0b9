"""Each Monday's digests: which are due, found every few minutes by the
scheduler and handed to workers (planner/caseload/digest.py builds them).

A digest is a row with a unique key (trainer and week), created by whichever
scheduler gets there first, at the trainer's own local time on Monday; a
scheduler that was down catches up later on Monday, never later."""
from __future__ import annotations

from datetime import datetime, time, timedelta

from planner.extensions import db
from planner.local_time import local_wall_clock
from planner.models import Digest, Trainer
from planner.models.inserts import insert_new

# A digest found later than this after Monday's time is skipped, not sent late.
DIGEST_CATCH_UP = timedelta(hours=12)


def schedule_digests(now: datetime, digest_at: time) -> list[int]:
    """Create this week's digest for each trainer whose Monday `digest_at`
    has come; the new digests' ids (the caller commits, then enqueues them)."""
    new = []
    for trainer_id, zone in db.session.execute(db.select(Trainer.id, Trainer.timezone)):
        local = local_wall_clock(now, zone)
        monday = local.date() - timedelta(days=local.weekday())
        due = datetime.combine(monday, digest_at)
        if due <= local < due + DIGEST_CATCH_UP:
            new.append({"trainer_id": trainer_id, "week_start": monday, "status": "pending", "entries": [],
                        "created_at": now})
    return [row[0] for row in insert_new(Digest, new, ["trainer_id", "week_start"])]
