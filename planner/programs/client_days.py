"""A program as its client sees it on the session page: today's session,
the week ahead, and the past days with what was done (from the check-ins
and the ticks per exercise). Plain functions; the caller commits."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from planner.extensions import db
from planner.models import CheckIn, ExerciseTick, Program, ProgramSession
from planner.models.people import utcnow

# Our product choice: what "the week ahead" shows.
AHEAD_DAYS = 7


@dataclass(frozen=True)
class PastDay:
    session: ProgramSession
    checkin: CheckIn | None
    ticked: int  # exercises ticked that day

    @property
    def done(self) -> bool | None:
        """True or False as the client said, None when they did not say."""
        return self.checkin.done if self.checkin is not None else None


@dataclass(frozen=True)
class ClientDays:
    today: date
    todays: ProgramSession | None
    ahead: list[ProgramSession]  # after today, within AHEAD_DAYS
    past: list[PastDay]  # most recent first


def session_on(program: Program, day: date) -> ProgramSession | None:
    return next((s for s in program.sessions if s.date == day), None)


def ticked_items(program: Program, day: date) -> set[int]:
    return set(db.session.scalars(db.select(ExerciseTick.program_item_id).where(
        ExerciseTick.program_id == program.id, ExerciseTick.date == day, ExerciseTick.done)))


def client_days(program: Program, today: date) -> ClientDays:
    """Three queries: the program's sessions (loaded with it), its client's
    check-ins and its ticks over its dates."""
    sessions = sorted(program.sessions, key=lambda s: s.date)
    first = sessions[0].date if sessions else today
    checkins = {c.date: c for c in db.session.scalars(db.select(CheckIn).where(
        CheckIn.client_id == program.client_id, CheckIn.date >= first, CheckIn.date <= today))}
    ticked: dict[date, int] = dict(db.session.execute(
        db.select(ExerciseTick.date, db.func.count()).where(ExerciseTick.program_id == program.id,
                                                             ExerciseTick.done).group_by(ExerciseTick.date)).all())
    return ClientDays(
        today=today,
        todays=next((s for s in sessions if s.date == today), None),
        ahead=[s for s in sessions if today < s.date <= today + timedelta(days=AHEAD_DAYS)],
        past=[PastDay(s, checkins.get(s.date), ticked.get(s.date, 0)) for s in reversed(sessions) if s.date < today])


class NotThisSession(ValueError):
    """Item ids that are not exercises of the session being ticked."""


def save_ticks(program: Program, session: ProgramSession, done_item_ids: set[int]) -> None:
    """The session's ticks as the form sent them: an exercise is ticked when
    its id is in `done_item_ids`, unticked otherwise. Flushed."""
    items = {item.id for item in session.items}
    strangers = done_item_ids - items
    if strangers:
        raise NotThisSession(f"{len(strangers)} of the ticked exercises are not part of this session")
    existing = {t.program_item_id: t for t in db.session.scalars(db.select(ExerciseTick).where(
        ExerciseTick.program_id == program.id, ExerciseTick.date == session.date))}
    now = utcnow()
    for item_id in items:
        tick = existing.get(item_id)
        done = item_id in done_item_ids
        if tick is None:
            if done:
                db.session.add(ExerciseTick(program_id=program.id, date=session.date, program_item_id=item_id,
                                            done=True, updated_at=now))
        elif tick.done != done:
            tick.done = done
    db.session.flush()
