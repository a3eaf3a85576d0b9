"""The scheduler process: one tick a minute hands the reminder and check-in
prompt slots that are due to workers; every five minutes, the nightly
program reviews and Monday digests that are due.

It never sends anything itself. What is due, and the rows that make each
slot, review and digest exist once, are the domain's
(planner/messaging/due_slots.py, planner/progress/review_schedule.py,
planner/caseload/digest_schedule.py); this module owns the transactions:
each chunk is committed before it is enqueued, so a worker always finds its
rows. A tick can be replayed for any instant (`planner scheduler tick
--now ...`) after an outage."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from flask import current_app

from planner.caseload.digest_schedule import schedule_digests
from planner.extensions import db
from planner.local_time import clock_time
from planner.messaging.due_slots import create_dispatches, due_slots, stale_pending
from planner.messaging.stranded_replies import stranded_replies
from planner.models.people import utcnow
from planner.progress.review_schedule import schedule_reviews
from workers.broker import commit_then_send
from workers.tasks import build_digest, process_inbound, review_program, send_dispatches

log = logging.getLogger(__name__)

BATCH_SIZE = 50  # dispatches per worker message: fewer round trips, still a small retry unit
CLIENTS_PER_CHUNK = 2000  # a tick reads, inserts and enqueues this many clients at a time


@dataclass
class TickReport:
    now: datetime
    due: int = 0
    created: int = 0
    missed: int = 0
    requeued: int = 0
    replies_requeued: int = 0
    enqueued_ids: list[int] = field(default_factory=list)

    def __str__(self) -> str:
        return (f"tick {self.now.isoformat()}Z: {self.due} slots due, {self.created} new, "
                f"{self.missed} missed, {self.requeued} re-enqueued, {self.replies_requeued} stranded replies handed over")


def _batches(ids: list[int], report: TickReport) -> list[list[int]]:
    batches = [ids[start:start + BATCH_SIZE] for start in range(0, len(ids), BATCH_SIZE)]
    for batch in batches:
        report.enqueued_ids += batch
    return batches


def tick(now: datetime | None = None, enqueue=None, enqueue_reply=None) -> TickReport:
    """One pass: create the due dispatches and enqueue the new ones in
    batches, a chunk of clients at a time (each chunk committed before it
    is enqueued, so a worker always finds its rows); then hand over again
    the dispatches and replies whose queue message was lost."""
    enqueue = enqueue or send_dispatches.send
    now = now or utcnow().replace(second=0, microsecond=0)
    grace = timedelta(minutes=current_app.config["DISPATCH_GRACE_MINUTES"])
    report = TickReport(now)
    after = 0
    while True:
        rows, after = due_slots(now, grace, after, CLIENTS_PER_CHUNK, current_app.config["FOLLOW_UP_WEEKS"])
        if after is None:
            break
        created = create_dispatches(rows)
        report.due += len(rows)
        report.created += len(created)
        report.missed += sum(1 for _, state in created if state == "missed")
        commit_then_send(enqueue, _batches([i for i, state in created if state == "pending"], report))
    stale = stale_pending(now, grace)
    report.requeued = len(stale)
    commit_then_send(enqueue, _batches(stale, report))
    replies = stranded_replies(now)
    report.replies_requeued = len(replies)
    commit_then_send(enqueue_reply or process_inbound.send, replies)
    return report


@dataclass
class PeriodicReport:
    reviews: int = 0
    requeued_reviews: int = 0
    digests: int = 0

    def __str__(self) -> str:
        return f"{self.reviews} reviews ({self.requeued_reviews} re-enqueued), {self.digests} digests"


def periodic_tick(now: datetime | None = None, enqueue_review=None, enqueue_digest=None) -> PeriodicReport:
    """Tonight's reviews and this Monday's digests that are due, each
    committed, then enqueued."""
    now = now or utcnow().replace(second=0, microsecond=0)
    config = current_app.config
    created, stale = schedule_reviews(now, clock_time(config["REVIEW_LOCAL_TIME"]))
    commit_then_send(enqueue_review or review_program.send, created + stale)
    digests = schedule_digests(now, clock_time(config["DIGEST_LOCAL_TIME"]))
    commit_then_send(enqueue_digest or build_digest.send, digests)
    return PeriodicReport(len(created), len(stale), len(digests))


def run_forever() -> None:
    """The `planner scheduler` process: tick at the start of every minute."""
    app = current_app._get_current_object()

    def job():
        with app.app_context():
            try:
                log.info("%s", tick(datetime.now(timezone.utc).replace(tzinfo=None, second=0, microsecond=0)))
            finally:
                db.session.remove()

    def periodic_job():
        with app.app_context():
            try:
                log.info("%s", periodic_tick())
            finally:
                db.session.remove()

    scheduler = BlockingScheduler(timezone="UTC")
    # UTC cron: no daylight-saving surprises; coalesce so a stalled process
    # runs one tick, not a backlog, and the grace window covers the gap.
    scheduler.add_job(job, CronTrigger(second=0, timezone="UTC"), id="dispatch-tick",
                      coalesce=True, max_instances=1, misfire_grace_time=30)
    # Reviews and digests are due at local times in every zone; looking every
    # five minutes finds them soon enough and costs little.
    scheduler.add_job(periodic_job, CronTrigger(minute="*/5", second=30, timezone="UTC"), id="periodic-tick",
                      coalesce=True, max_instances=1, misfire_grace_time=120)
    scheduler.start()
