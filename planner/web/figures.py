"""Exercise figures and findings maps in the web app: the SVG route behind
the library's thumbnails, and the template globals that put a figure inline
(the client's session page has no sign-in, so its figures travel in the page).

Drawing is planner/library/figures.py's; this module only finds the rows.
"""
from __future__ import annotations

from flask import Response, g, request
from markupsafe import Markup

from planner.library.figures import CACHE_CONTROL, exercise_figure, figure_etag, findings_figure, map_status
from planner.library.own_exercises import visible_exercise
from planner.library.search import muscle_names
from planner.web.blueprint import found, trainer_id
from planner.web.library import bp


def catalog_names() -> tuple[tuple[str, str], ...]:
    """Muscle names, read once per request however many figures a page has."""
    if "figure_muscle_names" not in g:
        g.figure_muscle_names = tuple(muscle_names().items())
    return g.figure_muscle_names


def exercise_svg(exercise, prefix: str = "figure", legend: bool = True) -> str:
    targets = tuple((t.muscle_slug, t.role) for t in exercise.targets)
    return exercise_figure(exercise.name, targets, catalog_names(), prefix, legend)


def svg_response(svg: str) -> Response:
    """The SVG with an ETag and the figures' cache policy; 304 when the
    browser already has it."""
    response = Response(svg, mimetype="image/svg+xml")
    response.set_etag(figure_etag(svg))
    response.headers["Cache-Control"] = CACHE_CONTROL
    return response.make_conditional(request)


@bp.get("/<slug>/figure.svg")
def figure(slug: str):
    exercise = found(visible_exercise(trainer_id(), slug))
    return svg_response(exercise_svg(exercise, legend=request.args.get("legend") != "0"))


@bp.app_template_global("exercise_figure")
def exercise_figure_markup(exercise, prefix: str = "figure", legend: bool = True) -> Markup:
    """The exercise's figure, inline; every text in it is escaped by the drawing."""
    return Markup(exercise_svg(exercise, prefix, legend))


@bp.app_template_global("findings_map")
def findings_map_markup(findings, prefix: str = "findings") -> Markup:
    """A client's findings (MuscleFinding rows, treatment order) on the body map."""
    marks = tuple((f.muscle_slug, f.side, map_status(f.status, f.sources)) for f in findings)
    return Markup(findings_figure(marks, catalog_names(), prefix))
