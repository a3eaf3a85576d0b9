"""A trainer's own exercises: the form's draft, create, change, delete.

An own exercise is checked by the same rules as the library's data files
(library/schema.py), so it can go wherever a built-in one goes: the
generator, swaps and additions all read it through programs.load_catalog.
Built-in exercises (trainer_id NULL) are never changed here.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from pydantic import ValidationError

from planner.library.search import visible_to
from planner.extensions import db
from planner.library.screening import PRECAUTION, unknown_answers
from planner.library.schema import ExerciseEntry, link_problem
from planner.models import Client, Exercise, ExerciseTarget, Muscle, Program, ProgramItem, ProgramSession
from planner.validation import MAX_INTEGER, InputError, field_path, message_for, whole_number

TARGET_ROWS = 6  # blank rows offered on the form; the library's widest exercise has 7 targets
MAX_SLUG = 96    # Exercise.slug's column width
# The schema checks an entry's slug; an own exercise gets its real one only
# once it is valid, so a new draft is checked under this stand-in.
DRAFT_SLUG = "own_exercise_draft"
# Fields a form shows errors beside; a message that starts with one of them
# ("dosage.tempo: ...") is shown beside that field.
FORM_FIELDS = ("name", "phase", "level", "position", "per_side", "equipment", "contraindications", "precautions",
               "targets", "dosage", "dosage.sets", "dosage.reps", "dosage.hold_seconds", "dosage.tempo",
               "dosage.rest_seconds", "instructions", "cues", "progression", "regression")
# A target row's index on the form: ASCII digits, and at most two of them
# (the form offers TARGET_ROWS rows); other field names are not the form's.
_TARGET_PATH = re.compile(r"^targets\[([0-9]{1,2})\]")


class ExerciseInUse(Exception):
    """An own exercise that programs still use cannot be deleted."""


@dataclass
class Draft:
    """What the trainer typed, as typed: shown back in full when it has errors."""
    name: str = ""
    phase: str = ""
    level: str = ""
    position: str = ""
    per_side: bool = False
    equipment: list[str] = field(default_factory=list)
    contraindications: list[str] = field(default_factory=list)
    precautions: list[str] = field(default_factory=list)  # screening precautions that rule it out
    targets: list[tuple[str, str]] = field(default_factory=lambda: [("", "primary")])  # (muscle, role) rows
    sets: str = "2"
    reps: str = ""
    hold_seconds: str = ""
    tempo: str = ""
    rest_seconds: str = "30"
    instructions: str = ""
    cues: str = ""  # one per line
    progression: str = ""  # slug
    regression: str = ""

    @classmethod
    def from_form(cls, form) -> Draft:
        """From posted fields (anything with get and getlist, like a MultiDict)."""
        def text(name: str) -> str:
            return form.get(name, "").strip()

        rows = sorted({int(m.group(1)) for key in form.keys() if (m := _TARGET_PATH.match(key))})
        return cls(
            name=text("name"), phase=text("phase"), level=text("level"), position=text("position"),
            per_side=bool(form.get("per_side")), equipment=form.getlist("equipment"),
            contraindications=form.getlist("contraindications"), precautions=form.getlist("precautions"),
            targets=[(text(f"targets[{i}].muscle"), text(f"targets[{i}].role")) for i in rows],
            sets=text("dosage.sets"), reps=text("dosage.reps"), hold_seconds=text("dosage.hold_seconds"),
            tempo=text("dosage.tempo"), rest_seconds=text("dosage.rest_seconds"),
            instructions=form.get("instructions", "").strip(), cues=form.get("cues", "").strip(),
            progression=text("progression"), regression=text("regression"))

    @classmethod
    def of(cls, exercise: Exercise) -> Draft:
        """An exercise as the form shows it: to edit it, or to start a copy."""
        def shown(value) -> str:
            return "" if value is None else str(value)

        return cls(
            name=exercise.name, phase=exercise.phase, level=str(exercise.level), position=exercise.position,
            per_side=exercise.per_side, equipment=list(exercise.equipment),
            contraindications=list(exercise.contraindications), precautions=list(exercise.precautions),
            targets=[(t.muscle_slug, t.role) for t in exercise.targets],
            sets=str(exercise.sets), reps=shown(exercise.reps), hold_seconds=shown(exercise.hold_seconds),
            tempo=shown(exercise.tempo), rest_seconds=str(exercise.rest_seconds),
            instructions=exercise.instructions, cues="\n".join(exercise.cues),
            progression=exercise.progression.slug if exercise.progression else "",
            regression=exercise.regression.slug if exercise.regression else "")

    def target_rows(self) -> list[tuple[str, str]]:
        """The typed rows, then blank ones up to TARGET_ROWS."""
        blanks = max(0, TARGET_ROWS - len(self.targets))
        return list(self.targets) + [("", "secondary")] * blanks


# --- checking -----------------------------------------------------------------

def _number(text: str):
    """A whole number when it is one (digits 0-9); otherwise the text, so
    the schema's message can quote what was typed."""
    value = whole_number(text, 0, MAX_INTEGER)
    return text if value is None else value


