"""The nightly review's rules: what the last two weeks of check-ins say
about a program, and the concrete changes that follow. Plain functions
over plain data; planner/progress/reviews.py reads the rows and applies them."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from statistics import fmean

from planner.programs import dosage
from planner.programs.dosage import Dose
from planner.programs.choice import LibraryExercise, exclusion
from planner.progress.pain_monitoring import TOO_MUCH
from planner.progress.pain_series import CheckInRow
from planner.progress.report import Report, adherence

REVIEW_WINDOW_DAYS = 14
# Progress only on evidence: at least this many pain scores (or judged
# sessions) in the window. Our product choice.
MIN_SCORES_TO_PROGRESS = 3
# Our product choices: four sessions in five is following the program;
# under half is not (the dashboard's planner/caseload/attention.py agrees).
PROGRESS_MIN_ADHERENCE = 0.8
SHORTEN_BELOW_ADHERENCE = 0.5
# Pain-monitoring model (Silbernagel et al., Am J Sports Med 2007): a session
# with pain above 5/10 during it, or worse the next morning, was too much and
# the load should come down. Two in the window make a pattern; one can be a
# bad day (our product choice). A daily pain score above 5 is not such a
# session: the model is about the response to a session, not a ceiling on a
# chronic-pain client's usual pain.
TOO_MUCH_SESSIONS_TO_REGRESS = 2
# Fewer exercises are done better: Henry et al. (Phys Ther 1999;79:270) gave
# older adults 2, 5 or 8 exercises; those given 2 performed them better than
# those given 8 (5 differed from neither), and self-reported compliance did
# not differ. It supports "few", not a number: 4 is our product choice.
SHORT_SESSION_MAX_ITEMS = 4
# Adherence over fewer prescribed sessions says little (one missed session
# in two is 50%); below this the review does not judge it.
MIN_PRESCRIBED_TO_JUDGE = 3

@dataclass(frozen=True)
class WindowCheckIn:
    id: int
    date: date
    pain: int | None
    done: bool | None
    exercise_pain: int | None = None
    morning_pain: int | None = None

    def as_dict(self) -> dict:
        return {"id": self.id, "date": self.date.isoformat(), "pain": self.pain, "done": self.done,
                "exercise_pain": self.exercise_pain, "morning_pain": self.morning_pain}


@dataclass(frozen=True)
class Decision:
    kind: str | None  # progress, regress, shorten, or None: leave the program be
    reason: str
    evidence: tuple[WindowCheckIn, ...] = ()
    alert: str | None = None  # an alert kind the trainer should get with it


def _dates(days) -> str:
    return ", ".join(day.isoformat() for day in days)


def decide(checkins: list[WindowCheckIn], prescribed: int, done: int, baseline: float | None,
           flare_dates: list[date], verdicts: Sequence[tuple[date, str | None]] = (),
           watch_dates: Sequence[date] = ()) -> Decision:
    """The review of one program over its window, safety first.

    - regress: a flare (usual pain raised and still raised at the next
      check-in, planner/progress/flares.py), or `TOO_MUCH_SESSIONS_TO_REGRESS`
      sessions judged too much by the pain-monitoring model (`verdicts`:
      (session day, verdict) in the window). Never on a daily score alone.
    - shorten: under half the prescribed sessions done.
    - hold: a raised score still waiting for its next check-in, or a severe
      score (`watch_dates`), stops a progression until it is known to be a spike.
    - progress: good adherence, no flare and no session too much, and either
      at least `MIN_SCORES_TO_PROGRESS` sessions judged safe or acceptable,
      or (fewer judged: exercise pain not recorded) at least that many pain
      scores with a mean at or below the baseline.
    `prescribed` and `done` are the window's sessions, counted as the report
    counts them."""
    scores = [c for c in checkins if c.pain is not None]
    flare_days = set(flare_dates)
    flares = [c for c in checkins if c.date in flare_days]
    if flares:
        first, latest = flares[0].date, flares[-1].date
        since = f" (raised since {first.isoformat()})" if first != latest else ""
        return Decision("regress", f"a flare on {latest.isoformat()}{since}", tuple(flares))
    too_much = sorted(day for day, verdict in verdicts if verdict == TOO_MUCH)
    if len(too_much) >= TOO_MUCH_SESSIONS_TO_REGRESS:
        evidence = tuple(c for c in checkins if c.date in set(too_much))
        return Decision("regress", f"{len(too_much)} sessions too much by the pain-monitoring model (pain "
                        f"during them above the acceptable limit, or worse the next morning): {_dates(too_much)}",
                        evidence)
    adherence = done / prescribed if prescribed >= MIN_PRESCRIBED_TO_JUDGE else None
    if adherence is not None and adherence < SHORTEN_BELOW_ADHERENCE:
        return Decision("shorten", f"{done} of {prescribed} sessions done in {REVIEW_WINDOW_DAYS} days "
                        f"({round(adherence * 100)}%)", tuple(checkins), alert="low_adherence")
    if adherence is None or adherence < PROGRESS_MIN_ADHERENCE:
        return Decision(None, "nothing calls for a change", tuple(checkins))
    if watch_dates:
        return Decision(None, f"pain raised on {_dates(sorted(watch_dates))}: waiting for the next check-in "
                        "before any progression", tuple(c for c in checkins if c.date in set(watch_dates)))
    if too_much:
        return Decision(None, f"a session too much by the pain-monitoring model on {_dates(too_much)}: "
                        "no progression yet", tuple(c for c in checkins if c.date in set(too_much)))
    judged = [(day, verdict) for day, verdict in verdicts if verdict is not None]
    if len(judged) >= MIN_SCORES_TO_PROGRESS:
        days = {day for day, _ in judged}
        return Decision("progress", f"{len(judged)} sessions safe or acceptable by the pain-monitoring model, "
                        f"with {round(adherence * 100)}% of sessions done",
                        tuple(c for c in checkins if c.date in days))
    if baseline is not None and len(scores) >= MIN_SCORES_TO_PROGRESS:
        mean = fmean(c.pain for c in scores)
        if mean <= baseline:
            return Decision("progress", f"pain {mean:.1f} on average, at or below the baseline {baseline:g}, "
                            f"with {round(adherence * 100)}% of sessions done", tuple(scores))
    return Decision(None, "nothing calls for a change", tuple(checkins))


def review_decision(report: Report, checkins: list[WindowCheckIn], sessions: Sequence[date], since: date,
                    today: date) -> Decision:
    """Tonight's decision for the window from `since` to the day before
    `today`: `report` is the client's report as of that day, `checkins` the
    window's, `sessions` the program's session dates in it. A raised score
    not yet settled, or a severe one in the window, holds a progression
    back (our product choice: wait for the next check-in, or for the
    severe day to leave the window)."""
    done = adherence([CheckInRow(c.date, c.pain, c.done) for c in checkins], sessions, today)
    unsettled = report.events.unsettled
    watch = {s.date for s in report.severe} | ({unsettled.date} if unsettled else set())
    return decide(checkins, done.prescribed, done.done, report.baseline_pain,
                  [f.date for f in report.flares if f.date >= since],
                  verdicts=[(load.date, load.verdict) for load in report.pain_monitoring if load.date >= since],
                  watch_dates=sorted(day for day in watch if day >= since))


@dataclass(frozen=True)
class FutureItem:
    """A program item on a session still to come."""
    id: int
    session_id: int
    position: int
    phase: str
    exercise: str  # slug
    dose: Dose
    locked: bool


@dataclass
class Change:
    item_id: int
    action: str  # swap, dose, remove
    before: dict
    after: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"item_id": self.item_id, "action": self.action, "before": self.before, "after": self.after}


def _swap_target(item: FutureItem, link: str | None, library: dict[str, LibraryExercise],
                 equipment: tuple[str, ...], blocked: dict[str, int], precautions: dict[str, str]) -> str | None:
    target = library.get(link) if link else None
    if target is None or target.phase != item.phase or exclusion(target, equipment, blocked, precautions):
        return None
    return target.slug


def plan(kind: str, items: list[FutureItem], library: dict[str, LibraryExercise], equipment: tuple[str, ...],
         blocked: dict[str, int], precautions: dict[str, str] | None = None) -> list[Change]:
    """The changes a decision makes to the sessions still to come. Locked
    items are the trainer's: they are never touched. A swap never brings in
    an exercise the client's pain, equipment or precautions rule out (the
    same rules as the generator's, planner/programs/choice.py)."""
    changes: list[Change] = []
    free = [i for i in items if not i.locked]
    if kind == "shorten":
        by_session: dict[int, list[FutureItem]] = {}
        for item in items:
            by_session.setdefault(item.session_id, []).append(item)
        for session_items in by_session.values():
            # Keep the first ones (the generator puts the most needed work
            # first) and every locked one; locked ones count towards the limit.
            room = SHORT_SESSION_MAX_ITEMS - sum(1 for i in session_items if i.locked)
            for item in sorted(session_items, key=lambda i: i.position):
                if item.locked:
                    continue
                if room > 0:
                    room -= 1
                else:
                    changes.append(Change(item.id, "remove", {"exercise": item.exercise}))
        return changes
    for item in free:
        exercise = library.get(item.exercise)
        if exercise is None:
            continue
        link = exercise.progression if kind == "progress" else exercise.regression
        target = _swap_target(item, link, library, equipment, blocked, precautions or {})
        if target:
            changes.append(Change(item.id, "swap", {"exercise": item.exercise}, {"exercise": target}))
            continue
        step = dosage.next_dose if kind == "progress" else dosage.previous_dose
        new = step(item.phase, item.dose, exercise.default)
        if new is not None and new != item.dose:
            before, after = item.dose.as_dict(), new.as_dict()
            changed = {k for k in after if after[k] != before[k]}
            changes.append(Change(item.id, "dose", {k: before[k] for k in changed}, {k: after[k] for k in changed}))
    return changes
