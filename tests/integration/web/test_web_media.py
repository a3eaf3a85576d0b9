"""A practice's own photos and video links in the web app: added on the
library's exercise page, refused there in plain words beside the field,
shown wherever the exercise is (the builder, an item's page, the handout
and the client's session page), deleted with their file, and never shown
to another practice or its clients."""
from __future__ import annotations

import html
import io
import re
from pathlib import Path

import pytest
from PIL import Image

from planner.extensions import db
from planner.models import ExerciseMedia, Program

from tests.integration.web.test_pain_capture_forms import session_path
from tests.support.images import encoded, gps_of, jpeg_with_gps, picture
from tests.support.sms import active_client

IMAGE = re.compile(r'<img src="(/media/[^"]+)" alt="([^"]*)" width="(\d+)"\s+height="(\d+)" loading="lazy"')


@pytest.fixture
def media_dir(app, tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "media"
    monkeypatch.setitem(app.config, "MEDIA_DIR", str(folder))
    return folder


@pytest.fixture
def with_program(web):
    """The web trainer's client with a published program; its first exercise."""
    client = active_client(web.api, "2026-11-30", ["mon", "thu"])
    first = client["program"]["weeks"][0]["sessions"][0]["items"][0]
    yield client, first["exercise"]
    # conftest's wipe deletes own exercises before program items: programs go first.
    db.session.rollback()
    db.session.execute(db.delete(Program))
    db.session.commit()


def upload(web, slug: str, data: bytes, name="photo.jpg", caption="", content_type="image/jpeg"):
    return web.post(f"/library/{slug}/media/photo",
                    [("file", (io.BytesIO(data), name, content_type)), ("caption", caption)])


def images_in(page: str) -> list[tuple[str, str]]:
    """(src, alt) of every media photo on a page."""
    return [(html.unescape(src), html.unescape(alt)) for src, alt, _, _ in IMAGE.findall(page)]


def field_error(page: str, field: str) -> str:
    match = re.search(rf'<span class="field-error" id="{field}-error">([^<]+)</span>', page)
    assert match, f"no message beside {field}"
    return html.unescape(match.group(1))


def files_in(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def media_rows() -> int:
    return db.session.scalar(db.select(db.func.count(ExerciseMedia.id)))


def test_a_photo_added_on_the_exercise_page_is_shown_there_without_its_metadata(web, http, media_dir):
    response = upload(web, "glute_bridge", jpeg_with_gps(size=(90, 60)), caption="Hips level at the top")
    assert response.status_code == 302 and response.headers["Location"].endswith("/library/glute_bridge#media")
    page = web.page("/library/glute_bridge")
    assert "The photo is added." in page
    [(src, alt)] = images_in(page)
    assert alt == "Hips level at the top"
    assert 'width="90"' in page and 'height="60"' in page
    served = http.get(src)
    assert served.status_code == 200 and served.mimetype == "image/jpeg"
    assert gps_of(served.data) == {}
    with Image.open(io.BytesIO(served.data)) as image:
        assert dict(image.getexif()) == {}


def test_without_a_caption_the_exercise_name_is_the_alt_text(web, media_dir):
    upload(web, "glute_bridge", encoded(picture(), "PNG"), name="x.png", content_type="image/png")
    [(_, alt)] = images_in(web.page("/library/glute_bridge"))
    assert alt == "Glute bridge"


def test_the_media_shows_wherever_the_exercise_is(web, http, app, media_dir, with_program):
    client, slug = with_program
    assert upload(web, slug, jpeg_with_gps(), caption="Start here").status_code == 302
    video = web.post(f"/library/{slug}/media/video", {"video_url": "https://vimeo.com/12345", "caption": "In motion"})
    assert video.status_code == 302
    program = client["program"]
    item = program["weeks"][0]["sessions"][0]["items"][0]
    pages = {
        "builder": web.page(f"/programs/{program['id']}"),
        "item": web.page(f"/programs/{program['id']}/items/{item['id']}"),
        "handout": web.page(f"/programs/{program['id']}/handout"),
        # The client's page: no one signed in, the signed link is the key.
        "session": http.get(session_path(app, client), follow_redirects=True).get_data(as_text=True),
    }
    for where, page in pages.items():
        assert [alt for _, alt in images_in(page)][:1] == ["Start here"], where
        assert 'href="https://vimeo.com/12345"' in page and "Watch the video: In motion" in page, where
    # The photo opens from the session page for someone who is not signed in.
    src = images_in(pages["session"])[0][0]
    assert http.get(src).status_code == 200


def test_another_practice_never_sees_or_deletes_the_media(web, make_web_trainer, app, media_dir, with_program):
    _, slug = with_program
    upload(web, slug, jpeg_with_gps(), caption="Ours")
    mine = db.session.scalar(db.select(ExerciseMedia))
    other = make_web_trainer(email="bo@elsewhere.example", name="Bo Other")
    their_client = active_client(other.api, "2026-11-30", ["mon", "thu"], phone="+14155552672")
    assert their_client["program"]["weeks"][0]["sessions"][0]["items"][0]["exercise"] == slug  # the same exercise
    theirs = [other.page(f"/library/{slug}"), other.page(f"/programs/{their_client['program']['id']}"),
              other.page(f"/programs/{their_client['program']['id']}/handout"),
              other.http.get(session_path(app, their_client)).get_data(as_text=True)]
    for page in theirs:
        assert images_in(page) == [] and "Ours" not in page
    assert other.post(f"/library/{slug}/media/{mine.id}/delete").status_code == 404
    assert media_rows() == 1 and len(files_in(media_dir)) == 1


@pytest.mark.parametrize("data, name, status, words", [
    (encoded(picture(), "GIF"), "photo.png", 415, "not a PNG, JPEG or WebP image"),
    (b"%PDF-1.4\n%%EOF\n", "photo.jpg", 415, "not a PNG, JPEG or WebP image"),
    (encoded(picture((120, 90), noise=True), "JPEG")[:900], "photo.jpg", 415, "damaged or incomplete"),
])
def test_a_file_that_is_no_photo_is_refused_beside_the_field(web, media_dir, data, name, status, words):
    response = upload(web, "glute_bridge", data, name=name, caption="Kept as typed")
    assert response.status_code == status
    page = response.get_data(as_text=True)
    assert words in field_error(page, "file")
    assert 'aria-describedby="file-error"' in page
    assert 'value="Kept as typed"' in page
    assert media_rows() == 0 and files_in(media_dir) == []


def test_a_photo_form_sent_without_a_file_asks_for_one(web, media_dir):
    # What a browser sends when no file was chosen: an empty part without a name.
    response = upload(web, "glute_bridge", b"", name="", content_type="application/octet-stream")
    assert response.status_code == 422
    assert "choose a photo" in field_error(response.get_data(as_text=True), "file")
    assert media_rows() == 0 and files_in(media_dir) == []


def test_a_photo_over_the_limit_is_refused_beside_the_field_with_413(web, app, media_dir, monkeypatch):
    monkeypatch.setitem(app.config, "MEDIA_MAX_BYTES", 20_000)
    photo = encoded(picture((200, 150), noise=True), "PNG")
    response = upload(web, "glute_bridge", photo, name="big.png", content_type="image/png")
    assert response.status_code == 413
    assert "at most 19.5 KB" in field_error(response.get_data(as_text=True), "file")
    # Far beyond the limit the form is not even read; the answer is the same page.
    huge = upload(web, "glute_bridge", b"\xff" * 300_000, name="huge.png", content_type="image/png")
    assert huge.status_code == 413
    assert "at most 19.5 KB" in field_error(huge.get_data(as_text=True), "file")
    assert media_rows() == 0 and files_in(media_dir) == []


@pytest.mark.parametrize("link, words", [
    ("http://www.youtube.com/watch?v=abc", "https://"),
    ("javascript:alert(1)", "https://"),
])
def test_a_video_link_that_is_not_https_is_refused_beside_the_field(web, link, words):
    response = web.post("/library/glute_bridge/media/video", {"video_url": link, "caption": ""})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert words in field_error(page, "video_url")
    assert f'value="{html.escape(link)}"' in page
    assert media_rows() == 0


def test_the_delete_button_removes_the_photo_and_its_file(web, http, media_dir):
    upload(web, "glute_bridge", jpeg_with_gps())
    src = images_in(web.page("/library/glute_bridge"))[0][0]
    item = db.session.scalar(db.select(ExerciseMedia))
    response = web.post(f"/library/glute_bridge/media/{item.id}/delete")
    assert response.status_code == 302
    assert "The photo is deleted." in web.page("/library/glute_bridge")
    assert media_rows() == 0 and files_in(media_dir) == []
    assert http.get(src).status_code == 404


def test_deleting_an_own_exercise_removes_its_photos_files(web, media_dir):
    from tests.integration.web.test_web_library import create_own

    slug = create_own(web)
    upload(web, slug, jpeg_with_gps())
    assert len(files_in(media_dir)) == 1
    assert web.post(f"/library/{slug}/delete").status_code == 302
    assert media_rows() == 0 and files_in(media_dir) == []