def _entry_data(draft: Draft, slug: str) -> tuple[dict, list[int]]:
    """The draft as a library entry; also which form row each target came from."""
    rows = [i for i, (muscle, _) in enumerate(draft.targets) if muscle]
    dosage = {"tempo": draft.tempo or None,
              "reps": _number(draft.reps) if draft.reps else None,
              "hold_seconds": _number(draft.hold_seconds) if draft.hold_seconds else None}
    if draft.sets:
        dosage["sets"] = _number(draft.sets)
    if draft.rest_seconds:
        dosage["rest_seconds"] = _number(draft.rest_seconds)
    data = {
        "slug": slug, "name": draft.name, "phase": draft.phase, "position": draft.position,
        "per_side": draft.per_side, "equipment": list(draft.equipment),
        "contraindications": list(draft.contraindications), "precautions": list(draft.precautions),
        "targets": [{"muscle": draft.targets[i][0], "role": draft.targets[i][1]} for i in rows],
        "dosage": dosage, "instructions": draft.instructions,
        "cues": [line.strip() for line in draft.cues.splitlines() if line.strip()],
        "progression": draft.progression or None, "regression": draft.regression or None,
    }
    if draft.level:
        data["level"] = _number(draft.level)
    return data, rows


def _form_errors(exc: ValidationError, rows: list[int]) -> dict[str, str]:
    errors: dict[str, str] = {}
    for error in exc.errors():
        path, message = field_path(error["loc"]), message_for(error)
        if error["type"] == "too_long" and path == "cues":
            message = f"at most {error['ctx']['max_length']} cues, one a line"
        if error["loc"][:1] == ("cues",) and len(error["loc"]) > 1:  # one of the box's lines: name it
            path, message = "cues", f"cue {error['loc'][1] + 1}: {message}"
        if not path:  # a rule across fields names its field first: "dosage.tempo: ..."
            prefix, _, rest = message.partition(": ")
            path, message = (prefix, rest) if prefix in FORM_FIELDS and rest else ("body", message)
        # Blank target rows were skipped: point back at the row on the form.
        path = _TARGET_PATH.sub(lambda m: f"targets[{rows[int(m.group(1))]}]", path)
        if path == "targets" and not rows and message.startswith("must have at least"):
            message = "choose at least one muscle"
        errors.setdefault(path, message)
    return errors


def _link_problem(link: str, other: Exercise | None, slug: str, entry: ExerciseEntry) -> str | None:
    if other is None:
        return f"unknown exercise {slug!r}"
    return link_problem(link, entry.phase, entry.level, other.name, other.phase, other.level)


def check(draft: Draft, trainer_id: int, slug: str = DRAFT_SLUG) -> tuple[ExerciseEntry, dict[str, Exercise | None]]:
    """The checked entry and its linked exercises, or InputError naming each
    field that is wrong."""
    data, rows = _entry_data(draft, slug)
    try:
        entry = ExerciseEntry.model_validate(data)
    except ValidationError as exc:
        raise InputError(_form_errors(exc, rows)) from None
    errors: dict[str, str] = {}
    known = set(db.session.scalars(db.select(Muscle.slug).where(
        Muscle.slug.in_([t.muscle for t in entry.targets]))))
    for index, target in zip(rows, entry.targets):
        if target.muscle not in known:
            errors[f"targets[{index}].muscle"] = f"unknown muscle {target.muscle!r}"
    if unknown_answers(PRECAUTION, list(entry.precautions), "precautions"):
        errors["precautions"] = "must be precautions from the screening questions (GET /api/v1/screening)"
    wanted = [s for s in (entry.progression, entry.regression) if s]
    found = {e.slug: e for e in db.session.scalars(
        db.select(Exercise).where(visible_to(trainer_id), Exercise.slug.in_(wanted)))}
    links: dict[str, Exercise | None] = {}
    for link in ("progression", "regression"):
        other_slug = getattr(entry, link)
        links[link] = found.get(other_slug) if other_slug else None
        if other_slug:
            problem = _link_problem(link, links[link], other_slug, entry)
            if problem:
                errors[link] = problem
    if errors:
        raise InputError(errors)
    return entry, links


# --- writing ------------------------------------------------------------------

