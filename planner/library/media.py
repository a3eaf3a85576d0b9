"""A practice's own photos and video links on exercises.

A trainer adds them to any exercise they can see, built-in or their own;
they belong to that trainer's practice alone: the trainer's pages and
their clients' session pages show them, nobody else's. Photos are cleaned
by planner/library/photos.py and stored under MEDIA_DIR with a name we
generate; pages reach them through a signed link that names the file.

Nothing is half-written: a file is written only after its row is flushed,
and the caller removes it again if the transaction does not commit
(`removed_unless_committed`); a deleted row's file goes after the commit
(`remove_file`). The caller owns the transaction, as everywhere.
"""
from __future__ import annotations

import os
import secrets
import tempfile
from collections.abc import Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from itsdangerous import BadSignature, URLSafeTimedSerializer

from planner.extensions import db
from planner.library.photos import PHOTO_FORMATS, clean_photo
from planner.models import Exercise
from planner.models.media import PHOTO, VIDEO, ExerciseMedia
from planner.validation import InputError, control_character_problem
from planner.vocabularies import MEDIA_CAPTION_MAX as CAPTION_MAX, VIDEO_URL_MAX

LINK_SALT = "exercise-media"
EXTENSION_TYPES = {extension: mime for extension, mime in PHOTO_FORMATS.values()}


class MediaStorageError(Exception):
    """The photo could not be written to MEDIA_DIR (a server problem, not the sender's)."""


@dataclass(frozen=True)
class MediaSettings:
    directory: Path
    max_bytes: int
    secret_key: str  # signs the links pages use to show a photo
    link_max_age_hours: float

    @classmethod
    def from_config(cls, config: Mapping) -> MediaSettings:
        return cls(directory=Path(config["MEDIA_DIR"]), max_bytes=int(config["MEDIA_MAX_BYTES"]),
                   secret_key=config["SECRET_KEY"], link_max_age_hours=float(config["MEDIA_LINK_MAX_AGE_HOURS"]))


# --- what people type ---------------------------------------------------------

def checked_caption(text: str | None) -> str | None:
    """The caption, trimmed; None when blank. InputError when unusable."""
    caption = (text or "").strip()
    if not caption:
        return None
    problem = control_character_problem(caption)
    if problem:
        raise InputError({"caption": problem})
    if len(caption) > CAPTION_MAX:
        raise InputError({"caption": f"is {len(caption)} characters long; at most {CAPTION_MAX} fit under a photo"})
    return caption


def video_link_problem(text: str) -> str | None:
    """What keeps `text` from being a video link we store, in plain words."""
    example = "e.g. https://www.youtube.com/watch?v=..."
    if not text:
        return f"is required: paste the video's web address ({example})"
    if len(text) > VIDEO_URL_MAX:
        return f"is {len(text)} characters long; at most {VIDEO_URL_MAX} are accepted"
    if control_character_problem(text) or any(char.isspace() for char in text):
        return "must be one web address without spaces or line breaks"
    try:
        parts = urlsplit(text)
        parts.port  # raises ValueError for a port that is not a number
    except ValueError:
        return f"is not a web address we can read ({example})"
    if parts.scheme.lower() == "http":
        return f"must be a secure link starting with https:// (not http://); {example}"
    if parts.scheme.lower() != "https":
        return f"must be a web link starting with https:// ({example})"
    if parts.username is not None or parts.password is not None:
        return "must not hold a user name or password"
    host = parts.hostname or ""
    if "." not in host.strip("."):
        return f"must name a website after https:// ({example})"
    return None


def checked_video_url(text: str | None) -> str:
    link = (text or "").strip()
    problem = video_link_problem(link)
    if problem:
        raise InputError({"video_url": problem})
    return link


# --- reading ------------------------------------------------------------------

def media_query(trainer_id: int):
    return db.select(ExerciseMedia).where(ExerciseMedia.trainer_id == trainer_id)


def media_of(trainer_id: int, exercise_id: int) -> list[ExerciseMedia]:
    """This practice's media on one exercise, oldest first."""
    return list(db.session.scalars(media_query(trainer_id).where(ExerciseMedia.exercise_id == exercise_id)
                                   .order_by(ExerciseMedia.created_at, ExerciseMedia.id)))


def exercises_with_media(trainer_id: int) -> set[int]:
    """The ids of the exercises this practice has media on: one query that
    spares a page a query for every exercise without any."""
    return set(db.session.scalars(db.select(ExerciseMedia.exercise_id).where(ExerciseMedia.trainer_id == trainer_id)
                                  .distinct()))


