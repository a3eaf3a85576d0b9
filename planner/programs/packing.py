"""Placing the chosen exercises into the week's sessions: each within its
minutes and item cap, most severe findings first, rotating what does not
fit (A/B sessions), with room kept for integration."""
from __future__ import annotations

from dataclasses import dataclass, field

from planner.programs import dosage
from planner.programs.dosage import Dose
from planner.programs.choice import LibraryExercise, Unit
from planner.programs.rules import MAX_ITEMS_PER_SESSION, MIN_WEEKLY_EXPOSURES
from planner.vocabularies import PHASES


@dataclass
class SessionPlan:
    index: int
    units: list[Unit] = field(default_factory=list)
    reserved_seconds: int = 0  # locked items and the integrate slot
    reserved_items: int = 0
    integrate: LibraryExercise | None = None

    def seconds(self, doses: dict[int, Dose]) -> int:
        return self.reserved_seconds + sum(
            dosage.seconds(doses[id(u)], u.exercise.per_side, u.side) for u in self.units)

    def item_count(self) -> int:
        return len(self.units) + self.reserved_items


def _fits(plan: SessionPlan, extra: int, doses: dict[int, Dose], capacity: int) -> bool:
    return plan.item_count() + 1 <= MAX_ITEMS_PER_SESSION and plan.seconds(doses) + extra <= capacity


def choose_integrate(plan: SessionPlan, usable: list[LibraryExercise]) -> LibraryExercise | None:
    """The integrate exercise that brings together the most of this
    session's activated muscles, easiest first."""
    activated = sorted({f.muscle for u in plan.units if u.phase == "activate" for f in u.findings})
    if not activated:
        return None
    best, best_key = None, None
    for exercise in usable:
        if exercise.phase != "integrate":
            continue
        primary = sum(1 for m in activated if m in exercise.primary)
        secondary = sum(1 for m in activated if m in exercise.secondary)
        if primary + secondary == 0:
            continue
        key = (-primary, -secondary, exercise.level, exercise.slug)
        if best_key is None or key < best_key:
            best, best_key = exercise, key
    return best


def place_units(units: list[Unit], sessions: int, capacity: int, doses: dict[int, Dose],
                usable: list[LibraryExercise], integrate_planned: bool,
                locked_load: dict[int, tuple[int, int]]) -> tuple[list[SessionPlan], list[Unit]]:
    """Put each unit into MIN_WEEKLY_EXPOSURES sessions (or as many as the
    week has), most severe first, always into the least busy session with
    room; reserve room for integration; then add extra exposures while room
    remains. Returns the session plans and the units that fit nowhere."""
    plans = [SessionPlan(i) for i in range(sessions)]
    for plan in plans:
        plan.reserved_seconds, plan.reserved_items = locked_load.get(plan.index, (0, 0))
    order = sorted(units, key=lambda u: (u.rank, PHASES.index(u.phase), u.exercise.slug))
    required = min(MIN_WEEKLY_EXPOSURES, sessions)
    unplaced = []

    def place(unit: Unit, wanted: int) -> None:
        cost = dosage.seconds(doses[id(unit)], unit.exercise.per_side, unit.side)
        free = sorted((p for p in plans if unit not in p.units), key=lambda p: (p.seconds(doses), p.index))
        for plan in free:
            if len(unit.sessions) >= wanted:
                break
            if _fits(plan, cost, doses, capacity):
                plan.units.append(unit)
                unit.sessions.append(plan.index)

    # Integration is part of every session once it starts, so its room is
    # set aside before the findings fill the sessions: the largest entry
    # dose among the integrate exercises that could serve this client.
    activated = {f.muscle for u in units if u.phase == "activate" for f in u.findings}
    integrate_costs = [dosage.seconds(dosage.starting_dose("integrate", e.default), e.per_side, None)
                       for e in usable if e.phase == "integrate" and activated & set(e.primary + e.secondary)]
    reserve = max(integrate_costs) if integrate_planned and integrate_costs else 0
    if reserve:
        for plan in plans:
            plan.reserved_seconds += reserve
            plan.reserved_items += 1
    for unit in order:
        place(unit, required)
        if not unit.sessions:
            unplaced.append(unit)
    if reserve:
        for plan in plans:
            plan.reserved_seconds -= reserve
            plan.reserved_items -= 1
            exercise = choose_integrate(plan, usable)
            if exercise is None:
                continue
            entry = dosage.starting_dose("integrate", exercise.default)
            plan.integrate = exercise
            plan.reserved_seconds += dosage.seconds(entry, exercise.per_side, None)
            plan.reserved_items += 1
    for unit in order:
        if unit.sessions:
            place(unit, sessions)
    for unit in units:
        unit.sessions.sort()
    return plans, unplaced
