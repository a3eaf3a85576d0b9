"""The shared catalog: muscles, exercises, movement screens, vocabularies."""
from __future__ import annotations

from flask import Response, abort, jsonify, request
from sqlalchemy import or_

from planner.extensions import db
from planner.models import Exercise, ExerciseTarget, LengthTest, MovementScreen, Muscle
from planner.validation import InputError, control_character_problem, quoted, whole_number
from planner.vocabularies import EQUIPMENT, PAIN_REGIONS, PHASES, SIDES
from planner.api.blueprint import bp
from planner.api.auth import current_trainer, token_required
from planner.api.representations import (exercise_json, exercise_summary_json, length_test_json, media_json,
                                         muscle_json, screening_json)
from planner.library.figures import CACHE_CONTROL, exercise_figure, figure_etag
from planner.library.media import media_of
from planner.library.screening import questions
from planner.library.search import muscle_names


@bp.get("/vocabularies")
@token_required
def vocabularies():
    return jsonify(pain_regions=list(PAIN_REGIONS), equipment=list(EQUIPMENT),
                   phases=list(PHASES), sides=list(SIDES))


@bp.get("/muscles")
@token_required
def muscles():
    rows = db.session.scalars(db.select(Muscle).order_by(Muscle.position))
    return jsonify([muscle_json(m) for m in rows])


def _visible_exercises():
    """Built-in exercises and the signed-in trainer's own."""
    return db.select(Exercise).where(
        or_(Exercise.trainer_id.is_(None), Exercise.trainer_id == current_trainer().id))


def _equipment_filter(raw: str) -> set[str]:
    """`equipment=none` means body weight only; otherwise a comma-separated
    list of what is available."""
    if raw.strip() == "none":
        return set()
    items = [part.strip() for part in raw.split(",") if part.strip()]
    unknown = [item for item in items if item not in EQUIPMENT]
    if unknown:
        raise InputError({"equipment": f"unknown equipment {', '.join(map(quoted, unknown))}; "
                                       f"expected 'none' or any of: {', '.join(EQUIPMENT)}"})
    return set(items)


@bp.get("/exercises")
@token_required
def exercises():
    query = _visible_exercises().options(db.selectinload(Exercise.targets))
    errors = {}
    muscle = request.args.get("muscle")
    if muscle:
        # A control character is in no slug, and NUL would break the lookup.
        if control_character_problem(muscle) or db.session.get(Muscle, muscle) is None:
            errors["muscle"] = f"unknown muscle {quoted(muscle)}; see GET /api/v1/muscles"
        query = query.where(Exercise.id.in_(
            db.select(ExerciseTarget.exercise_id).where(ExerciseTarget.muscle_slug == muscle)))
    phase = request.args.get("phase")
    if phase:
        if phase not in PHASES:
            errors["phase"] = f"unknown phase {quoted(phase)}; expected one of: {', '.join(PHASES)}"
        query = query.where(Exercise.phase == phase)
    level_text = request.args.get("level")
    if level_text:
        level = whole_number(level_text, 1, 5)
        if level is None:
            errors["level"] = f"must be a level from 1 to 5 (got {quoted(level_text)})"
        else:
            query = query.where(Exercise.level == level)
    available = None
    if request.args.get("equipment"):
        try:
            available = _equipment_filter(request.args["equipment"])
        except InputError as exc:
            errors.update(exc.errors)
    if errors:
        raise InputError(errors)
    rows = db.session.scalars(query.order_by(Exercise.phase, Exercise.level, Exercise.slug))
    # Equipment is a short JSON list per row; filtering it here stays
    # portable across SQLite and PostgreSQL.
    return jsonify([exercise_summary_json(e) for e in rows
                    if available is None or set(e.equipment) <= available])


@bp.get("/exercises/<slug>")
@token_required
def exercise(slug: str):
    row = db.session.scalar(_visible_exercises().where(Exercise.slug == slug))
    if row is None:
        abort(404)
    media = media_of(current_trainer().id, row.id)  # this practice's own, nobody else's
    return jsonify(exercise_json(row) | {"media": [media_json(item) for item in media]})


@bp.get("/exercises/<slug>/figure.svg")
@token_required
def exercise_figure_svg(slug: str):
    """The body map with the exercise's primary and secondary muscles."""
    row = db.session.scalar(_visible_exercises().where(Exercise.slug == slug))
    if row is None:
        abort(404)
    svg = exercise_figure(row.name, tuple((t.muscle_slug, t.role) for t in row.targets),
                          tuple(muscle_names().items()))
    response = Response(svg, mimetype="image/svg+xml")
    response.set_etag(figure_etag(svg))
    response.headers["Cache-Control"] = CACHE_CONTROL
    return response.make_conditional(request)


@bp.get("/movement-screens")
@token_required
def movement_screens():
    screens = db.session.scalars(db.select(MovementScreen).order_by(MovementScreen.slug))
    result = []
    for screen in screens:
        result.append({
            "screen": screen.slug, "name": screen.name, "source": screen.source,
            "compensations": [{
                "slug": c.slug, "name": c.name, "view": c.view,
                "overactive": [m.muscle_slug for m in c.muscles if m.status == "overactive"],
                "underactive": [m.muscle_slug for m in c.muscles if m.status == "underactive"],
            } for c in screen.compensations],
        })
    return jsonify(result)


@bp.get("/screening")
@token_required
def screening():
    """Red flags (asked at each assessment) and precautions (recorded on the
    client), with their sources."""
    return jsonify([screening_json(q) for q in questions()])


@bp.get("/length-tests")
@token_required
def length_tests():
    """Muscle length tests and the muscles a short result implicates, with sources."""
    rows = db.session.scalars(db.select(LengthTest).order_by(LengthTest.position))
    return jsonify([length_test_json(test) for test in rows])
