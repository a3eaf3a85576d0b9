"""The program generator: from an assessment's findings to a progressive
corrective program. Plain functions over plain data: no Flask, no database.

The rules, each a named constant in rules.py or dosage.py with its source
(rationale.RULES says them to the trainer):
- Sessions run in the corrective exercise continuum's order: inhibit,
  lengthen, activate, integrate (NASM; Clark & Lucett), and a dysfunction's
  release and stretch share a session with its activation (packing.py).
- Overactive muscles get inhibit and lengthen work; weak, inhibited and
  underactive muscles get activate work; integrate work combines the
  muscles activated in the session. Findings come in their ranked order
  (confirmed, painful region, severity); contradictions are tested first.
- A one-sided weakness a test found is worked on its side; when its
  exercise also serves a two-sided suggestion, it comes twice: both sides,
  and the weak side's own item (choice.choose_units).
- Exercises contraindicated for a region in pain at PAIN_EXCLUDES_AT or more,
  ruled out by a precaution, or needing equipment the client lacks, are
  never chosen.
- Sessions fit their minutes and hold at most MAX_ITEMS_PER_SESSION items;
  each dysfunction's work comes MIN_WEEKLY_EXPOSURES times a week where the
  schedule allows; what still cannot be placed is listed as uncovered, with
  the reason, and then sessions fill MIN_SESSION_FILL of their minutes
  (integration from week 1, so week 1's room for it is not left empty).
- Double progression week by week; loaded work within MAX_WEEKLY_VOLUME_RISE
  and lighter every DELOAD_EVERY_WEEKS-th week, starting the week after the
  reassessment point rather than on it (rules.lighter_week, progression.py).
- Same inputs, same program: every choice breaks ties on stable keys.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from planner.programs import dosage
from planner.programs.dosage import Dose
from planner.programs.choice import TEST_IT, LibraryExercise, _uncovered, blocked_regions, choose_units, exclusion, phases_for
from planner.assessments.findings import Finding
from planner.programs.rules import (FILL_AT_MOST, MAX_ITEMS_PER_SESSION, MIN_SESSION_FILL, MIN_WEEKLY_EXPOSURES,
                                   REASSESS_AFTER_WEEKS)
from planner.programs.progression import Progression
from planner.programs.rationale import integrate_rationale, integrate_targets, progress_note, rationale, side_note
from planner.programs.schedule import dates_in_week, session_days
from planner.programs.packing import fill_sessions, place_units
from planner.vocabularies import PHASES

@dataclass(frozen=True)
class Params:
    weeks: int = 6
    sessions_per_week: int = 3
    minutes_per_session: int = 20
    equipment: tuple[str, ...] = ()
    days: tuple[str, ...] = ("mon", "wed", "fri")
    start_date: date = date(2026, 1, 5)
    # The reassessment point: no lighter week falls on it (rules.lighter_week).
    reassess_after_weeks: int = REASSESS_AFTER_WEEKS


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
    slot: str = ""


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


def _item_order(unit) -> tuple:
    """Continuum phase, then rank; an exercise split for a one-sided weakness
    (choice.choose_units) both sides first, then the weak side's extra sets."""
    lead = unit.twin_of or unit
    return PHASES.index(unit.phase), lead.rank, unit.exercise.slug, unit.side != "bilateral", unit.side or ""


def _twins(slot: str, other: str) -> bool:
    """Two slots of the same generated exercise (one of them one-sided)."""
    return slot.split(":")[:2] == other.split(":")[:2]


