"""The program generator: from an assessment's findings to a progressive
corrective program. Plain functions over plain data: no Flask, no database.

The rules, each a named constant below or in dosage.py, with its source:
- Sessions run in the corrective exercise continuum's order: inhibit,
  lengthen, activate, integrate (NASM; Clark & Lucett).
- Overactive muscles get inhibit and lengthen work; weak, inhibited and
  underactive muscles get activate work; integrate work combines the
  muscles being activated. More severe findings are served first.
- One-sided findings get one-sided work on the affected side.
- Exercises contraindicated for a region in pain at PAIN_EXCLUDES_AT or more,
  or needing equipment the client lacks, are never chosen.
- Sessions fit their minutes and hold at most MAX_ITEMS_PER_SESSION items;
  what does not fit rotates across the week's sessions so each finding is
  trained MIN_WEEKLY_EXPOSURES times a week where the schedule allows.
  Whatever still cannot be placed is listed as uncovered, with the reason.
- Loaded volume rises by at most MAX_WEEKLY_VOLUME_RISE a week, and every
  DELOAD_EVERY_WEEKS-th week is lighter (dosage.DELOAD_LOAD_FACTOR).
- Same inputs, same program: every choice breaks ties on stable keys.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date

from . import dosage
from .dosage import Dose
from .findings import Finding
from .schedule import dates_in_week
from .vocabularies import PHASES

# A pain score of 4/10 or more is at least moderate on the numeric rating
# scale (cut-points of Serlin et al., Pain 1995; the planner's issue #3).
PAIN_EXCLUDES_AT = 4
# Fewer exercises, better adherence: adherence drops past about 4 items
# (Henry et al.); the issue asks to keep sessions to roughly 4-6.
MAX_ITEMS_PER_SESSION = 6
# Each finding trained at least twice a week where the schedule allows
# (NASM: corrective work 3-5 days a week).
MIN_WEEKLY_EXPOSURES = 2
# The "10% rule" for training load: common practice, kept as the default.
MAX_WEEKLY_VOLUME_RISE = 0.10
DELOAD_EVERY_WEEKS = 4
# Integration enters once activation has had two weeks (NASM's continuum
# activates before it integrates), and climbs a level every two weeks.
INTEGRATE_FROM_WEEK = 3
INTEGRATE_LEVEL_UP_EVERY_WEEKS = 2

ACTIVATION_STATUSES = ("weak", "inhibited", "underactive")
VERBS = {"inhibit": "releases", "lengthen": "lengthens", "activate": "activates"}


@dataclass(frozen=True)
class LibraryExercise:
    slug: str
    name: str
    phase: str
    level: int
    equipment: tuple[str, ...]
    per_side: bool
    contraindications: tuple[str, ...]
    primary: tuple[str, ...]
    secondary: tuple[str, ...]
    default: Dose
    progression: str | None = None
    regression: str | None = None


@dataclass(frozen=True)
class Params:
    weeks: int = 6
    sessions_per_week: int = 3
    minutes_per_session: int = 20
    equipment: tuple[str, ...] = ()
    days: tuple[str, ...] = ("mon", "wed", "fri")
    start_date: date = date(2026, 1, 5)


@dataclass(frozen=True)
class LockedItem:
    week: int
    session: int  # 1-based index within the week
    exercise: str
    phase: str
    dose: Dose
    side: str | None
    targets: tuple[dict, ...]
    rationale: str
    per_side: bool = False


@dataclass
class Item:
    exercise: str
    phase: str
    dose: Dose
    side: str | None
    targets: list[dict]
    rationale: str
    slot: str
    locked: bool = False

    def as_dict(self) -> dict:
        return {"exercise": self.exercise, "phase": self.phase, **self.dose.as_dict(), "side": self.side,
                "targets": self.targets, "rationale": self.rationale, "slot": self.slot, "locked": self.locked}


@dataclass
class Session:
    index: int
    day: str
    date: date
    minutes: int
    items: list[Item]

    def as_dict(self) -> dict:
        return {"index": self.index, "day": self.day, "date": self.date.isoformat(), "minutes": self.minutes,
                "items": [i.as_dict() for i in self.items]}


@dataclass
class Week:
    week: int
    deload: bool
    sessions: list[Session]

    def as_dict(self) -> dict:
        return {"week": self.week, "deload": self.deload, "sessions": [s.as_dict() for s in self.sessions]}


@dataclass
class Program:
    weeks: list[Week]
    uncovered: list[dict]

    def as_dict(self) -> dict:
        return {"uncovered": self.uncovered, "weeks": [w.as_dict() for w in self.weeks]}

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), sort_keys=True, separators=(",", ":"))


# --- choosing exercises ----------------------------------------------------

def phases_for(finding: Finding) -> tuple[str, ...]:
    return ("inhibit", "lengthen") if finding.status == "overactive" else ("activate",)


def side_label(side: str) -> str:
    return "" if side == "bilateral" else f"{side} "


@dataclass
class Unit:
    """One exercise chosen for one or more findings, placed in sessions."""
    exercise: LibraryExercise
    phase: str
    findings: list[Finding]
    rank: int
    side: str | None = None
    sessions: list[int] = field(default_factory=list)

    @property
    def slot(self) -> str:
        return f"{self.phase}:{self.exercise.slug}"


def blocked_regions(pain: dict[str, int]) -> dict[str, int]:
    return {region: score for region, score in sorted(pain.items()) if score >= PAIN_EXCLUDES_AT}


def exclusion(exercise: LibraryExercise, equipment: tuple[str, ...], blocked: dict[str, int]) -> str | None:
    """Why an exercise cannot be used, or None when it can."""
    missing = [e for e in exercise.equipment if e not in equipment]
    if missing:
        return "needs " + ", ".join(m.replace("_", " ") for m in missing)
    hurt = [r for r in exercise.contraindications if r in blocked]
    if hurt:
        return "contraindicated with " + ", ".join(f"{r.replace('_', ' ')} pain {blocked[r]}/10" for r in hurt)
    return None


def _uncovered(finding: Finding, phase: str, reason: str) -> dict:
    return {"muscle": finding.muscle, "side": finding.side, "status": finding.status, "phase": phase,
            "reason": reason}


def _no_candidate_reason(phase: str, muscle_name: str, reasons: list[str]) -> str:
    if not reasons:
        return f"the library has no {phase} exercise for the {muscle_name}"
    counts: dict[str, int] = {}
    for reason in reasons:
        counts[reason] = counts.get(reason, 0) + 1
    parts = [f"{reason} ({n})" if n > 1 else reason for reason, n in sorted(counts.items())]
    return f"no {phase} exercise for the {muscle_name} can be used: " + "; ".join(parts)


def _side_of(exercise: LibraryExercise, findings: list[Finding]) -> str | None:
    """One-sided work on the affected side; both sides otherwise; None for
    exercises that work both sides at once."""
    if not exercise.per_side:
        return None
    sides = sorted({f.side for f in findings})
    return sides[0] if len(sides) == 1 and sides[0] != "bilateral" else "bilateral"


def choose_units(findings: list[Finding], library: list[LibraryExercise], params: Params,
                 pain: dict[str, int], muscle_names: dict[str, str]) -> tuple[list[Unit], list[dict]]:
    """Pick exercises phase by phase, most severe finding first; an exercise
    that also targets other pending findings (as a primary target) covers
    them too. Activation prefers the lowest level (isolated, easy first);
    releases and stretches prefer covering more muscles at once."""
    blocked = blocked_regions(pain)
    usable = [e for e in library if exclusion(e, params.equipment, blocked) is None]
    ordered = list(findings)  # most severe first, as derive_findings orders them
    rank = {id(f): i for i, f in enumerate(ordered)}
    units: list[Unit] = []
    uncovered: list[dict] = []
    for phase in PHASES[:3]:
        pending = [f for f in ordered if phase in phases_for(f)]
        in_phase = [e for e in usable if e.phase == phase]
        while pending:
            need = pending[0]
            candidates = [e for e in in_phase if need.muscle in e.primary] or \
                         [e for e in in_phase if need.muscle in e.secondary]
            if not candidates:
                everything = [e for e in library if e.phase == phase and need.muscle in e.primary + e.secondary]
                reasons = [exclusion(e, params.equipment, blocked) for e in everything]
                uncovered.append(_uncovered(need, phase, _no_candidate_reason(
                    phase, muscle_names.get(need.muscle, need.muscle), [r for r in reasons if r])))
                pending.pop(0)
                continue

            # An exercise already chosen in this phase that reaches this
            # muscle serves it too, rather than being prescribed twice.
            chosen = {u.exercise.slug: u for u in units if u.phase == phase}
            reuse = [chosen[e.slug] for e in candidates if e.slug in chosen]
            if reuse:
                unit = reuse[0]
                unit.findings.append(need)
                unit.side = _side_of(unit.exercise, unit.findings)
                pending.pop(0)
                continue

            def covers(e: LibraryExercise) -> list[Finding]:
                return [f for f in pending if f.muscle in e.primary]

            if phase == "activate":
                best = min(candidates, key=lambda e: (e.level, -len(covers(e)), e.slug))
            else:
                best = min(candidates, key=lambda e: (-len(covers(e)), e.level, e.slug))
            covered = covers(best)
            if need not in covered:
                covered = [need] + covered
            units.append(Unit(best, phase, covered, rank[id(need)], _side_of(best, covered)))
            pending = [f for f in pending if f not in covered]
    return units, uncovered


# --- placing exercises in sessions -----------------------------------------

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


# --- weeks and progression -------------------------------------------------

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


# --- rationale -------------------------------------------------------------

def evidence(finding: Finding, assessed_on: date | None) -> str:
    on = f" on {assessed_on.isoformat()}" if assessed_on else ""
    parts = []
    for source in finding.sources:
        if source.get("kind") == "muscle_test":
            parts.append(source["summary"] + on)
        else:
            parts.append(source["summary"])
    return "; ".join(parts)


def rationale(unit: Unit, muscle_names: dict[str, str], assessed_on: date | None) -> str:
    def name(f: Finding) -> str:
        return side_label(f.side) + muscle_names.get(f.muscle, f.muscle.replace("_", " ")).lower()

    verb = VERBS[unit.phase]
    proofs = [evidence(f, assessed_on) for f in unit.findings]
    if len(set(proofs)) == 1:
        names = [name(f) for f in unit.findings]
        joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        return f"{verb} {joined}: {proofs[0]}"
    return f"{verb} " + "; ".join(f"{name(f)} ({proof})" for f, proof in zip(unit.findings, proofs))


def integrate_rationale(exercise: LibraryExercise, plan: SessionPlan, muscle_names: dict[str, str]) -> str:
    activated = []
    for unit in plan.units:
        if unit.phase == "activate":
            for f in unit.findings:
                if f.muscle in exercise.primary + exercise.secondary and f.muscle not in activated:
                    activated.append(f.muscle)
    names = [muscle_names.get(m, m).lower() for m in activated]
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"integrates {joined}, activated earlier in this session, into one whole-body movement"


def integrate_targets(exercise: LibraryExercise, plan: SessionPlan) -> list[dict]:
    targets = []
    for unit in plan.units:
        if unit.phase == "activate":
            for f in unit.findings:
                entry = {"muscle": f.muscle, "side": f.side, "status": f.status}
                if f.muscle in exercise.primary + exercise.secondary and entry not in targets:
                    targets.append(entry)
    return targets


# --- the whole program -----------------------------------------------------

def _locked_load(locked: list[LockedItem], params: Params) -> dict[int, tuple[int, int]]:
    """Per session index, the most seconds and items locked in any week."""
    worst: dict[int, tuple[int, int]] = {}
    per: dict[tuple[int, int], tuple[int, int]] = {}
    for item in locked:
        key = (min(item.week, params.weeks), min(item.session, params.sessions_per_week) - 1)
        seconds, count = per.get(key, (0, 0))
        per[key] = (seconds + dosage.seconds(item.dose, item.per_side, item.side), count + 1)
    for (_, index), (seconds, count) in sorted(per.items()):
        old = worst.get(index, (0, 0))
        worst[index] = (max(old[0], seconds), max(old[1], count))
    return worst


def generate(findings: list[Finding], pain: dict[str, int], params: Params, library: list[LibraryExercise],
             muscle_names: dict[str, str], assessed_on: date | None = None,
             locked: list[LockedItem] = ()) -> Program:
    """A program for `findings` (most severe first), `pain` ({region: 0-10})
    and `params`, drawing on `library`. Locked items from an earlier version
    stay where they were (week and session) and the rest is built around them."""
    locked = list(locked)
    by_slug = {e.slug: e for e in library}
    per_side = {e.slug: e.per_side for e in library} | {lock.exercise: lock.per_side for lock in locked}
    blocked = blocked_regions(pain)
    usable = [e for e in library if exclusion(e, params.equipment, blocked) is None]
    usable_slugs = {e.slug for e in usable}
    capacity = params.minutes_per_session * 60
    units, uncovered = choose_units(findings, library, params, pain, muscle_names)
    start_doses = {id(u): dosage.starting_dose(u.phase, u.exercise.default) for u in units}
    locked_load = _locked_load(locked, params)
    plans, unplaced = place_units(units, params.sessions_per_week, capacity, start_doses, usable,
                                  params.weeks >= INTEGRATE_FROM_WEEK, locked_load)
    for unit in unplaced:
        for f in unit.findings:
            uncovered.append(_uncovered(f, unit.phase, (
                f"no room: {params.sessions_per_week} session(s) a week of {params.minutes_per_session} minutes "
                f"and at most {MAX_ITEMS_PER_SESSION} exercises are taken by more severe findings")))
    placed = [u for u in units if u.sessions]
    for f in findings:
        for phase in phases_for(f):
            if not any(f in u.findings and u.phase == phase for u in units) and not any(
                    (x["muscle"], x["side"], x["status"], x["phase"]) == (f.muscle, f.side, f.status, phase)
                    for x in uncovered):
                uncovered.append(_uncovered(f, phase, "not covered"))  # defensive: never silent
    severity = {(f.muscle, f.side, f.status): i for i, f in enumerate(findings)}
    uncovered.sort(key=lambda x: (severity.get((x["muscle"], x["side"], x["status"]), len(severity)),
                                  PHASES.index(x["phase"])))

    days = [day for day, _ in dates_in_week(params.start_date, 1, list(params.days))]
    progression = Progression(placed, plans, capacity, by_slug, usable_slugs)
    weeks: list[Week] = []
    for week, deload, doses, integrates in progression.run(params.weeks, locked_load):
        sessions = []
        dated = dates_in_week(params.start_date, week, days)
        for plan, (day, when) in zip(plans, dated):
            items = [Item(u.exercise.slug, u.phase, doses[id(u)], u.side,
                          [{"muscle": f.muscle, "side": f.side, "status": f.status} for f in u.findings],
                          rationale(u, muscle_names, assessed_on), u.slot)
                     for u in sorted(plan.units, key=lambda u: (PHASES.index(u.phase), u.rank, u.exercise.slug))]
            state = integrates.get(plan.index)
            if state is not None:
                items.append(Item(state.exercise.slug, "integrate", state.dose, None,
                                  integrate_targets(state.exercise, plan),
                                  integrate_rationale(state.exercise, plan, muscle_names),
                                  f"integrate:{plan.index + 1}"))
            for lock in locked:
                if (min(lock.week, params.weeks), min(lock.session, params.sessions_per_week) - 1) == (week, plan.index):
                    items = [i for i in items if i.exercise != lock.exercise]
                    items.append(Item(lock.exercise, lock.phase, lock.dose, lock.side, list(lock.targets),
                                      lock.rationale, f"locked:{lock.exercise}", locked=True))
            items.sort(key=lambda i: PHASES.index(i.phase))  # stable: keeps severity order within a phase
            seconds = sum(dosage.seconds(i.dose, per_side.get(i.exercise, False), i.side) for i in items)
            sessions.append(Session(plan.index + 1, day, when, -(-seconds // 60), items))
        weeks.append(Week(week, deload, sessions))
    return Program(weeks, uncovered)
