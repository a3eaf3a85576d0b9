"""The nightly review's rules: what the last two weeks of check-ins say
about a program, and the concrete changes that follow. Plain functions
over plain data; planner/progress/reviews.py reads the rows and applies them."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from statistics import fmean

from planner.programs import dosage
from planner.programs.dosage import Dose
from planner.programs.choice import LibraryExercise, exclusion

REVIEW_WINDOW_DAYS = 14
# Progress only on evidence: at least this many pain scores in the window.
MIN_SCORES_TO_PROGRESS = 3
PROGRESS_MIN_ADHERENCE = 0.8
SHORTEN_BELOW_ADHERENCE = 0.5
# Silbernagel et al. 2007 (pain-monitoring model): above 5/10 the load is too high.
PAIN_TOO_HIGH_ABOVE = 5
HIGH_PAIN_CHECKINS_TO_REGRESS = 2
# Henry et al.: adherence is better with fewer exercises and drops past about 4.
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

    def as_dict(self) -> dict:
        return {"id": self.id, "date": self.date.isoformat(), "pain": self.pain, "done": self.done}


@dataclass(frozen=True)
class Decision:
    kind: str | None  # progress, regress, shorten, or None: leave the program be
    reason: str
    evidence: tuple[WindowCheckIn, ...] = ()
    alert: str | None = None  # an alert kind the trainer should get with it


def decide(checkins: list[WindowCheckIn], prescribed: int, done: int, baseline: float | None,
           flare_dates: list[date]) -> Decision:
    """The review of one program over its window, safety first: a flare or
    high pain regresses before anything else is considered. `prescribed`
    and `done` are the window's sessions, counted as the report counts them."""
    scores = [c for c in checkins if c.pain is not None]
    high = [c for c in scores if c.pain > PAIN_TOO_HIGH_ABOVE]
    flares = [c for c in checkins if c.date in set(flare_dates)]
    if flares:
        return Decision("regress", f"a flare on {', '.join(c.date.isoformat() for c in flares)}", tuple(flares))
    if len(high) >= HIGH_PAIN_CHECKINS_TO_REGRESS:
        return Decision("regress", f"pain above {PAIN_TOO_HIGH_ABOVE}/10 on {len(high)} check-ins", tuple(high))
    adherence = done / prescribed if prescribed >= MIN_PRESCRIBED_TO_JUDGE else None
    if adherence is not None and adherence < SHORTEN_BELOW_ADHERENCE:
        return Decision("shorten", f"{done} of {prescribed} sessions done in {REVIEW_WINDOW_DAYS} days "
                        f"({round(adherence * 100)}%)", tuple(checkins), alert="low_adherence")
    if baseline is not None and len(scores) >= MIN_SCORES_TO_PROGRESS and adherence is not None \
            and adherence >= PROGRESS_MIN_ADHERENCE:
        mean = fmean(c.pain for c in scores)
        if mean <= baseline:
            return Decision("progress", f"pain {mean:.1f} on average, at or below the baseline {baseline:g}, "
                            f"with {round(adherence * 100)}% of sessions done", tuple(scores))
    return Decision(None, "nothing calls for a change", tuple(checkins))


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
                 equipment: tuple[str, ...], blocked: dict[str, int]) -> str | None:
    target = library.get(link) if link else None
    if target is None or target.phase != item.phase or exclusion(target, equipment, blocked):
        return None
    return target.slug


def plan(kind: str, items: list[FutureItem], library: dict[str, LibraryExercise], equipment: tuple[str, ...],
         blocked: dict[str, int]) -> list[Change]:
    """The changes a decision makes to the sessions still to come. Locked
    items are the trainer's: they are never touched."""
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
        target = _swap_target(item, link, library, equipment, blocked)
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
