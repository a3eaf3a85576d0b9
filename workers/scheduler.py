"""The scheduler process: one tick a minute finds the reminder and check-in
prompt slots that are due and hands them to workers.

It never sends anything itself. Each slot is a `dispatch` row whose unique
key (client, kind, local date) the database enforces, so two schedulers
ticking the same minute create it once, and only the one that created it
enqueues it. A tick can be replayed for any instant (`planner scheduler
tick --now ...`) after an outage: slots still inside the grace window go
out late, older ones are recorded as missed."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy.dialects import postgresql, sqlite

from planner.extensions import db
from planner.models import Client, Dispatch, Program, ProgramSession
from planner.models.people import utcnow
from planner.schedule import local_instant

log = logging.getLogger(__name__)

BATCH_SIZE = 50  # dispatches per worker message: fewer round trips, still a small retry unit
STALE_PENDING = timedelta(minutes=2)  # enqueued by a scheduler that died before handing over


@dataclass
class TickReport:
    now: datetime
    due: int = 0
    created: int = 0
    missed: int = 0
    requeued: int = 0
    enqueued_ids: list[int] = field(default_factory=list)

    def __str__(self) -> str:
        return (f"tick {self.now.isoformat()}Z: {self.due} slots due, {self.created} new, "
                f"{self.missed} missed, {self.requeued} re-enqueued")


def _insert_ignoring_duplicates(rows: list[dict]) -> list[tuple[int, str]]:
    if not rows:
        return []
    dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(Dispatch).on_conflict_do_nothing(
        index_elements=["client_id", "kind", "local_date"]).returning(Dispatch.id, Dispatch.state)
    created = []
    for start in range(0, len(rows), 1000):
        created += [tuple(r) for r in db.session.execute(statement, rows[start:start + 1000])]
    return created


CLIENTS_PER_CHUNK = 2000  # a tick reads, inserts and enqueues this many clients at a time


def due_slots(now: datetime, grace: timedelta, after_client: int = 0,
              limit: int = CLIENTS_PER_CHUNK) -> tuple[list[dict], int | None]:
    """Reminder and prompt slots at or before `now` (naive UTC) that are not
    yet dispatches, for the next `limit` clients after `after_client`: their
    active programs' sessions, if they can be messaged, for slots after the
    program was published. Returns the rows and the last client id read
    (None when there are no more clients), so memory stays flat whatever
    the number of clients."""
    window = (now.date() - timedelta(days=1), now.date() + timedelta(days=1))
    can_be_messaged = (Program.status == "active", Client.sms_consent.is_(True), Client.sms_opted_out_at.is_(None))
    chunk_ids = (db.select(Client.id).join(Program, Program.client_id == Client.id)
                 .where(Client.id > after_client, *can_be_messaged).order_by(Client.id).limit(limit).subquery())
    last = db.session.scalar(db.select(db.func.max(chunk_ids.c.id)))
    if last is None:
        return [], None
    # The chunk is a range of ids, not a list: a list of thousands of bound
    # parameters is parsed by the driver and planned by the server each time.
    chunk = (Client.id > after_client, Client.id <= last)
    rows = db.session.execute(
        db.select(ProgramSession.id, ProgramSession.date, Client.id, Client.timezone, Client.reminder_time,
                  Client.checkin_time, Program.published_at)
        .join(Program, ProgramSession.program_id == Program.id)
        .join(Client, Program.client_id == Client.id)
        .where(*chunk, *can_be_messaged, ProgramSession.date.between(*window))
        .order_by(Client.id, ProgramSession.date, ProgramSession.index))
    slots: dict[tuple[int, str, object], dict] = {}
    zones: dict[str, ZoneInfo] = {}
    for session_id, day, client_id, zone_name, reminder_at, checkin_at, published_at in rows:
        zone = zones.get(zone_name) or zones.setdefault(zone_name, ZoneInfo(zone_name))
        for kind, at in (("reminder", reminder_at), ("checkin_prompt", checkin_at)):
            due = local_instant(day, at, zone)
            if due > now or (published_at is not None and due < published_at):
                continue
            state = "pending" if now - due <= grace else "missed"
            slots.setdefault((client_id, kind, day), {
                "client_id": client_id, "program_session_id": session_id, "kind": kind, "local_date": day,
                "due_at": due, "state": state, "created_at": now})
    if slots:
        existing = set(db.session.execute(
            db.select(Dispatch.client_id, Dispatch.kind, Dispatch.local_date)
            .where(Dispatch.client_id > after_client, Dispatch.client_id <= last,
                   Dispatch.local_date.between(*window))).all())
        slots = {key: row for key, row in slots.items() if key not in existing}
    return list(slots.values()), last


def _enqueue_in_batches(ids: list[int], enqueue, report: TickReport) -> None:
    for start in range(0, len(ids), BATCH_SIZE):
        batch = ids[start:start + BATCH_SIZE]
        enqueue(batch)
        report.enqueued_ids += batch


def tick(now: datetime | None = None, enqueue=None) -> TickReport:
    """One pass: create the due dispatches and enqueue the new ones in
    batches, a chunk of clients at a time (each chunk committed before it
    is enqueued, so a worker always finds its rows)."""
    if enqueue is None:
        from workers.tasks import send_dispatches
        enqueue = send_dispatches.send
    if now is None:
        now = utcnow().replace(second=0, microsecond=0)
    grace = timedelta(minutes=current_app.config["DISPATCH_GRACE_MINUTES"])
    report = TickReport(now)
    after = 0
    while True:
        rows, after = due_slots(now, grace, after, CLIENTS_PER_CHUNK)
        if after is None:
            break
        created = _insert_ignoring_duplicates(rows)
        db.session.commit()
        report.due += len(rows)
        report.created += len(created)
        report.missed += sum(1 for _, state in created if state == "missed")
        _enqueue_in_batches([i for i, state in created if state == "pending"], enqueue, report)
    # Dispatches a scheduler created but may have died before enqueuing.
    stale = [dispatch_id for (dispatch_id,) in db.session.execute(
        db.select(Dispatch.id).where(Dispatch.state == "pending", Dispatch.created_at < now - STALE_PENDING,
                                     Dispatch.due_at >= now - grace))]
    db.session.commit()
    report.requeued = len(stale)
    _enqueue_in_batches(stale, enqueue, report)
    return report


def run_forever() -> None:
    """The `planner scheduler` process: tick at the start of every minute."""
    from apscheduler.schedulers.blocking import BlockingScheduler
    from apscheduler.triggers.cron import CronTrigger

    app = current_app._get_current_object()

    def job():
        with app.app_context():
            try:
                log.info("%s", tick(datetime.now(timezone.utc).replace(tzinfo=None, second=0, microsecond=0)))
            finally:
                db.session.remove()

    scheduler = BlockingScheduler(timezone="UTC")
    # UTC cron: no daylight-saving surprises; coalesce so a stalled process
    # runs one tick, not a backlog, and the grace window covers the gap.
    scheduler.add_job(job, CronTrigger(second=0, timezone="UTC"), id="dispatch-tick",
                      coalesce=True, max_instances=1, misfire_grace_time=30)

    def periodic_job():
        from workers.periodic import periodic_tick

        with app.app_context():
            try:
                log.info("%s", periodic_tick())
            finally:
                db.session.remove()

    # Reviews and digests are due at local times in every zone; looking every
    # five minutes finds them soon enough and costs little.
    scheduler.add_job(periodic_job, CronTrigger(minute="*/5", second=30, timezone="UTC"), id="periodic-tick",
                      coalesce=True, max_instances=1, misfire_grace_time=120)
    scheduler.start()
