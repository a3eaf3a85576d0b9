"""A client's latest pain score judged from their recent check-ins alone.

The reply path (a safety line for a severe score) and the trainer's flare
alert run on every reply, so they read the few weeks the rules need instead
of rebuilding the client's whole progress (planner/progress/
client_progress.py), and reach the same verdicts:

- Severe depends on the day's score and the week before it (or the
  baseline when that week holds no score): that week is all it reads.
- A flare depends on the week before each day and on the episode the day
  may belong to, which can have begun long ago (its first day is the
  alert's `since`). Any score raised over no level at all (at or below the
  baseline, planner/progress/flares.py `never_raised`) ends every episode
  and leaves nothing pending, so the verdicts after it depend on nothing
  earlier. The window read is the last four weeks, doubled while it holds
  no such score (with its whole reference week inside the window), up to
  the whole history: a client whose pain has stayed above their baseline
  for months is read back to where the episode began.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from planner.extensions import db
from planner.models import CheckIn, Program
from planner.progress.client_progress import PUBLISHED, baseline_assessments
from planner.progress.flares import Flare, PainEvents, find_pain_events, is_severe_score, never_raised
from planner.progress.pain_series import CheckInRow, baseline, reference_means
from planner.progress.report_rules import DEFAULT_THRESHOLDS, Thresholds

# The window read first: a reference week and three weeks of check-ins, in
# which a client near or below their baseline almost always has a score
# that settles the verdicts. Our choice, for speed: any window gives the
# same verdicts, a longer one only when it has to.
FIRST_WINDOW_DAYS = 28


@dataclass(frozen=True)
class LatestPain:
    date: date  # the latest check-in with a pain score, up to the day judged
    score: int
    events: PainEvents  # the rules' verdicts on the window read (exact for `date`)
    read_from: date | None  # the first day read; None when it took the whole history

    def is_severe(self) -> bool:
        return self.events.is_severe(self.date)

    def flare(self) -> Flare | None:
        return next((f for f in self.events.flares if f.date == self.date), None)


def judge_window(points: Sequence[tuple[date, int]], baseline_pain: float | None, read_from: date | None,
                 thresholds: Thresholds = DEFAULT_THRESHOLDS) -> PainEvents | None:
    """The pain events of `points` (every score from `read_from` on, oldest
    first; `read_from` None: the whole history), or None when the window
    cannot vouch for its latest day: it needs a never-raised score on a day
    whose reference week lies inside the window (see the module docstring)."""
    if not points:
        return None
    if read_from is not None:
        judged_from = read_from + timedelta(days=thresholds.rolling_window_days)
        if not any(day >= judged_from and never_raised(score, baseline_pain, thresholds) for day, score in points):
            return None
    return find_pain_events(points, baseline_pain, thresholds)


def _scores(client_id: int, start: date | None, until: date) -> list[tuple[date, int]]:
    query = db.select(CheckIn.date, CheckIn.pain).where(
        CheckIn.client_id == client_id, CheckIn.pain.is_not(None), CheckIn.date <= until)
    if start is not None:
        query = query.where(CheckIn.date >= start)
    return [(day, pain) for day, pain in db.session.execute(query.order_by(CheckIn.date))]


def _first_scored_day(client_id: int, until: date) -> date | None:
    return db.session.scalar(db.select(db.func.min(CheckIn.date)).where(
        CheckIn.client_id == client_id, CheckIn.pain.is_not(None), CheckIn.date <= until))


def pain_baseline(client_id: int, today: date, window_days: int = DEFAULT_THRESHOLDS.rolling_window_days
                  ) -> float | None:
    """The client's baseline pain as their report has it on `today`
    (planner/progress/pain_series.py): the earliest assessment's pain, else
    the mean of the first week of check-ins; None when neither exists."""
    programs = db.session.execute(db.select(Program.start_date, Program.assessment_id).where(
        Program.client_id == client_id, Program.status.in_(PUBLISHED))).all()
    assessments = [a for a in baseline_assessments(client_id, programs) if a.date <= today]
    first_week: list[CheckInRow] = []
    if not any(a.primary() for a in assessments):
        first = _first_scored_day(client_id, today)
        if first is None:
            return None
        week_end = min(today, first + timedelta(days=window_days - 1))
        first_week = [CheckInRow(day, pain, None) for day, pain in _scores(client_id, first, week_end)]
    found = baseline(first_week, assessments, window_days)
    return found.value if found else None


def latest_pain(client_id: int, today: date, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> LatestPain | None:
    """The client's latest scored check-in up to `today` and the rules'
    verdicts on it, read from the recent window it needs; None without one."""
    baseline_pain = pain_baseline(client_id, today, thresholds.rolling_window_days)
    if baseline_pain is None:  # no assessment's pain and no score: nothing to judge
        return None
    span, first_day = FIRST_WINDOW_DAYS, None
    while True:
        read_from: date | None = today - timedelta(days=span)
        if first_day is not None and read_from <= first_day:
            read_from = None
        points = _scores(client_id, read_from, today)
        events = judge_window(points, baseline_pain, read_from, thresholds)
        if events is not None:
            day, score = points[-1]
            return LatestPain(day, score, events, read_from)
        if read_from is None:
            return None
        if first_day is None:
            first_day = _first_scored_day(client_id, today)
            if first_day is None:  # an assessment's pain, but no score from a check-in yet
                return None
        span *= 2


def severe_on(client_id: int, day: date, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> bool:
    """Whether the client's check-in of `day` is a severe score, from that
    day and the week before it (the baseline only when that week is empty)."""
    points = _scores(client_id, day - timedelta(days=thresholds.rolling_window_days), day)
    if not points or points[-1][0] != day or points[-1][1] < thresholds.severe_pain_score:
        return False
    reference = reference_means(points, thresholds.rolling_window_days)[-1]
    baseline_pain = pain_baseline(client_id, day, thresholds.rolling_window_days) if reference is None else None
    return is_severe_score(points[-1][1], reference, baseline_pain, thresholds)
