"""The trainer's edits to a program: swap, change dosage, reorder, remove,
add, lock. Every edit is checked first and recorded with who and what."""
from __future__ import annotations

from planner.extensions import db
from planner.library.screening import exclusion_reasons
from planner.programs.choice import blocked_regions, exclusion
from planner.models import Exercise, PainScore, Program, ProgramItem, ProgramSession, Trainer
from planner.programs.history import item_snapshot, record_change
from planner.programs.store import ProgramConflict, refresh_minutes
from planner.programs.catalog import Catalog
from planner.validation import InputError
from planner.vocabularies import PHASES

EDITABLE_STATUSES = ("draft", "active")
DOSE_FIELDS = ("sets", "reps", "hold_seconds", "tempo", "rest_seconds")


def _pain(program: Program) -> dict[str, int]:
    if program.assessment_id is None:
        return {}
    return dict(db.session.execute(db.select(PainScore.region, PainScore.score)
                                   .filter_by(assessment_id=program.assessment_id)).all())


def blocked_for(program: Program) -> dict[str, int]:
    """Pain regions of the program's assessment that rule exercises out."""
    return blocked_regions(_pain(program))


def precautions_for(program: Program) -> dict[str, str]:
    """The client's precautions that rule exercises out, with the reason."""
    return exclusion_reasons(list(program.client.precautions))


def _check_editable(program: Program) -> None:
    if program.status not in EDITABLE_STATUSES:
        raise ProgramConflict(f"an {program.status} program is kept as history and cannot change")


def item_muscles(item: ProgramItem) -> list[str]:
    muscles = [t["muscle"] for t in item.targets]
    if not muscles:  # an item the trainer added: its own exercise's targets
        muscles = [t.muscle_slug for t in item.exercise.targets]
    return list(dict.fromkeys(muscles))


def why_it_fits(candidate, item: ProgramItem, muscles: list[str], names: dict[str, str]) -> tuple[int, str]:
    """How many of the item's muscles it reaches as a primary target, and a
    plain sentence saying why it is offered."""
    primary = [m for m in muscles if m in candidate.primary]
    secondary = [m for m in muscles if m in candidate.secondary]
    reached = ", ".join(names.get(m, m).lower() for m in primary) or \
        ", ".join(names.get(m, m).lower() for m in secondary) + " (as a secondary target)"
    level = item.exercise.level
    if candidate.level == level:
        step = "same level"
    else:
        step = f"level {candidate.level}, {'harder' if candidate.level > level else 'easier'} than level {level}"
    kit = ", ".join(e.replace("_", " ") for e in candidate.equipment) or "no equipment"
    return len(primary), f"{candidate.phase} work for {reached}; {step}; {kit}"


def alternatives(program: Program, item: ProgramItem, catalog: Catalog) -> list[dict]:
    """Exercises that could replace the item: same phase, overlapping target
    muscles, not contraindicated by the assessment's pain, within the
    program's equipment. Closest first: more shared primary targets, then
    the nearest level."""
    muscles = item_muscles(item)
    blocked, precautions = blocked_for(program), precautions_for(program)
    equipment = tuple(program.equipment)
    options = []
    for candidate in catalog.exercises:
        if candidate.slug == item.exercise.slug or candidate.phase != item.phase:
            continue
        if not set(muscles) & set(candidate.primary + candidate.secondary):
            continue
        if exclusion(candidate, equipment, blocked, precautions):
            continue
        shared, why = why_it_fits(candidate, item, muscles, catalog.muscle_names)
        options.append(((-shared, abs(candidate.level - item.exercise.level), candidate.slug), {
            "exercise": candidate.slug, "name": candidate.name, "phase": candidate.phase,
            "level": candidate.level, "equipment": list(candidate.equipment), "why": why}))
    return [option for _, option in sorted(options, key=lambda pair: pair[0])]


def _swap_problem(program: Program, item: ProgramItem, exercise: Exercise, catalog: Catalog) -> str | None:
    candidate = next((e for e in catalog.exercises if e.slug == exercise.slug), None)
    if candidate is None:
        return f"unknown exercise {exercise.slug!r}"
    if candidate.phase != item.phase:
        return f"{exercise.slug} is a {candidate.phase} exercise; this item is {item.phase} work"
    muscles = item_muscles(item)
    if not set(muscles) & set(candidate.primary + candidate.secondary):
        return f"{exercise.slug} does not target any of this item's muscles ({', '.join(muscles)})"
    problem = exclusion(candidate, tuple(program.equipment), blocked_for(program), precautions_for(program))
    if problem:
        return f"{exercise.slug} cannot be used: {problem}"
    return None


def _following(program: Program, item: ProgramItem) -> list[ProgramItem]:
    """The same piece of work (its slot) in every later session of the
    program, whichever session of the week it is in."""
    here = (item.session.week, item.session.index)
    return [other for s in program.sessions if (s.week, s.index) > here
            for other in s.items if other.slot == item.slot and other is not item]


# What a trainer may set on an item (inputs.DoseFields), for shifted doses.
DOSE_BOUNDS = {"sets": (1, 5), "reps": (1, 50), "hold_seconds": (1, 300), "rest_seconds": (0, 300)}


