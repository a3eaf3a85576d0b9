"""Placing the chosen exercises into the week's sessions.

Each dysfunction's continuum stays together: the release and stretch of one
of its overactive muscles and the activation of one of its underactive
muscles form a bundle placed in the same sessions, so a session inhibits and
lengthens before it activates, for the same dysfunction (NASM). Bundles go
in rank order into the least busy sessions with room (minutes and item cap),
MIN_WEEKLY_EXPOSURES times a week first, then wherever room is left, with
room kept for integration. Whatever fits nowhere is returned."""
from __future__ import annotations

from dataclasses import dataclass, field

from planner.programs import dosage
from planner.programs.dosage import Dose
from planner.programs.choice import LibraryExercise, Unit
from planner.programs.rules import INTEGRATE_ENTRY_MAX_LEVEL, MAX_ITEMS_PER_SESSION, MIN_WEEKLY_EXPOSURES


@dataclass
class SessionPlan:
    index: int
    units: list[Unit] = field(default_factory=list)
    reserved_seconds: int = 0  # locked items and the integrate slot
    reserved_items: int = 0
    integrate: LibraryExercise | None = None
    integrate_dose: Dose | None = None  # its entry dose, kept in reserved_seconds

    def seconds(self, doses: dict[int, Dose]) -> int:
        return self.reserved_seconds + sum(
            dosage.seconds(doses[id(u)], u.exercise.per_side, u.side) for u in self.units)

    def item_count(self) -> int:
        return len(self.units) + self.reserved_items

    def activated(self) -> list:
        """The findings this session activates, in rank order."""
        return [f for u in sorted(self.units, key=lambda u: u.rank) if u.phase == "activate" for f in u.findings]


def bundles(units: list[Unit]) -> list[list[Unit]]:
    """Units grouped by dysfunction: the k-th release-and-stretch pair with
    the k-th activation, in rank order (a bundle may lack a part the
    library, the equipment or a precaution left out)."""
    by_dysfunction: dict[str, dict[str, list[Unit]]] = {}
    for unit in sorted(units, key=lambda u: (u.rank, u.exercise.slug)):
        by_dysfunction.setdefault(unit.dysfunction, {"pairs": [], "activate": []})
    paired: set[int] = set()
    for unit in sorted(units, key=lambda u: (u.rank, u.phase != "inhibit", u.exercise.slug)):
        parts = by_dysfunction[unit.dysfunction]
        if unit.phase == "activate":
            parts["activate"].append(unit)
            continue
        if id(unit) in paired:
            continue
        # Its partner: the other phase's unit for the same lead finding.
        lead = unit.findings[0]
        partner = next((u for u in units if u.phase != unit.phase and u.phase != "activate"
                        and id(u) not in paired and any(f is lead for f in u.findings)), None)
        pair = [u for u in (unit, partner) if u is not None]
        paired.update(id(u) for u in pair)
        parts["pairs"].append(sorted(pair, key=lambda u: u.phase != "inhibit"))
    result = []
    for parts in by_dysfunction.values():
        for k in range(max(len(parts["pairs"]), len(parts["activate"]))):
            bundle = list(parts["pairs"][k]) if k < len(parts["pairs"]) else []
            if k < len(parts["activate"]):
                bundle.append(parts["activate"][k])
            result.append(bundle)
    return sorted(result, key=lambda b: min(u.rank for u in b))


def _fits(plan: SessionPlan, bundle: list[Unit], doses: dict[int, Dose], capacity: int) -> bool:
    extra = sum(dosage.seconds(doses[id(u)], u.exercise.per_side, u.side) for u in bundle)
    return plan.item_count() + len(bundle) <= MAX_ITEMS_PER_SESSION and plan.seconds(doses) + extra <= capacity