def media_item(trainer_id: int, exercise: Exercise, media_id: int) -> ExerciseMedia | None:
    """One of this practice's media on this exercise; None for anything else."""
    return db.session.scalar(media_query(trainer_id).where(ExerciseMedia.id == media_id,
                                                           ExerciseMedia.exercise_id == exercise.id))


def photo_by_file_name(file_name: str) -> ExerciseMedia | None:
    return db.session.scalar(db.select(ExerciseMedia).filter_by(kind=PHOTO, file_name=file_name))


def video_host(media: ExerciseMedia) -> str:
    """Where a video link leads, e.g. 'youtube.com', for the link's text."""
    host = urlsplit(media.video_url or "").hostname or ""
    return host.removeprefix("www.")


# --- writing ------------------------------------------------------------------

def add_video(trainer_id: int, exercise: Exercise, video_url: str | None, caption: str | None) -> ExerciseMedia:
    errors = {}
    try:
        link = checked_video_url(video_url)
    except InputError as exc:
        errors |= exc.errors
    try:
        caption = checked_caption(caption)
    except InputError as exc:
        errors |= exc.errors
    if errors:
        raise InputError(errors)
    media = ExerciseMedia(trainer_id=trainer_id, exercise_id=exercise.id, kind=VIDEO, video_url=link,
                          caption=caption)
    db.session.add(media)
    db.session.flush()
    return media


def add_photo(trainer_id: int, exercise: Exercise, data: bytes, caption: str | None,
              settings: MediaSettings) -> ExerciseMedia:
    """Check and clean the photo, add its row, then write its file.
    PhotoTooLarge, NotAPhoto or InputError (the caption) before anything is
    written; MediaStorageError when the file cannot be written (the row is
    then the caller's to roll back)."""
    caption = checked_caption(caption)
    photo = clean_photo(data, settings.max_bytes)
    media = ExerciseMedia(trainer_id=trainer_id, exercise_id=exercise.id, kind=PHOTO, caption=caption,
                          file_name=f"{secrets.token_hex(16)}.{photo.extension}", width=photo.width,
                          height=photo.height)
    db.session.add(media)
    db.session.flush()
    _write_file(settings.directory, media.file_name, photo.data)
    return media


def _write_file(directory: Path, file_name: str, data: bytes) -> None:
    """Write the whole file under a temporary name, then move it in place:
    no reader ever finds half a photo, and a failure leaves nothing."""
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".upload-")
    except OSError as exc:
        raise MediaStorageError(f"the photo store {directory} cannot be written: {exc.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, directory / file_name)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise MediaStorageError(f"the photo could not be stored: {exc.strerror}") from None


def delete_media(media: ExerciseMedia) -> str | None:
    """Delete the row; return the file name to remove once committed."""
    file_name = media.file_name
    db.session.delete(media)
    db.session.flush()
    return file_name


def photo_files_of(exercise: Exercise) -> list[str]:
    """Every practice's photo files on an exercise, to remove when it goes."""
    return list(db.session.scalars(db.select(ExerciseMedia.file_name).where(
        ExerciseMedia.exercise_id == exercise.id, ExerciseMedia.kind == PHOTO)))


def remove_file(settings: MediaSettings, file_name: str | None) -> None:
    """Remove a photo's file (after its row's deletion is committed, or when
    its row never was). A file already gone is no error."""
    if file_name:
        (settings.directory / file_name).unlink(missing_ok=True)


@contextmanager
def removed_unless_committed(settings: MediaSettings, file_name: str | None):
    """Around the caller's commit of a new photo: if anything fails, the
    file goes too, so no file is left without its row."""
    try:
        yield
    except BaseException:
        remove_file(settings, file_name)
        raise


def photo_file(settings: MediaSettings, media: ExerciseMedia) -> tuple[Path, str]:
    """(the photo's file, its MIME type)."""
    extension = media.file_name.rpartition(".")[2]
    return settings.directory / media.file_name, EXTENSION_TYPES[extension]


# --- links --------------------------------------------------------------------

@lru_cache(maxsize=8)
def _serializer(secret_key: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key, salt=LINK_SALT)


def photo_link_token(media: ExerciseMedia, settings: MediaSettings) -> str:
    """What a page's link to a photo carries: the file's random name, signed
    and dated, so the link works only as long as the photo exists and for
    MEDIA_LINK_MAX_AGE_HOURS after the page was made."""
    return _serializer(settings.secret_key).dumps(media.file_name)


def read_photo_link(token: str, settings: MediaSettings) -> ExerciseMedia | None:
    """The photo a link names, or None if forged, old or deleted."""
    try:
        file_name = _serializer(settings.secret_key).loads(token, max_age=settings.link_max_age_hours * 3600)
    except BadSignature:
        return None
    return photo_by_file_name(file_name) if isinstance(file_name, str) else None
