"""Which reminder and check-in prompt slots are due: the queries behind the
scheduler's tick.

Each slot is a `dispatch` row whose unique key (client, kind, local date)
the database enforces, so two schedulers ticking the same minute create it
once, and only the one that created it enqueues it. A slot found late
(after an outage) still goes out within the grace window; older ones are
recorded as missed.

Follow-up prompts (kind `follow_up`) go out some weeks after the last
session of the client's program (planner/progress/follow_up.py), at the
evening check-in time, to the same clients reminders may reach. A client
whose program still has sessions ahead gets none: only the running
program's last session counts, and publishing a new one archives the old."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from planner.extensions import db
from planner.local_time import local_instant
from planner.models import Client, Dispatch, Program, ProgramSession
from planner.models.inserts import insert_new

STALE_PENDING = timedelta(minutes=2)  # enqueued by a scheduler that died before handing over


def due_slots(now: datetime, grace: timedelta, after_client: int,
              limit: int, follow_up_weeks: tuple[int, ...] = ()) -> tuple[list[dict], int | None]:
    """Reminder and prompt slots at or before `now` (naive UTC) that are not
    yet dispatches, for the next `limit` clients after `after_client`: their
    active programs' sessions, if they can be messaged, for slots after the
    program was published. Returns the rows and the last client id read
    (None when there are no more clients), so memory stays flat whatever
    the number of clients. Follow-up prompts are due `follow_up_weeks`
    after the last session of a client's active program."""
    window = (now.date() - timedelta(days=1), now.date() + timedelta(days=1))
    # The morning after a session may fall in the window when the session does not.
    sessions_from = window[0] - timedelta(days=1)
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
        .where(*chunk, *can_be_messaged, ProgramSession.date.between(sessions_from, window[1]))
        .order_by(Client.id, ProgramSession.date, ProgramSession.index)).all()
    session_days = {(client_id, day) for _, day, client_id, *_ in rows}
    slots: dict[tuple[int, str, object], dict] = {}
    zones: dict[str, ZoneInfo] = {}
    for session_id, day, client_id, zone_name, reminder_at, checkin_at, published_at in rows:
        zone = zones.get(zone_name) or zones.setdefault(zone_name, ZoneInfo(zone_name))
        for kind, slot_day, at in _slots_of_session(day, (client_id, day - timedelta(days=1)) in session_days,
                                                     (client_id, day + timedelta(days=1)) in session_days,
                                                     reminder_at, checkin_at):
            if not window[0] <= slot_day <= window[1]:
                continue
            due = local_instant(slot_day, at, zone)
            if due > now or (published_at is not None and due < published_at):
                continue
            state = "pending" if now - due <= grace else "missed"
            slots.setdefault((client_id, kind, slot_day), {
                "client_id": client_id, "program_session_id": session_id, "kind": kind, "local_date": slot_day,
                "due_at": due, "state": state, "created_at": now})
    for client_id, zone_name, checkin_at, day in _follow_up_days(chunk, can_be_messaged, window, follow_up_weeks):
        due = local_instant(day, checkin_at, zones.get(zone_name) or zones.setdefault(zone_name, ZoneInfo(zone_name)))
        if due <= now:
            slots.setdefault((client_id, "follow_up", day), {
                "client_id": client_id, "program_session_id": None, "kind": "follow_up", "local_date": day,
                "due_at": due, "state": "pending" if now - due <= grace else "missed", "created_at": now})
    if slots:
        existing = set(db.session.execute(
            db.select(Dispatch.client_id, Dispatch.kind, Dispatch.local_date)
            .where(Dispatch.client_id > after_client, Dispatch.client_id <= last,
                   Dispatch.local_date.between(*window))).all())
        slots = {key: row for key, row in slots.items() if key not in existing}
    return list(slots.values()), last


def _follow_up_days(chunk, can_be_messaged, window: tuple[date, date], weeks: tuple[int, ...]):
    """(client id, zone, check-in time, follow-up date) for the clients of
    the chunk whose running program's last session was `weeks` before a
    date of the window: one query, grouped by client."""
    if not weeks:
        return []
    last_session = db.func.max(ProgramSession.date)
    window_days = [window[0] + timedelta(days=i) for i in range((window[1] - window[0]).days + 1)]
    ends = {day - timedelta(weeks=w): day for w in weeks for day in window_days}
    rows = db.session.execute(
        db.select(Client.id, Client.timezone, Client.checkin_time, last_session)
        .join(Program, Program.client_id == Client.id).join(ProgramSession, ProgramSession.program_id == Program.id)
        .where(*chunk, *can_be_messaged).group_by(Client.id, Client.timezone, Client.checkin_time)
        .having(last_session.in_(list(ends))))
    return [(client_id, zone, at, ends[last]) for client_id, zone, at, last in rows]


def _slots_of_session(day, after_a_session: bool, before_a_session: bool, reminder_at, checkin_at):
    """(kind, local date, local time) of the texts a session brings: its
    reminder (asking about waking too when the day before was a session
    day), its evening prompt, and the question about waking the next
    morning, at the reminder's time, when that morning has no reminder to
    carry it. At most two scheduled texts a day (planner/messaging/texts.py)."""
    yield ("morning_reminder" if after_a_session else "reminder"), day, reminder_at
    yield "checkin_prompt", day, checkin_at
    if not before_a_session:
        yield "morning_prompt", day + timedelta(days=1), reminder_at


def create_dispatches(rows: list[dict]) -> list[tuple[int, str]]:
    """Insert the slots no other scheduler created first; (id, state) of the new ones."""
    return insert_new(Dispatch, rows, ["client_id", "kind", "local_date"], returning=(Dispatch.id, Dispatch.state))


def stale_pending(now: datetime, grace: timedelta) -> list[int]:
    """Dispatches a scheduler created but may have died before enqueuing,
    still inside the grace window: to be enqueued again."""
    return list(db.session.scalars(
        db.select(Dispatch.id).where(Dispatch.state == "pending", Dispatch.created_at < now - STALE_PENDING,
                                     Dispatch.due_at >= now - grace)))
