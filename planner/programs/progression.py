"""Week-by-week doses: progression under the weekly volume rule and each
session's minutes, lighter weeks, and integration entering and levelling up."""
from __future__ import annotations

from dataclasses import dataclass, replace

from planner.programs import dosage
from planner.programs.dosage import Dose
from planner.programs.choice import LibraryExercise, Unit
from planner.programs.rules import (DELOAD_EVERY_WEEKS, INTEGRATE_FROM_WEEK, INTEGRATE_LEVEL_UP_EVERY_WEEKS, MAX_WEEKLY_VOLUME_RISE)
from planner.programs.packing import SessionPlan
from planner.vocabularies import PHASES


@dataclass
class IntegrateState:
    exercise: LibraryExercise
    dose: Dose
    since_week: int


def _previous_rung(dose: Dose, start: Dose) -> Dose | None:
    if dose.reps is None:
        return None
    index = dosage.ladder_index(dose)
    if index == 0 or (dose.sets, dose.reps) == (start.sets, start.reps):
        return None
    sets, reps = dosage.REP_LADDER[index - 1]
    return replace(dose, sets=sets, reps=reps)


class Progression:
    """Week-by-week doses under the volume and time rules."""

    def __init__(self, units: list[Unit], plans: list[SessionPlan], capacity: int,
                 by_slug: dict[str, LibraryExercise], usable_slugs: set[str]):
        self.units = units
        self.plans = plans
        self.capacity = capacity
        self.by_slug = by_slug
        self.usable_slugs = usable_slugs
        self.start = {id(u): dosage.starting_dose(u.phase, u.exercise.default) for u in units}

    def volume(self, doses: dict[int, Dose], integrates: dict[int, IntegrateState]) -> int:
        total = 0
        for unit in self.units:
            total += len(unit.sessions) * dosage.load(doses[id(unit)], unit.exercise.per_side, unit.side, unit.phase)
        for state in integrates.values():
            total += dosage.load(state.dose, state.exercise.per_side, None, "integrate")
        return total

    def session_seconds(self, plan: SessionPlan, doses, integrates, locked_seconds: int) -> int:
        seconds = locked_seconds + sum(dosage.seconds(doses[id(u)], u.exercise.per_side, u.side)
                                       for u in plan.units)
        state = integrates.get(plan.index)
        if state:
            seconds += dosage.seconds(state.dose, state.exercise.per_side, None)
        return seconds

    def fits(self, doses, integrates, locked: dict[int, tuple[int, int]]) -> bool:
        return all(self.session_seconds(p, doses, integrates, locked.get(p.index, (0, 0))[0]) <= self.capacity
                   for p in self.plans)

    def run(self, weeks: int, locked: dict[int, tuple[int, int]]):
        """Yield (week, deload, doses, integrates) for each week."""
        full_doses = dict(self.start)
        full_integrates: dict[int, IntegrateState] = {}
        full_volume = self.volume(full_doses, full_integrates)
        for week in range(1, weeks + 1):
            deload = week % DELOAD_EVERY_WEEKS == 0
            if week == 1:
                yield week, False, dict(full_doses), dict(full_integrates)
                continue
            if deload:
                doses = {id(u): dosage.deload_dose(u.phase, full_doses[id(u)], u.exercise.default,
                                                    self.start[id(u)]) for u in self.units}
                integrates = {i: replace(s, dose=dosage.deload_dose(
                    "integrate", s.dose, s.exercise.default, dosage.starting_dose("integrate", s.exercise.default)))
                    for i, s in full_integrates.items()}
                yield week, True, doses, integrates
                continue
            cap = full_volume * (1 + MAX_WEEKLY_VOLUME_RISE)
            doses = dict(full_doses)
            integrates = dict(full_integrates)
            if week >= INTEGRATE_FROM_WEEK:
                self._enter_integration(week, doses, integrates, cap, locked)
                self._level_up_integration(week, doses, integrates, cap, locked)
            self._progress(doses, integrates, cap, locked)
            full_doses, full_integrates = doses, integrates
            full_volume = self.volume(doses, integrates)
            yield week, False, dict(doses), dict(integrates)

    def _enter_integration(self, week, doses, integrates, cap, locked) -> None:
        waiting = [p for p in self.plans if p.integrate is not None and p.index not in integrates]
        if not waiting:
            return
        trial_doses = dict(doses)
        trial = dict(integrates)
        for plan in waiting:
            trial[plan.index] = IntegrateState(plan.integrate, dosage.starting_dose("integrate", plan.integrate.default),
                                               week)
        # Room for integration is made by easing activation back a rung,
        # the least severe findings first: the continuum shifts from
        # isolated to integrated work.
        easing = sorted((u for u in self.units if u.phase == "activate"), key=lambda u: (-u.rank, u.exercise.slug))
        while self.volume(trial_doses, trial) > cap:
            for unit in easing:
                lower = _previous_rung(trial_doses[id(unit)], self.start[id(unit)])
                if lower is not None:
                    trial_doses[id(unit)] = lower
                    break
            else:
                return  # cannot make room this week; try again next week
        if self.fits(trial_doses, trial, locked):
            doses.update(trial_doses)
            integrates.update(trial)

    def _level_up_integration(self, week, doses, integrates, cap, locked) -> None:
        for index in sorted(integrates):
            state = integrates[index]
            if week - state.since_week < INTEGRATE_LEVEL_UP_EVERY_WEEKS:
                continue
            harder = self.by_slug.get(state.exercise.progression or "")
            if harder is None or harder.slug not in self.usable_slugs:
                continue
            plan = self.plans[index]
            activated = {f.muscle for u in plan.units if u.phase == "activate" for f in u.findings}
            if not activated & set(harder.primary + harder.secondary):
                continue  # the harder version must still use this session's activated muscles
            trial = dict(integrates)
            trial[index] = IntegrateState(harder, replace(state.dose, tempo=harder.default.tempo,
                                                          rest_seconds=harder.default.rest_seconds), week)
            if harder.default.reps is None or state.dose.reps is None:
                trial[index] = IntegrateState(harder, dosage.starting_dose("integrate", harder.default), week)
            if self.volume(doses, trial) <= cap and self.fits(doses, trial, locked):
                integrates[index] = trial[index]

    def _progress(self, doses, integrates, cap, locked) -> None:
        """One rung up for each item, most severe first, while the week stays
        under the volume cap and every session within its minutes."""
        for unit in sorted(self.units, key=lambda u: (u.rank, PHASES.index(u.phase), u.exercise.slug)):
            step = dosage.next_dose(unit.phase, doses[id(unit)], unit.exercise.default)
            if step is None:
                continue
            trial = dict(doses)
            trial[id(unit)] = step
            if self.volume(trial, integrates) <= cap and self.fits(trial, integrates, locked):
                doses[id(unit)] = step
        for index in sorted(integrates):
            state = integrates[index]
            step = dosage.next_dose("integrate", state.dose, state.exercise.default)
            if step is None:
                continue
            trial = dict(integrates)
            trial[index] = replace(state, dose=step)
            if self.volume(doses, trial) <= cap and self.fits(doses, trial, locked):
                integrates[index] = trial[index]
