"""A practice's own photos and video links on exercises, through the API:
photos are re-encoded without their metadata, only PNG, JPEG and WebP
are taken (whatever a file's name or declared type says), sizes are
bounded, video links are https, each practice sees and deletes only its
own, and a refusal leaves neither a row nor a file behind."""
from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PIL import Image

from planner.extensions import db
from planner.library.own_exercises import Draft, create_own_exercise
from planner.models import ExerciseMedia

from tests.support.images import PDF, TEXT, encoded, gps_of, jpeg_with_gps, picture, png_claiming

EXERCISE = "glute_bridge"  # built in


@pytest.fixture
def media_dir(app, tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "media"
    monkeypatch.setitem(app.config, "MEDIA_DIR", str(folder))
    return folder


def upload(trainer, data: bytes, name="photo.jpg", content_type="image/jpeg", slug=EXERCISE, **fields):
    return trainer.http.post(f"/api/v1/exercises/{slug}/media", headers=trainer.headers,
                             data={"file": (io.BytesIO(data), name, content_type)} | fields,
                             content_type="multipart/form-data")


def fetch(http, url: str):
    """GET a url the API handed out (absolute, on this app)."""
    parts = urlsplit(url)
    return http.get(parts.path + (f"?{parts.query}" if parts.query else ""))


def files_in(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def media_rows() -> int:
    return db.session.scalar(db.select(db.func.count(ExerciseMedia.id)))


def test_a_jpeg_with_gps_comes_back_re_encoded_without_its_metadata(trainer, http, media_dir):
    original = jpeg_with_gps(size=(80, 60))
    assert gps_of(original)  # the phone's position is in the file sent
    response = upload(trainer, original, name="IMG_0001 at home.jpg", caption="Start position")
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["kind"] == "photo" and isinstance(body["id"], int)
    assert (body["width"], body["height"], body["caption"]) == (80, 60, "Start position")
    # Stored under a name of ours, never the uploaded one.
    assert len(files_in(media_dir)) == 1 and "IMG" not in files_in(media_dir)[0]

    served = fetch(http, body["url"])
    assert served.status_code == 200 and served.mimetype == "image/jpeg"
    with Image.open(io.BytesIO(served.data)) as image:
        assert image.format == "JPEG" and image.size == (80, 60)
        assert dict(image.getexif()) == {} and "exif" not in image.info and "icc_profile" not in image.info
    assert gps_of(served.data) == {}
    assert b"PhoneMaker" not in served.data and b"SN-1234567" not in served.data


def test_a_phone_photo_stored_sideways_is_turned_upright(trainer, http, media_dir):
    # EXIF orientation 6: the pixels are stored turned; viewers rotate them.
    response = upload(trainer, jpeg_with_gps(size=(80, 40), orientation=6))
    assert response.status_code == 201
    assert (response.get_json()["width"], response.get_json()["height"]) == (40, 80)


@pytest.mark.parametrize("format, mime", [("PNG", "image/png"), ("WEBP", "image/webp")])
def test_png_and_webp_are_taken_and_kept_in_their_format(trainer, http, media_dir, format, mime):
    data = encoded(picture(mode="RGBA"), format)
    # The declared type is ignored: the decoded format is what counts.
    response = upload(trainer, data, name="photo.bin", content_type="application/octet-stream")
    assert response.status_code == 201, response.get_json()
    served = fetch(http, response.get_json()["url"])
    assert served.mimetype == mime
    with Image.open(io.BytesIO(served.data)) as image:
        assert image.format == format


@pytest.mark.parametrize("data, name", [
    (encoded(picture(), "GIF"), "photo.png"),
    (encoded(picture(), "BMP"), "photo.jpg"),
    (PDF, "photo.jpg"),
    (TEXT, "photo.webp"),
])
def test_anything_but_png_jpeg_or_webp_is_refused_with_415_whatever_its_name(trainer, media_dir, data, name):
    response = upload(trainer, data, name=name, content_type="image/png")
    assert response.status_code == 415
    assert "not a PNG, JPEG or WebP image" in response.get_json()["error"]
    assert media_rows() == 0 and files_in(media_dir) == []


def test_a_truncated_photo_is_refused_with_415_not_a_server_error(trainer, media_dir):
    whole = encoded(picture((200, 150), noise=True), "JPEG")
    response = upload(trainer, whole[:len(whole) // 2])
    assert response.status_code == 415
    assert "damaged or incomplete" in response.get_json()["error"]
    assert media_rows() == 0 and files_in(media_dir) == []


def test_a_photo_over_the_size_limit_is_refused_with_413_naming_the_limit(app, trainer, media_dir, monkeypatch):
    monkeypatch.setitem(app.config, "MEDIA_MAX_BYTES", 20_000)
    photo = encoded(picture((200, 150), noise=True), "PNG")  # noise: about 90 KB
    assert len(photo) > 20_000
    response = upload(trainer, photo, name="photo.png", content_type="image/png")
    assert response.status_code == 413
    assert "at most 19.5 KB" in response.get_json()["error"]
    assert media_rows() == 0 and files_in(media_dir) == []
    # Far beyond the limit, the body is refused before it is read, in the same words.
    huge = upload(trainer, b"\xff" * 200_000, name="photo.png", content_type="image/png")
    assert huge.status_code == 413 and "at most 19.5 KB" in huge.get_json()["error"]


def test_a_decompression_bomb_is_refused_before_it_is_decoded(trainer, media_dir):
    for width, height in ((8000, 8000), (100_000, 100_000)):
        response = upload(trainer, png_claiming(width, height), name="small.png", content_type="image/png")
        assert response.status_code == 413, response.get_json()
        assert "megapixels" in response.get_json()["error"]
    assert media_rows() == 0 and files_in(media_dir) == []


def test_a_video_link_is_added_and_listed_with_the_exercise(trainer, media_dir):
    link = "https://www.youtube.com/watch?v=abc123"
    response = trainer.post(f"/api/v1/exercises/{EXERCISE}/media", json={"video_url": link, "caption": "Side view"})
    assert response.status_code == 201, response.get_json()
    assert response.get_json() | {"id": 0, "created_at": ""} == {
        "id": 0, "kind": "video", "url": link, "caption": "Side view", "width": None, "height": None,
        "created_at": ""}
    photo = upload(trainer, jpeg_with_gps()).get_json()
    listed = trainer.get(f"/api/v1/exercises/{EXERCISE}").get_json()["media"]
    assert [(m["id"], m["kind"]) for m in listed] == [(response.get_json()["id"], "video"), (photo["id"], "photo")]
    assert files_in(media_dir) != []


@pytest.mark.parametrize("link, words", [
    ("http://www.youtube.com/watch?v=abc", "https://"),
    ("javascript:alert(1)", "https://"),
    ("https://", "website"),
    ("https://user:secret@videos.example/clip", "password"),
    ("https://videos.example/a clip", "without spaces"),
    ("", "required"),
])
def test_a_video_link_that_is_not_a_secure_web_link_is_refused_in_plain_words(trainer, link, words):
    response = trainer.post(f"/api/v1/exercises/{EXERCISE}/media", json={"video_url": link})
    assert response.status_code == 422
    assert words in response.get_json()["errors"]["video_url"]
    assert media_rows() == 0


def test_a_caption_too_long_or_a_missing_file_is_named(trainer, media_dir):
    long = upload(trainer, jpeg_with_gps(), caption="x" * 201)
    assert long.status_code == 422 and "caption" in long.get_json()["errors"]
    missing = trainer.http.post(f"/api/v1/exercises/{EXERCISE}/media", headers=trainer.headers,
                                data={"caption": "no photo"}, content_type="multipart/form-data")
    assert missing.status_code == 422 and "'file'" in missing.get_json()["errors"]["file"]
    assert media_rows() == 0 and files_in(media_dir) == []


def test_a_body_neither_multipart_nor_json_is_refused_with_415(trainer):
    response = trainer.http.post(f"/api/v1/exercises/{EXERCISE}/media", headers=trainer.headers,
                                 data=b"just text", content_type="text/plain")
    assert response.status_code == 415 and "multipart/form-data" in response.get_json()["error"]


def test_another_practice_neither_sees_nor_deletes_the_media(trainer, make_trainer, http, media_dir):
    photo = upload(trainer, jpeg_with_gps()).get_json()
    other = make_trainer(email="bo@elsewhere.example", name="Bo Other")
    # The same built-in exercise, seen by another practice: none of ours.
    assert other.get(f"/api/v1/exercises/{EXERCISE}").get_json()["media"] == []
    gone = other.http.delete(f"/api/v1/exercises/{EXERCISE}/media/{photo['id']}", headers=other.headers)
    assert gone.status_code == 404
    assert media_rows() == 1 and len(files_in(media_dir)) == 1


def test_media_on_a_trainers_own_exercise_is_theirs_alone(trainer, make_trainer, media_dir):
    slug = create_own_exercise(trainer.id, Draft(
        name="Banded wall slide", phase="activate", level="2", position="standing",
        targets=[("lower_trapezius", "primary")], sets="2", reps="10", tempo="3-1-2", rest_seconds="30",
        instructions="Slide the forearms up the wall against the band.")).slug
    db.session.commit()
    other = make_trainer(email="bo@elsewhere.example", name="Bo Other")
    assert upload(other, jpeg_with_gps(), slug=slug).status_code == 404
    assert upload(trainer, jpeg_with_gps(), slug=slug).status_code == 201


def test_deleting_media_removes_the_row_and_the_file(trainer, http, media_dir):
    photo = upload(trainer, jpeg_with_gps()).get_json()
    assert fetch(http, photo["url"]).status_code == 200
    response = trainer.http.delete(f"/api/v1/exercises/{EXERCISE}/media/{photo['id']}", headers=trainer.headers)
    assert response.status_code == 204
    assert media_rows() == 0 and files_in(media_dir) == []
    assert fetch(http, photo["url"]).status_code == 404
    assert trainer.get(f"/api/v1/exercises/{EXERCISE}").get_json()["media"] == []


def test_a_photo_link_that_is_forged_or_old_opens_nothing(app, trainer, http, media_dir, monkeypatch):
    photo = upload(trainer, jpeg_with_gps()).get_json()
    path = urlsplit(photo["url"]).path
    assert http.get(path[:-3] + "abc").status_code == 404
    monkeypatch.setitem(app.config, "MEDIA_LINK_MAX_AGE_HOURS", -1)  # every link is already too old
    assert http.get(path).status_code == 404


def test_when_the_store_cannot_be_written_nothing_is_half_written(app, trainer, tmp_path, monkeypatch):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the media folder should be")
    monkeypatch.setitem(app.config, "MEDIA_DIR", str(blocked / "media"))
    response = upload(trainer, jpeg_with_gps())
    assert response.status_code == 503 and "nothing was saved" in response.get_json()["error"]
    assert media_rows() == 0
    assert trainer.get(f"/api/v1/exercises/{EXERCISE}").get_json()["media"] == []
