"""The exercise library: browse, filter, search; a trainer's own exercises.

Views parse the request, call exercise_search and own_exercises, commit and
render. Built-in exercises can be read and copied, never changed; another
trainer's exercises answer 404 like anything else that is not yours.
"""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import login_required

from planner.library.media import MediaSettings, photo_files_of, remove_file
from planner.library.screening import PRECAUTION, questions
from planner.library.search import BODY_WEIGHT, LEVELS, muscle_names, read_filters, search
from planner.extensions import db
from planner.library.own_exercises import (Draft, ExerciseInUse, create_own_exercise, delete_own_exercise, link_choices, programs_using, update_own_exercise, visible_exercise)
from planner.validation import InputError
from planner.vocabularies import EQUIPMENT, PAIN_REGIONS, PHASES, POSITIONS, TARGET_ROLES
from planner.web.blueprint import found, trainer_id

bp = Blueprint("library", __name__, url_prefix="/library")
bp.before_request(login_required(lambda: None))

FILTER_PARAMS = ("q", "muscle", "primary_only", "phase", "level", "equipment", "source")


@bp.get("/")
def index():
    names = muscle_names()
    filters, errors = read_filters(request.args, names)
    results = search(trainer_id(), filters)

    def page_url(page: int) -> str:
        # Same filters, another page: a filtered view stays bookmarkable.
        # Only filter names are passed on; url_for reads some others (_scheme...).
        kept = {name: values for name, values in request.args.lists() if name in FILTER_PARAMS}
        return url_for("library.index", **kept, page=page)

    return render_template("library/index.html", filters=filters, errors=errors, results=results,
                           muscle_names=names, phases=PHASES, levels=LEVELS, equipment=EQUIPMENT,
                           body_weight=BODY_WEIGHT, page_url=page_url)


@bp.get("/<slug>")
def show(slug: str):
    exercise = found(visible_exercise(trainer_id(), slug))
    used = programs_using(exercise) if exercise.trainer_id is not None else []
    return render_template("library/show.html", exercise=exercise, muscle_names=muscle_names(), used=used)


def _form(draft: Draft, errors: dict | None = None, exercise=None, copied=None, status: int = 200):
    return render_template(
        "library/form.html", draft=draft, errors=errors or {}, exercise=exercise, copied=copied,
        muscle_names=muscle_names(), phases=PHASES, levels=LEVELS, positions=POSITIONS,
        equipment=EQUIPMENT, pain_regions=PAIN_REGIONS, roles=TARGET_ROLES,
        precautions=[(q.slug, q.label) for q in questions(PRECAUTION) if q.excludes],
        links=link_choices(trainer_id(), exercise.id if exercise else None)), status


@bp.route("/new", methods=["GET", "POST"])
def new():
    if request.method == "POST":
        draft = Draft.from_form(request.form)
        try:
            exercise = create_own_exercise(trainer_id(), draft)
        except InputError as exc:
            db.session.rollback()
            return _form(draft, exc.errors, status=422)
        db.session.commit()
        flash(f"{exercise.name} is now in your exercises.")
        return redirect(url_for("library.show", slug=exercise.slug))
    source_slug = request.args.get("copy")
    if not source_slug:
        return _form(Draft())
    # "Copy to my exercises": the new form, filled from any exercise you can see.
    source = found(visible_exercise(trainer_id(), source_slug))
    draft = Draft.of(source)
    draft.name = f"{source.name} ({'copy' if source.trainer_id else 'my version'})"[:160]
    return _form(draft, {}, copied=source)


def _own(slug: str):
    """This trainer's own exercise; 404 when it is not visible, 403 when built in."""
    exercise = found(visible_exercise(trainer_id(), slug))
    if exercise.trainer_id is None:
        abort(403)
    return exercise


@bp.route("/<slug>/edit", methods=["GET", "POST"])
def edit(slug: str):
    exercise = found(visible_exercise(trainer_id(), slug))
    if exercise.trainer_id is None:
        if request.method == "POST":
            abort(403)
        flash("Built-in exercises cannot be changed; this is a copy you can make your own.")
        return redirect(url_for("library.new", copy=slug))
    if request.method == "GET":
        return _form(Draft.of(exercise), {}, exercise)
    draft = Draft.from_form(request.form)
    try:
        update_own_exercise(exercise, draft)
    except InputError as exc:
        db.session.rollback()
        return _form(draft, exc.errors, exercise, status=422)
    db.session.commit()
    flash(f"{exercise.name} is saved.")
    return redirect(url_for("library.show", slug=exercise.slug))


@bp.post("/<slug>/delete")
def delete(slug: str):
    exercise = _own(slug)
    name = exercise.name
    photos = photo_files_of(exercise)  # their rows go with the exercise; their files after the commit
    try:
        delete_own_exercise(exercise)
    except ExerciseInUse as refused:
        db.session.rollback()
        flash(str(refused), "error")
        return redirect(url_for("library.show", slug=slug))
    db.session.commit()
    store = MediaSettings.from_config(current_app.config)
    for file_name in photos:
        remove_file(store, file_name)
    flash(f"{name} is deleted.")
    return redirect(url_for("library.index", source="mine"))
