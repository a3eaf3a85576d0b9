"""Week-by-week work: double progression up each exercise's chain, the 10%
rule and a lighter week for loaded work (after the reassessment point, not
on it), and integration entering in week 1 and climbing its own chain. Plain functions over plain
data; the rules are in rules.py and dosage.py."""
from __future__ import annotations

from dataclasses import dataclass, replace

from planner.programs import dosage
from planner.programs.dosage import Dose
from planner.programs.choice import LibraryExercise, Unit, side_of
from planner.programs.rules import (INTEGRATE_FROM_WEEK, MAX_WEEKLY_VOLUME_RISE,
                                    REASSESS_AFTER_WEEKS, lighter_week)
from planner.programs.packing import SessionPlan
from planner.vocabularies import PHASES


@dataclass(frozen=True)
class Work:
    """What an item is in a given week: its exercise (which moves up the
    chain), its dose, its side, and where it came from."""
    exercise: LibraryExercise
    dose: Dose
    side: str | None
    since_week: int = 1
    previous: LibraryExercise | None = None  # the exercise it moved up from
    lighter: bool = False  # shown at the lighter week's dose


class Progression:
    def __init__(self, units: list[Unit], plans: list[SessionPlan], capacity: int, start: dict[int, Dose],
                 by_slug: dict[str, LibraryExercise], usable_slugs: set[str], locked: dict[int, tuple[int, int]]):
        self.units = sorted(units, key=lambda u: (u.rank, PHASES.index(u.phase), u.exercise.slug))
        self.plans = plans
        self.capacity = capacity
        self.start = start
        self.by_slug = by_slug
        self.usable_slugs = usable_slugs
        self.locked = locked

    # --- measures -----------------------------------------------------------

    def _seconds(self, work: Work) -> int:
        return dosage.seconds(work.dose, work.exercise.per_side, work.side)

    def fits(self, works: dict[int, Work], integrates: dict[int, Work], only: list[int] | None = None) -> bool:
        """Every session (or those `only` names) within its minutes."""
        for plan in (self.plans if only is None else [self.plans[i] for i in only]):
            seconds = self.locked.get(plan.index, (0, 0))[0] + sum(self._seconds(works[id(u)]) for u in plan.units)
            if plan.index in integrates:
                seconds += self._seconds(integrates[plan.index])
            if seconds > self.capacity:
                return False
        return True

    def _carried_load(self, before: dict, after: dict, exposures: dict) -> tuple[int, int]:
        """Loaded volume (before, after) of the work that is the same
        exercise in both weeks: the 10% rule's measure."""
        old = new = 0
        for key, work in before.items():
            now = after.get(key)
            if now is None or not work.exercise.loaded or now.exercise != work.exercise:
                continue
            old += exposures[key] * dosage.load(work.dose, work.exercise.per_side, work.side, work.exercise.phase)
            new += exposures[key] * dosage.load(now.dose, now.exercise.per_side, now.side, now.exercise.phase)
        return old, new

    # --- steps --------------------------------------------------------------

    def _harder(self, exercise: LibraryExercise, muscles: set[str]) -> LibraryExercise | None:
        """The next usable rung up the exercise's chain that still works
        these muscles (rungs needing missing equipment are skipped)."""
        seen = {exercise.slug}
        rung = self.by_slug.get(exercise.progression or "")
        while rung is not None and rung.slug not in seen:
            if rung.slug in self.usable_slugs and muscles & set(rung.primary + rung.secondary):
                return rung
            seen.add(rung.slug)
            rung = self.by_slug.get(rung.progression or "")
        return None

    def _step(self, work: Work, phase: str, findings: list, muscles: set[str], week: int) -> Work | None:
        """One week's progression: reps up the range, else the next rung of
        the chain at the bottom of the range, else one more set."""
        exercise = work.exercise
        climbed = dosage.climb(phase, work.dose, exercise.default, exercise.loaded)
        if climbed is not None:
            return replace(work, dose=climbed, lighter=False)
        if phase not in ("activate", "integrate"):
            return None
        harder = self._harder(exercise, muscles)
        if harder is not None:
            side = side_of(harder, findings) if phase == "activate" else None
            return Work(harder, dosage.restart(phase, work.dose, harder.default), side, week, exercise)
        more = dosage.add_set(phase, work.dose)
        return None if more is None else replace(work, dose=more, lighter=False)

    # --- weeks --------------------------------------------------------------

    def run(self, weeks: int, reassess_after_weeks: int = REASSESS_AFTER_WEEKS):
        """Yield (week, lighter week?, {id(unit): Work}, {plan index: Work})
        for each week; the lighter weeks avoid the reassessment point
        (rules.lighter_week)."""
        exposures = {id(u): len(u.sessions) for u in self.units} | {("integrate", p.index): 1 for p in self.plans}
        full = {id(u): Work(u.exercise, self.start[id(u)], u.side) for u in self.units}
        integrates: dict[int, Work] = {}
        reference = (full, integrates)  # the last full (not lighter) week: the 10% rule's base
        for week in range(1, weeks + 1):
            lighter = lighter_week(week, reassess_after_weeks)
            works, new_integrates = dict(full), dict(integrates)
            self._enter_integration(week, works, new_integrates)
            if week > 1:
                self._progress(week, reference, works, new_integrates, lighter, exposures)
            full, integrates = works, new_integrates
            if not lighter:
                reference = (full, integrates)
            if lighter:
                yield week, True, {k: self._lighter(w, week) for k, w in works.items()}, \
                    {k: self._lighter(w, week) for k, w in new_integrates.items()}
            else:
                yield week, False, dict(works), dict(new_integrates)

    def _enter_integration(self, week: int, works: dict, integrates: dict) -> None:
        for plan in self.plans:
            if plan.integrate is None or plan.index in integrates or week < INTEGRATE_FROM_WEEK:
                continue
            entry = Work(plan.integrate, plan.integrate_dose, None, week)
            trial = integrates | {plan.index: entry}
            if self.fits(works, trial):
                integrates[plan.index] = entry

    def _progress(self, week, reference, works, integrates, lighter, exposures) -> None:
        """Each item one step, highest-ranked first, while every session stays
        within its minutes and loaded work carried from the last full week
        (`reference`) within the 10% rule. In the lighter week loaded work
        holds (it is shown lighter)."""
        def keyed(w: dict, i: dict) -> dict:
            return w | {("integrate", k): v for k, v in i.items()}

        before = keyed(*reference)

        def accept(trial_works: dict, trial_integrates: dict, sessions: list[int]) -> bool:
            if not self.fits(trial_works, trial_integrates, sessions):
                return False
            old, new = self._carried_load(before, keyed(trial_works, trial_integrates), exposures)
            return new <= old * (1 + MAX_WEEKLY_VOLUME_RISE)

        for unit in self.units:
            work = works[id(unit)]
            if lighter and work.exercise.loaded:
                continue
            muscles = {f.muscle for f in unit.findings}
            step = self._step(work, unit.phase, unit.findings, muscles, week)
            if step is not None and accept(works | {id(unit): step}, integrates, unit.sessions):
                works[id(unit)] = step
        for index in sorted(integrates):
            work = integrates[index]
            if work.since_week == week or (lighter and work.exercise.loaded):
                continue
            plan = self.plans[index]
            muscles = {f.muscle for f in plan.activated()}
            step = self._step(work, "integrate", [], muscles, week)
            if step is not None and accept(works, integrates | {index: step}, [index]):
                integrates[index] = step

    def _lighter(self, work: Work, week: int) -> Work:
        """The lighter week's version: loaded work at about 60% (dosage.deload_dose)."""
        if not work.exercise.loaded or work.previous is not None and work.since_week == week:
            return work  # bodyweight work, or an exercise that moved up this week: already at the bottom
        phase = work.exercise.phase
        start = dosage.starting_dose(phase, work.exercise.default)
        lighter = dosage.deload_dose(phase, work.dose, work.exercise.default, start)
        return replace(work, dose=lighter, lighter=lighter != work.dose)
