"""A practice's own photos and video links on exercises, through the API.

POST a photo as the multipart field `file` (with an optional `caption`),
or a video link as JSON; the answer names the new media's id, kind and
url. Each trainer sees and deletes only their own practice's media.
"""
from __future__ import annotations

from flask import abort, current_app, jsonify, request
from werkzeug.exceptions import RequestEntityTooLarge

from planner.extensions import db
from planner.inputs import VideoLinkCreate
from planner.library import media as library_media
from planner.library.media import MediaSettings, MediaStorageError
from planner.library.own_exercises import visible_exercise
from planner.library.photos import ACCEPTED, NotAPhoto, PhotoTooLarge, too_large_message
from planner.validation import InputError
from planner.api.auth import current_trainer, token_required
from planner.api.blueprint import bp
from planner.api.errors import validated_body
from planner.api.representations import media_json

# Room for the caption and multipart's boundaries around a photo of MEDIA_MAX_BYTES.
MULTIPART_ALLOWANCE = 64 * 1024


class MediaRefused(Exception):
    """A photo we do not take: too large (413) or not a photo (415)."""

    def __init__(self, status: int, message: str):
        self.status, self.message = status, message


@bp.app_errorhandler(MediaRefused)
def _media_refused(exc: MediaRefused):
    return jsonify(error=exc.message), exc.status


def _exercise(slug: str):
    exercise = visible_exercise(current_trainer().id, slug)
    if exercise is None:
        abort(404)
    return exercise


@bp.post("/exercises/<slug>/media")
@token_required
def add_exercise_media(slug: str):
    exercise = _exercise(slug)
    settings = MediaSettings.from_config(current_app.config)
    if request.mimetype == "multipart/form-data":
        item = _add_photo(exercise, settings)
        with library_media.removed_unless_committed(settings, item.file_name):
            db.session.commit()
    elif request.mimetype == "application/json":
        body = validated_body(VideoLinkCreate)
        item = _refused_or(lambda: library_media.add_video(current_trainer().id, exercise, body.video_url,
                                                           body.caption))
        db.session.commit()
    else:
        raise MediaRefused(415, f"send a photo ({ACCEPTED}) as multipart/form-data in the field 'file', or a "
                                "video link as JSON: {\"video_url\": \"https://...\"}")
    return jsonify(media_json(item)), 201


def _add_photo(exercise, settings: MediaSettings):
    request.max_content_length = settings.max_bytes + MULTIPART_ALLOWANCE
    try:
        upload = request.files.get("file")
        caption = request.form.get("caption")
    except RequestEntityTooLarge:
        raise MediaRefused(413, f"file: {too_large_message(request.content_length, settings.max_bytes)}") from None
    if upload is None:
        message = ("must be the photo itself, sent as a file" if "file" in request.form
                   else f"is required: send the photo ({ACCEPTED}) as the multipart field 'file'")
        raise InputError({"file": message})
    data = upload.read()
    return _refused_or(lambda: library_media.add_photo(current_trainer().id, exercise, data, caption, settings))


def _refused_or(add):
    """What `add` returns, or nothing written and the refusal answered."""
    try:
        return add()
    except (InputError, PhotoTooLarge, NotAPhoto, MediaStorageError) as refused:
        db.session.rollback()
        if isinstance(refused, InputError):
            raise
        if isinstance(refused, MediaStorageError):
            current_app.logger.error("photo upload: %s", refused)
            raise MediaRefused(503, "the photo could not be stored just now; nothing was saved. "
                                    "Try again later.") from None
        raise MediaRefused(413 if isinstance(refused, PhotoTooLarge) else 415, f"file: {refused}") from None


@bp.delete("/exercises/<slug>/media/<int:media_id>")
@token_required
def delete_exercise_media(slug: str, media_id: int):
    item = library_media.media_item(current_trainer().id, _exercise(slug), media_id)
    if item is None:
        abort(404)
    file_name = library_media.delete_media(item)
    db.session.commit()
    library_media.remove_file(MediaSettings.from_config(current_app.config), file_name)
    return "", 204