def _shifted(target: ProgramItem, key: str, before, after):
    """A later item's value when the trainer changes one item's from
    `before` to `after`: the planned progression moves by the same amount
    (a flat value where either side has none)."""
    current = getattr(target, key)
    if key not in DOSE_BOUNDS or None in (before, after, current):
        return after
    low, high = DOSE_BOUNDS[key]
    return max(low, min(high, current + after - before))


def resolve_exercise(catalog: Catalog, typed: str) -> str:
    """The slug of the exercise a trainer typed by name (any case), or
    InputError with the closest names; a slug is taken as it is."""
    text = " ".join(typed.split()).lower()
    if not text:
        raise InputError({"exercise": "type the name of an exercise"})
    named = [e for e in catalog.exercises if e.name.lower() == text or e.slug == typed.strip()]
    if len(named) == 1:
        return named[0].slug
    close = sorted((e for e in catalog.exercises if text in e.name.lower()), key=lambda e: (len(e.name), e.name))
    hint = f"; did you mean {', '.join(e.name for e in close[:3])}?" if close else ""
    raise InputError({"exercise": f"unknown exercise {typed.strip()!r}{hint}"})


def update_item(program: Program, item: ProgramItem, changes: dict, apply_to: str, trainer: Trainer,
                catalog: Catalog) -> list[ProgramItem]:
    """Apply `changes` to the item (and, with apply_to="following", the same
    slot in later weeks). Raises InputError or ProgramConflict before
    changing anything."""
    _check_editable(program)
    errors: dict[str, str] = {}
    exercise = None
    if "exercise" in changes:
        exercise = catalog.row(changes["exercise"])
        if exercise is None:
            errors["exercise"] = f"unknown exercise {changes['exercise']!r}; see GET /api/v1/exercises"
        else:
            problem = _swap_problem(program, item, exercise, catalog)
            if problem:
                errors["exercise"] = problem
    if "side" in changes and changes["side"] is not None:
        target = exercise or item.exercise
        if not target.per_side and changes["side"] != "bilateral":
            errors["side"] = f"{target.slug} works both sides at once; it cannot be done on one side"
    if errors:
        raise InputError(errors)

    targets = [item] + (_following(program, item) if apply_to == "following" else [])
    before = [item_snapshot(t) for t in targets]
    edited = before[0]
    for target in targets:
        if exercise is not None and exercise.id != target.exercise_id:
            target.exercise = exercise
            if not exercise.per_side:
                target.side = None
        for key in DOSE_FIELDS + ("side", "locked"):
            if key in changes:
                value = changes[key] if target is item else _shifted(target, key, edited[key], changes[key])
                setattr(target, key, value)
    if "position" in changes:
        _move(item, changes["position"])
    for session in {id(t.session): t.session for t in targets}.values():
        refresh_minutes(session)
    db.session.flush()
    record_change(program, trainer, "item_changed", {
        "items": [t.id for t in targets], "changes": changes, "apply_to": apply_to,
        "before": before, "after": [item_snapshot(t) for t in targets]})
    return targets


def _move(item: ProgramItem, position: int) -> None:
    items = list(item.session.items)
    items.remove(item)
    index = max(0, min(position - 1, len(items)))
    items.insert(index, item)
    for number, other in enumerate(items, start=1):
        other.position = number


def remove_item(program: Program, item: ProgramItem, trainer: Trainer) -> None:
    _check_editable(program)
    session = item.session
    before = item_snapshot(item)
    session.items.remove(item)
    for number, other in enumerate(session.items, start=1):
        other.position = number
    refresh_minutes(session)
    record_change(program, trainer, "item_removed", {"item": before, "session_id": session.id})


def add_item(program: Program, session: ProgramSession, body, trainer: Trainer, catalog: Catalog) -> ProgramItem:
    """A trainer's own addition: any usable exercise, with its library dose
    unless the trainer gives one."""
    _check_editable(program)
    exercise = catalog.row(body.exercise)
    if exercise is None:
        raise InputError({"exercise": f"unknown exercise {body.exercise!r}; see GET /api/v1/exercises"})
    candidate = next(e for e in catalog.exercises if e.slug == exercise.slug)
    problem = exclusion(candidate, tuple(program.equipment), blocked_for(program), precautions_for(program))
    if problem:
        raise InputError({"exercise": f"{exercise.slug} cannot be used: {problem}"})
    given = body.model_dump(exclude_unset=True)
    item = ProgramItem(
        exercise=exercise, phase=exercise.phase, position=len(session.items) + 1,
        sets=given.get("sets", exercise.sets), reps=given.get("reps", exercise.reps),
        hold_seconds=given.get("hold_seconds", exercise.hold_seconds), tempo=given.get("tempo", exercise.tempo),
        rest_seconds=given.get("rest_seconds", exercise.rest_seconds),
        side=given.get("side", "bilateral" if exercise.per_side else None) if exercise.per_side else None,
        targets=[], rationale=body.rationale or "added by the trainer", slot=f"added:{exercise.slug}",
        locked=given.get("locked", False))
    session.items.append(item)
    # By default it goes where the continuum puts its phase.
    position = body.position or 1 + sum(PHASES.index(i.phase) <= PHASES.index(item.phase)
                                        for i in session.items if i is not item)
    _move(item, position)
    refresh_minutes(session)
    db.session.flush()
    record_change(program, trainer, "item_added", {"item": item_snapshot(item), "session_id": session.id})
    return item