def generate(findings: list[Finding], pain: dict[str, int], params: Params, library: list[LibraryExercise],
             muscle_names: dict[str, str], assessed_on: date | None = None,
             locked: list[LockedItem] = (), precautions: dict[str, str] | None = None) -> Program:
    """A program for `findings` (most severe first), `pain` ({region: 0-10})
    and `params`, drawing on `library`, leaving out what the client's
    `precautions` ({slug: why}) rule out. Locked items from an earlier version
    stay where they were (week and session) and the rest is built around them."""
    locked = list(locked)
    by_slug = {e.slug: e for e in library}
    per_side = {e.slug: e.per_side for e in library} | {lock.exercise: lock.per_side for lock in locked}
    blocked = blocked_regions(pain)
    usable = [e for e in library if exclusion(e, params.equipment, blocked, precautions) is None]
    capacity = params.minutes_per_session * 60
    units, uncovered = choose_units(findings, library, params.equipment, pain, muscle_names, precautions)
    doses = {id(u): dosage.starting_dose(u.phase, u.exercise.default) for u in units}
    locked_load = _locked_load(locked, params)
    plans, unplaced = place_units(units, params.sessions_per_week, capacity, doses, usable, locked_load)
    for unit in unplaced:
        for f in unit.findings:
            uncovered.append(_uncovered(f, unit.phase, (
                f"no room: {params.sessions_per_week} session(s) a week of {params.minutes_per_session} minutes "
                f"and at most {MAX_ITEMS_PER_SESSION} exercises are taken by higher-ranked findings")))
    required = min(MIN_WEEKLY_EXPOSURES, params.sessions_per_week)
    for unit in units:
        if 0 < len(unit.sessions) < required:
            for f in unit.findings:
                uncovered.append(_uncovered(f, unit.phase, (
                    f"trained {len(unit.sessions)} time(s) a week instead of {required}: "
                    f"no room in the other sessions")))
    if unplaced or any(0 < len(u.sessions) < required for u in units):
        fill_sessions(plans, doses, capacity, MIN_SESSION_FILL, FILL_AT_MOST)
    placed = [u for u in units if u.sessions]
    listed = {(x["muscle"], x["side"], x["status"], x["phase"]) for x in uncovered}
    for f in findings:
        for phase in phases_for(f):
            if not any(f in u.findings and u.phase == phase for u in units) and \
                    (f.muscle, f.side, f.status, phase) not in listed:
                uncovered.append(_uncovered(f, phase, "not covered"))  # defensive: never silent
    uncovered += [_uncovered(f, None, TEST_IT) for f in findings if not phases_for(f)]
    order = {(f.muscle, f.side, f.status): i for i, f in enumerate(findings)}
    uncovered.sort(key=lambda x: (order.get((x["muscle"], x["side"], x["status"]), len(order)),
                                  PHASES.index(x["phase"]) if x["phase"] else len(PHASES)))

    # The sessions' weekdays: the client's days, fitted to the number of sessions.
    week_days = session_days(params.sessions_per_week, list(params.days))
    days = [day for day, _ in dates_in_week(params.start_date, 1, week_days)]
    progression = Progression(placed, plans, capacity, doses, by_slug, {e.slug for e in usable}, locked_load)
    partners = {}  # the two items of one exercise split for a one-sided weakness, both placed
    for unit in placed:
        if unit.twin_of is not None and unit.twin_of.sessions:
            partners[id(unit)], partners[id(unit.twin_of)] = unit.twin_of, unit
    reasons = {id(u): rationale(u, muscle_names, assessed_on) + side_note(u, partners) for u in placed}
    weeks: list[Week] = []
    for week, lighter, works, integrates in progression.run(params.weeks, params.reassess_after_weeks):
        sessions = []
        dated = dates_in_week(params.start_date, week, days)
        for plan, (day, when) in zip(plans, dated):
            items = []
            for u in sorted(plan.units, key=_item_order):
                work = works[id(u)]
                items.append(Item(work.exercise.slug, u.phase, work.dose, work.side,
                                  [{"muscle": f.muscle, "side": f.side, "status": f.status} for f in u.findings],
                                  reasons[id(u)] + progress_note(work), u.slot))
            work = integrates.get(plan.index)
            if work is not None:
                items.append(Item(work.exercise.slug, "integrate", work.dose, None,
                                  integrate_targets(work.exercise, plan),
                                  integrate_rationale(work.exercise, plan, muscle_names) + progress_note(work),
                                  f"integrate:{plan.index + 1}"))
            for lock in locked:
                if (min(lock.week, params.weeks), min(lock.session, params.sessions_per_week) - 1) == (week, plan.index):
                    # The locked item keeps its place in the slot it holds,
                    # and the same exercise is not prescribed twice, but for
                    # the one-sided twin of its slot (choice.choose_units).
                    items = [i for i in items if i.slot != lock.slot and
                             (i.exercise != lock.exercise or _twins(i.slot, lock.slot))]
                    items.append(Item(lock.exercise, lock.phase, lock.dose, lock.side, list(lock.targets),
                                      lock.rationale, lock.slot or f"locked:{lock.exercise}", locked=True))
            items.sort(key=lambda i: PHASES.index(i.phase))  # stable: keeps rank order within a phase
            seconds = sum(dosage.seconds(i.dose, per_side.get(i.exercise, False), i.side) for i in items)
            sessions.append(Session(plan.index + 1, day, when, -(-seconds // 60), items))
        weeks.append(Week(week, lighter, sessions))
    return Program(weeks, uncovered)