def slug_base(trainer_id: int, name: str) -> str:
    """`t<trainer id>_<name in slug form>`: slugs are unique across the whole
    table, and the prefix keeps one trainer's names from blocking another's."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_") or "exercise"
    return f"t{trainer_id}_{words}"[:MAX_SLUG - 4].rstrip("_")  # room for a "_999" suffix


def free_slug(trainer_id: int, name: str) -> str:
    base = slug_base(trainer_id, name)
    taken = set(db.session.scalars(db.select(Exercise.slug).where(Exercise.slug.startswith(base, autoescape=True))))
    number = 1
    slug = base
    while slug in taken:
        number += 1
        slug = f"{base}_{number}"
    return slug


def _apply(exercise: Exercise, entry: ExerciseEntry, links: dict[str, Exercise | None]) -> None:
    dose = entry.dosage
    for name, value in {
        "name": entry.name, "phase": entry.phase, "level": entry.level, "equipment": list(entry.equipment),
        "position": entry.position, "per_side": entry.per_side,
        "contraindications": list(entry.contraindications), "precautions": list(entry.precautions),
        "sets": dose.sets, "reps": dose.reps,
        "hold_seconds": dose.hold_seconds, "tempo": dose.tempo, "rest_seconds": dose.rest_seconds,
        "instructions": entry.instructions, "cues": list(entry.cues),
        "progression": links["progression"], "regression": links["regression"],
    }.items():
        setattr(exercise, name, value)
    wanted = [(t.muscle, t.role) for t in entry.targets]
    if [(t.muscle_slug, t.role) for t in exercise.targets] != wanted:
        if exercise.targets:
            # Old rows go before new ones with the same key are inserted.
            exercise.targets.clear()
            db.session.flush()
        exercise.targets.extend(ExerciseTarget(muscle_slug=muscle, role=role, position=position)
                                for position, (muscle, role) in enumerate(wanted))


def create_own_exercise(trainer_id: int, draft: Draft) -> Exercise:
    entry, links = check(draft, trainer_id)
    exercise = Exercise(slug=free_slug(trainer_id, entry.name), trainer_id=trainer_id)
    _apply(exercise, entry, links)
    db.session.add(exercise)
    db.session.flush()
    return exercise


def update_own_exercise(exercise: Exercise, draft: Draft) -> Exercise:
    """Change an own exercise. Its slug stays, so bookmarks and API calls
    that name it keep working after a rename; programs keep their own doses."""
    if exercise.trainer_id is None:
        raise ValueError("built-in exercises are not changed here")
    entry, links = check(draft, exercise.trainer_id, exercise.slug)
    _apply(exercise, entry, links)
    db.session.flush()
    return exercise


def own_exercise(trainer_id: int, slug: str) -> Exercise | None:
    return db.session.scalar(db.select(Exercise).filter_by(slug=slug, trainer_id=trainer_id))


def visible_exercise(trainer_id: int, slug: str) -> Exercise | None:
    """A built-in exercise or one of this trainer's; None for anything else."""
    return db.session.scalar(db.select(Exercise).where(visible_to(trainer_id), Exercise.slug == slug)
                             .options(db.selectinload(Exercise.targets)))


def programs_using(exercise: Exercise) -> list[tuple[str, str]]:
    """(client name, program status) for each program with this exercise in it."""
    return db.session.execute(
        db.select(Client.name, Program.status).join(Program.client).join(Program.sessions)
        .join(ProgramSession.items).where(ProgramItem.exercise_id == exercise.id)
        .group_by(Program.id, Client.name, Program.status).order_by(Client.name, Program.id)).all()


def delete_own_exercise(exercise: Exercise) -> None:
    if exercise.trainer_id is None:
        raise ValueError("built-in exercises are not deleted here")
    used = programs_using(exercise)
    if used:
        where = "; ".join(f"{name}'s {status} program" for name, status in used)
        # A program's items point at their exercise, so deleting it would
        # rewrite what past programs say was done.
        raise ExerciseInUse(f"{exercise.name} cannot be deleted: it is used in {where}. "
                            "An exercise stays in the library while any program, archived ones "
                            "included, uses it.")
    # Other exercises that name it as progression or regression lose the
    # link (ON DELETE SET NULL); its targets go with it.
    db.session.delete(exercise)
    db.session.flush()


def link_choices(trainer_id: int, exclude_id: int | None = None) -> list[tuple[str, str, str, int]]:
    """(slug, name, phase, level) of every exercise a link may name, for the form."""
    query = db.select(Exercise.slug, Exercise.name, Exercise.phase, Exercise.level).where(visible_to(trainer_id))
    if exclude_id is not None:
        query = query.where(Exercise.id != exclude_id)
    return db.session.execute(query.order_by(Exercise.phase, Exercise.level, Exercise.name)).all()
