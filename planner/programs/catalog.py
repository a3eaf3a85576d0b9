"""The library as the generator, swaps and additions see it: the built-in
exercises and the trainer's own, with the muscles' names.

The built-in part is kept per process and database, and read again only
when the library's stamp moves (planner/library/stamp.py): one small query
instead of some 180 exercises and their targets on every generation. A
trainer's own exercises are few and change from the web at any time, so
they are always read fresh."""
from __future__ import annotations

import threading
from dataclasses import dataclass

from planner.extensions import db
from planner.library.stamp import library_stamp
from planner.models import Exercise, ExerciseTarget, Muscle
from planner.programs.choice import LibraryExercise
from planner.programs.dosage import Dose


@dataclass(frozen=True)
class Catalog:
    exercises: list[LibraryExercise]
    ids: dict[str, int]
    muscle_names: dict[str, str]

    def row(self, slug: str) -> Exercise | None:
        """The Exercise row for a slug this trainer can use, or None."""
        exercise_id = self.ids.get(slug)
        return None if exercise_id is None else db.session.get(Exercise, exercise_id)


@dataclass(frozen=True)
class _BuiltIn:
    stamp: str
    exercises: tuple[LibraryExercise, ...]
    ids: dict[str, int]
    slugs: dict[int, str]  # every built-in id, for own exercises' progressions
    muscle_names: dict[str, str]


_built_in: dict[str, _BuiltIn] = {}  # by database URL: tests and tools may use several
_lock = threading.Lock()


def _read(where) -> tuple[list, dict[int, list[tuple[str, str]]]]:
    rows = db.session.execute(db.select(
        Exercise.id, Exercise.slug, Exercise.name, Exercise.phase, Exercise.level, Exercise.equipment,
        Exercise.per_side, Exercise.contraindications, Exercise.precautions, Exercise.sets, Exercise.reps,
        Exercise.hold_seconds, Exercise.tempo, Exercise.rest_seconds, Exercise.progression_id, Exercise.regression_id,
    ).where(where).order_by(Exercise.slug)).all()
    targets: dict[int, list[tuple[str, str]]] = {}
    if rows:
        for exercise_id, muscle, role in db.session.execute(
                db.select(ExerciseTarget.exercise_id, ExerciseTarget.muscle_slug, ExerciseTarget.role)
                .join(Exercise).where(where).order_by(ExerciseTarget.exercise_id, ExerciseTarget.position)):
            targets.setdefault(exercise_id, []).append((muscle, role))
    return rows, targets


def _exercises(rows, targets, slugs: dict[int, str]) -> list[LibraryExercise]:
    return [LibraryExercise(
        slug=row.slug, name=row.name, phase=row.phase, level=row.level, equipment=tuple(row.equipment),
        per_side=row.per_side, contraindications=tuple(row.contraindications),
        primary=tuple(m for m, role in targets.get(row.id, ()) if role == "primary"),
        secondary=tuple(m for m, role in targets.get(row.id, ()) if role == "secondary"),
        default=Dose(row.sets, row.reps, row.hold_seconds, row.tempo, row.rest_seconds),
        progression=slugs.get(row.progression_id), regression=slugs.get(row.regression_id),
        precautions=tuple(row.precautions or ())) for row in rows]


def _built_in_library() -> _BuiltIn:
    key = db.engine.url.render_as_string(hide_password=False)
    stamp = library_stamp() or ""
    kept = _built_in.get(key)
    if kept is not None and kept.stamp == stamp and stamp:
        return kept
    rows, targets = _read(Exercise.trainer_id.is_(None))
    slugs = {row.id: row.slug for row in rows}
    fresh = _BuiltIn(stamp, tuple(_exercises(rows, targets, slugs)), {row.slug: row.id for row in rows}, slugs,
                     dict(db.session.execute(db.select(Muscle.slug, Muscle.name)).all()))
    with _lock:
        _built_in[key] = fresh
    return fresh


def load_catalog(trainer_id: int) -> Catalog:
    """The built-in library (kept while its stamp holds) and the trainer's
    own exercises (read now), sorted by slug."""
    built_in = _built_in_library()
    rows, targets = _read(Exercise.trainer_id == trainer_id)
    if not rows:
        return Catalog(list(built_in.exercises), dict(built_in.ids), built_in.muscle_names)
    slugs = built_in.slugs | {row.id: row.slug for row in rows}
    own = _exercises(rows, targets, slugs)
    exercises = sorted([*built_in.exercises, *own], key=lambda exercise: exercise.slug)
    return Catalog(exercises, built_in.ids | {row.slug: row.id for row in rows}, built_in.muscle_names)