def choose_integrate(plan: SessionPlan, usable: list[LibraryExercise]) -> LibraryExercise | None:
    """The integrate exercise, at level 1-2 to begin with, that brings
    together the most of this session's activated muscles, easiest first."""
    activated = sorted({f.muscle for f in plan.activated()})
    if not activated:
        return None
    best, best_key = None, None
    for exercise in usable:
        if exercise.phase != "integrate" or exercise.level > INTEGRATE_ENTRY_MAX_LEVEL:
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
                usable: list[LibraryExercise], locked_load: dict[int, tuple[int, int]]
                ) -> tuple[list[SessionPlan], list[Unit]]:
    """Put each bundle into MIN_WEEKLY_EXPOSURES sessions (or as many as the
    week has), in rank order, into the least busy sessions where all of it
    fits; a bundle that fits whole nowhere is placed unit by unit. Room for
    integration is kept while placing. Then extra exposures while room
    remains. Returns the session plans and the units that fit nowhere."""
    plans = [SessionPlan(i) for i in range(sessions)]
    for plan in plans:
        plan.reserved_seconds, plan.reserved_items = locked_load.get(plan.index, (0, 0))
    required = min(MIN_WEEKLY_EXPOSURES, sessions)

    def place(bundle: list[Unit], wanted: int, split: bool = True) -> None:
        todo = [u for u in bundle if len(u.sessions) < wanted]
        while todo:
            free = sorted((p for p in plans if not any(u in p.units for u in todo)),
                          key=lambda p: (p.seconds(doses), p.index))
            plan = next((p for p in free if _fits(p, todo, doses, capacity)), None)
            if plan is None:
                break
            plan.units += todo
            for unit in todo:
                unit.sessions.append(plan.index)
            todo = [u for u in todo if len(u.sessions) < wanted]
        if split and len(todo) > 1:  # the whole bundle fits nowhere more: its parts where they fit
            for unit in todo:
                place([unit], wanted)

    # Integration is part of every session once it starts, so its room is
    # set aside before the findings fill the sessions: the largest entry
    # dose among the integrate exercises that could serve this client.
    activated = {f.muscle for u in units if u.phase == "activate" for f in u.findings}
    integrate_costs = [dosage.seconds(dosage.starting_dose("integrate", e.default), e.per_side, None)
                       for e in usable if e.phase == "integrate" and e.level <= INTEGRATE_ENTRY_MAX_LEVEL
                       and activated & set(e.primary + e.secondary)]
    reserve = max(integrate_costs, default=0)
    for plan in plans:
        plan.reserved_seconds += reserve
        plan.reserved_items += 1 if reserve else 0
    grouped = bundles(units)

    def fill_in() -> None:
        for bundle in grouped:
            place(bundle, required)
        for bundle in grouped:  # extra exposures: whole bundles only, never a release without its activation
            if any(u.sessions for u in bundle):
                place([u for u in bundle if u.sessions], sessions, split=False)

    fill_in()
    for plan in plans:
        plan.reserved_seconds -= reserve
        plan.reserved_items -= 1 if reserve else 0
        plan.integrate = choose_integrate(plan, usable) if reserve else None
        if plan.integrate is not None:
            plan.integrate_dose = dosage.starting_dose("integrate", plan.integrate.default)
            plan.reserved_seconds += dosage.seconds(plan.integrate_dose, plan.integrate.per_side, None)
            plan.reserved_items += 1
    if reserve:
        fill_in()  # the room kept for an integration a session did not get
    for unit in units:
        unit.sessions.sort()
    return plans, [u for u in units if not u.sessions]


FILL_ORDER = ("activate", "lengthen", "inhibit", "integrate")


def fill_sessions(plans: list[SessionPlan], doses: dict[int, Dose], capacity: int, share: float,
                  ceiling: float) -> None:
    """Fuller doses, one more set at a time, until every session reaches
    `share` of its minutes or nothing more fits under `ceiling` of them (the
    rest is room for the weeks' progression). The smallest set that gets a
    session there is taken; until one does, activation first, then
    stretches, releases (a second tender spot) and integration, highest
    ranked first; when no set can be added, a stretch or an isometric is
    held longer. A unit's dose is the same in each of its sessions, so each
    step must fit all of them."""
    by_index = {p.index: p for p in plans}
    capacity = int(capacity * ceiling)
    for plan in plans:
        while plan.seconds(doses) < share * capacity / ceiling:
            options = []  # (extra seconds, priority, apply)
            for longer in (False, True):  # a longer hold only once no set can be added
                for unit in plan.units:
                    more = _longer_hold(unit, doses[id(unit)]) if longer else dosage.fuller(unit.phase, doses[id(unit)])
                    if more is None:
                        continue
                    extra = dosage.seconds(more, unit.exercise.per_side, unit.side) - \
                        dosage.seconds(doses[id(unit)], unit.exercise.per_side, unit.side)
                    if all(by_index[i].seconds(doses) + extra <= capacity for i in unit.sessions):
                        options.append((extra, (FILL_ORDER.index(unit.phase), unit.rank, unit.exercise.slug),
                                        lambda unit=unit, more=more: doses.__setitem__(id(unit), more)))
                if options:
                    break
            if plan.integrate is not None and (more := dosage.fuller("integrate", plan.integrate_dose)):
                extra = dosage.seconds(more, plan.integrate.per_side, None) - \
                    dosage.seconds(plan.integrate_dose, plan.integrate.per_side, None)
                if plan.seconds(doses) + extra <= capacity:
                    options.append((extra, (FILL_ORDER.index("integrate"), -1, plan.integrate.slug),
                                    lambda plan=plan, more=more, extra=extra: _fuller_integration(plan, more, extra)))
            if not options:
                break
            missing = share * capacity / ceiling - plan.seconds(doses)
            enough = [o for o in options if o[0] >= missing]
            chosen = min(enough, key=lambda o: (o[0], o[1])) if enough else min(options, key=lambda o: o[1])
            chosen[2]()


def _longer_hold(unit: Unit, dose: Dose) -> Dose | None:
    """A stretch or an isometric held 5 s longer (the first of the weeks'
    steps, within NASM's 30-60 s for a stretch and 1.5 times the library's
    hold for an isometric): the finer way to fill a session whose items
    already have their most sets. Repetitions do not climb here, so the
    double progression keeps its weeks."""
    if unit.phase not in ("lengthen", "activate") or dose.reps is not None:
        return None
    return dosage.climb(unit.phase, dose, unit.exercise.default, unit.exercise.loaded)


def _fuller_integration(plan: SessionPlan, dose: Dose, extra: int) -> None:
    plan.integrate_dose = dose
    plan.reserved_seconds += extra
