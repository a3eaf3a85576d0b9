"""Browsing the exercise library: filters, name search and pages, all in SQL.

A trainer sees the built-in library (trainer_id NULL) and their own
exercises, never another trainer's. A page of results costs the same few
queries whatever its size: one count, one page of rows, one for their targets.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Text, and_, case, cast, func, not_, or_

from planner.extensions import db
from planner.models import Exercise, ExerciseTarget, Muscle
from planner.validation import MAX_INTEGER, quoted, search_text, whole_number
from planner.vocabularies import EQUIPMENT, PHASES

PAGE_SIZE = 50
LEVELS = (1, 2, 3, 4, 5)
SOURCES = ("all", "builtin", "mine")
# Ticked alone in the equipment filter, it means "body weight only".
BODY_WEIGHT = "none"


@dataclass(frozen=True)
class Filters:
    """What the trainer asked for; empty values filter nothing."""
    q: str = ""
    muscle: str = ""
    primary_only: bool = False
    phase: str = ""
    level: int | None = None
    # What the client has: exercises needing anything else are left out.
    # Empty means no equipment filter at all.
    equipment: tuple[str, ...] = ()
    source: str = "all"
    page: int = 1


@dataclass
class ResultPage:
    exercises: list[Exercise]
    total: int
    page: int
    pages: int
    first: int = field(init=False)
    last: int = field(init=False)

    def __post_init__(self) -> None:
        self.first = (self.page - 1) * PAGE_SIZE + 1 if self.exercises else 0
        self.last = self.first + len(self.exercises) - 1 if self.exercises else 0


def visible_to(trainer_id: int):
    """The built-in library and this trainer's own exercises."""
    return or_(Exercise.trainer_id.is_(None), Exercise.trainer_id == trainer_id)


def muscle_names() -> dict[str, str]:
    """Muscle slug to name, in the catalog's order."""
    return dict(db.session.execute(db.select(Muscle.slug, Muscle.name).order_by(Muscle.position)).all())


def read_filters(args, known_muscles) -> tuple[Filters, dict[str, str]]:
    """Filters from query parameters (anything with get/getlist). A bad value
    is reported and that filter dropped, so the rest of the view still works."""
    errors: dict[str, str] = {}
    muscle = args.get("muscle", "").strip()
    if muscle and muscle not in known_muscles:
        errors["muscle"] = f"unknown muscle {quoted(muscle)}"
        muscle = ""
    phase = args.get("phase", "").strip()
    if phase and phase not in PHASES:
        errors["phase"] = f"unknown phase {quoted(phase)}; choose one of: {', '.join(PHASES)}"
        phase = ""
    level_text = args.get("level", "").strip()
    level = whole_number(level_text, LEVELS[0], LEVELS[-1])
    if level_text and level is None:
        errors["level"] = f"must be a level from {LEVELS[0]} to {LEVELS[-1]} (got {quoted(level_text)})"
    has = tuple(dict.fromkeys(item for item in args.getlist("equipment") if item))
    unknown = [item for item in has if item != BODY_WEIGHT and item not in EQUIPMENT]
    if unknown:
        errors["equipment"] = f"unknown equipment {', '.join(map(quoted, unknown))}"
        has = tuple(item for item in has if item not in unknown)
    source = args.get("source", "all") or "all"
    if source not in SOURCES:
        errors["source"] = f"must be one of: {', '.join(SOURCES)}"
        source = "all"
    page = whole_number(args.get("page"), 1, MAX_INTEGER) or 1
    return Filters(q=" ".join(search_text(args.get("q", "")).split())[:100], muscle=muscle,
                   primary_only=bool(args.get("primary_only")), phase=phase, level=level,
                   equipment=has, source=source, page=page), errors


def _conditions(trainer_id: int, filters: Filters) -> list:
    conditions = [visible_to(trainer_id)]
    if filters.source == "builtin":
        conditions.append(Exercise.trainer_id.is_(None))
    elif filters.source == "mine":
        conditions.append(Exercise.trainer_id == trainer_id)
    # Every word typed must appear in the name, in any order: "hip stretch"
    # finds "Half-kneeling hip flexor stretch".
    conditions += [Exercise.name.icontains(word, autoescape=True) for word in filters.q.split()]
    if filters.muscle:
        targets = db.select(ExerciseTarget.exercise_id).where(ExerciseTarget.muscle_slug == filters.muscle)
        if filters.primary_only:
            targets = targets.where(ExerciseTarget.role == "primary")
        conditions.append(Exercise.id.in_(targets))
    if filters.phase:
        conditions.append(Exercise.phase == filters.phase)
    if filters.level is not None:
        conditions.append(Exercise.level == filters.level)
    if filters.equipment:
        # Equipment is a short JSON list of vocabulary words. Ruling out each
        # item the client lacks by its quoted text works the same on SQLite
        # and PostgreSQL; no vocabulary word is another's quoted substring.
        as_text = cast(Exercise.equipment, Text)
        conditions += [not_(as_text.contains(f'"{item}"', autoescape=True))
                       for item in EQUIPMENT if item not in filters.equipment]
    return conditions


def search(trainer_id: int, filters: Filters) -> ResultPage:
    where = and_(*_conditions(trainer_id, filters))
    total = db.session.scalar(db.select(func.count(Exercise.id)).where(where))
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(filters.page, pages)
    continuum = case({phase: index for index, phase in enumerate(PHASES)}, value=Exercise.phase)
    rows = db.session.scalars(
        db.select(Exercise).where(where).options(db.selectinload(Exercise.targets))
        .order_by(continuum, Exercise.level, Exercise.name, Exercise.id)
        .limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)).all()
    return ResultPage(list(rows), total, page, pages)
