"""A practice's own photos and video links on the library's exercise page,
and the signed links through which every page shows a photo.

The forms live on the exercise page (templates/library/_media.html); a
form with a problem shows that page again with the message beside the
field. Pages other than the library's (the builder, the handout, the
client's session page) include the same partial, which asks
`exercise_media` for the media of the practice the page belongs to.
"""
from __future__ import annotations

from flask import (Blueprint, abort, current_app, flash, g, redirect, request, send_file, url_for)
from flask_login import current_user, login_required
from werkzeug.exceptions import RequestEntityTooLarge

from planner.extensions import db
from planner.library import media as library_media
from planner.library.media import MediaSettings, MediaStorageError
from planner.library.own_exercises import visible_exercise
from planner.library.photos import NotAPhoto, PhotoTooLarge, describe_size, too_large_message
from planner.models import Client, Exercise
from planner.models.media import ExerciseMedia
from planner.validation import InputError
from planner.web import library
from planner.web.blueprint import found, trainer_id

bp = Blueprint("media", __name__)

# Room for the form's other fields and multipart's boundaries around a
# photo of MEDIA_MAX_BYTES.
MULTIPART_ALLOWANCE = 64 * 1024
STORAGE_PROBLEM = "The photo could not be stored just now; nothing was saved. Please try again later."


def settings() -> MediaSettings:
    return MediaSettings.from_config(current_app.config)


@bp.url_value_preprocessor
def _allow_photo_uploads(endpoint: str | None, values: dict | None) -> None:
    # The app's body limit (MAX_REQUEST_BYTES) is below a photo's. These
    # hooks run before the app's before_request ones, CSRF's among them,
    # which read the form: the photo form's own limit must be set first.
    if endpoint == "media.add_photo":
        request.max_content_length = current_app.config["MEDIA_MAX_BYTES"] + MULTIPART_ALLOWANCE


def _exercise_page(slug: str, errors: dict[str, str], status: int):
    """The exercise page again, the form's messages beside its fields."""
    g.media_errors = errors
    g.media_typed = {"caption": request.form.get("caption", ""), "video_url": request.form.get("video_url", "")}
    return library.show(slug), status


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(exc):
    # A photo far beyond the limit is refused before the form is read.
    slug = (request.view_args or {}).get("slug", "")
    if (request.endpoint != "media.add_photo" or not current_user.is_authenticated
            or visible_exercise(trainer_id(), slug) is None):
        return exc
    g.media_errors = {"file": too_large_message(None, current_app.config["MEDIA_MAX_BYTES"])}
    g.media_typed = {}
    return library.show(slug), 413


@bp.post("/library/<slug>/media/photo")
@login_required
def add_photo(slug: str):
    exercise = found(visible_exercise(trainer_id(), slug))
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return _exercise_page(slug, {"file": "choose a photo (PNG, JPEG or WebP) to upload"}, 422)
    store = settings()
    try:
        photo = library_media.add_photo(trainer_id(), exercise, upload.read(), request.form.get("caption"), store)
    except (InputError, PhotoTooLarge, NotAPhoto, MediaStorageError) as refused:
        db.session.rollback()
        if isinstance(refused, InputError):
            return _exercise_page(slug, refused.errors, 422)
        if isinstance(refused, MediaStorageError):
            current_app.logger.error("photo upload: %s", refused)
            return _exercise_page(slug, {"file": STORAGE_PROBLEM}, 503)
        return _exercise_page(slug, {"file": _sentence(str(refused))}, 413 if isinstance(refused, PhotoTooLarge)
                              else 415)
    with library_media.removed_unless_committed(store, photo.file_name):
        db.session.commit()
    flash("The photo is added. Only your practice and your clients see it.")
    return redirect(url_for("library.show", slug=slug, _anchor="media"))


@bp.post("/library/<slug>/media/video")
@login_required
def add_video(slug: str):
    exercise = found(visible_exercise(trainer_id(), slug))
    try:
        library_media.add_video(trainer_id(), exercise, request.form.get("video_url"), request.form.get("caption"))
    except InputError as refused:
        db.session.rollback()
        return _exercise_page(slug, {("video_caption" if field == "caption" else field): message
                                     for field, message in refused.errors.items()}, 422)
    db.session.commit()
    flash("The video link is added. Only your practice and your clients see it.")
    return redirect(url_for("library.show", slug=slug, _anchor="media"))


@bp.post("/library/<slug>/media/<int:media_id>/delete")
@login_required
def delete(slug: str, media_id: int):
    exercise = found(visible_exercise(trainer_id(), slug))
    item = found(library_media.media_item(trainer_id(), exercise, media_id))
    kind = item.kind
    file_name = library_media.delete_media(item)
    db.session.commit()
    library_media.remove_file(settings(), file_name)
    flash("The photo is deleted." if kind == "photo" else "The video link is removed.")
    return redirect(url_for("library.show", slug=slug, _anchor="media"))


@bp.get("/media/<token>")
def photo(token: str):
    """A photo, for anyone holding a page's signed link to it: the trainer's
    own pages and their client's session page make these links."""
    store = settings()
    item = library_media.read_photo_link(token, store)
    if item is None:
        abort(404)
    path, mime_type = library_media.photo_file(store, item)
    if not path.is_file():
        abort(404)
    response = send_file(path, mimetype=mime_type, conditional=True, max_age=0)
    # Health-adjacent pictures of a practice: the browser may keep them
    # for the page's life, no shared cache may.
    response.headers["Cache-Control"] = "private, max-age=3600"
    return response


def _sentence(message: str) -> str:
    return message[:1].upper() + message[1:] + ("" if message.endswith(".") else ".")


# --- for templates ------------------------------------------------------------

@bp.app_template_global()
def exercise_media(exercise: Exercise, client: Client | None = None) -> list[ExerciseMedia]:
    """The media a page shows for an exercise: those of the client's
    practice on a page about a client (the session page has no signed-in
    trainer), else those of the signed-in trainer's."""
    if client:
        owner = client.trainer_id
    elif current_user.is_authenticated:
        owner = current_user.id
    else:
        return []
    # One query says which exercises have any; pages list many without.
    with_media = g.setdefault("exercises_with_media", {})
    if owner not in with_media:
        with_media[owner] = library_media.exercises_with_media(owner)
    if exercise.id not in with_media[owner]:
        return []
    return library_media.media_of(owner, exercise.id)


@bp.app_template_global()
def photo_url(item: ExerciseMedia) -> str:
    return url_for("media.photo", token=library_media.photo_link_token(item, settings()))


@bp.app_template_global()
def video_host(item: ExerciseMedia) -> str:
    return library_media.video_host(item)


bp.add_app_template_global(describe_size)


@bp.before_app_request
def _forget_media_lookups() -> None:
    # `g` outlives a request where an app context is held open (tests);
    # the lookups above must not.
    for name in ("exercises_with_media", "media_errors", "media_typed"):
        g.pop(name, None)
