"""A trainer adds a photo and a video link to an exercise through the
library page's forms in a real browser, sees a refused file named beside
the field, and the client sees the photo on their phone-sized session
page. Screenshots at 1280 and 390 px land in artifacts/."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from planner.extensions import db
from planner.messaging.session_links import session_link_token
from planner.messaging.settings import SmsSettings
from planner.models import Program

from tests.support.api import ApiTrainer
from tests.support.images import encoded, jpeg_with_gps, picture
from tests.support.sms import active_client

PASSWORD = "correct horse battery"
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}


@pytest.fixture
def trainer_with_client(app, browser_page, tmp_path, monkeypatch):
    """A signed-in trainer at 1280 px whose client has a published program."""
    from planner.people.accounts import create_trainer

    monkeypatch.setitem(app.config, "MEDIA_DIR", str(tmp_path / "media"))
    trainer, token = create_trainer("ann@clinic.example", "Ann Trainer", PASSWORD)
    db.session.commit()
    client = active_client(ApiTrainer(app.test_client(), trainer.id, token), "2026-11-30", ["mon", "thu"])
    page = browser_page
    page.set_viewport_size(DESKTOP)
    page.goto("/signin")
    page.get_by_label("Email").fill("ann@clinic.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    yield page, client
    db.session.rollback()
    db.session.execute(db.delete(Program))
    db.session.commit()


def loaded(image) -> bool:
    """The picture itself arrived and decoded, not just its box."""
    image.scroll_into_view_if_needed()
    expect(image).to_be_visible()
    return image.evaluate("img => img.decode().then(() => img.naturalWidth > 0)")


def both_widths(page, name: str) -> None:
    page.set_viewport_size(DESKTOP)
    page.screenshots(f"{name}-1280")
    page.set_viewport_size(PHONE)
    page.screenshots(f"{name}-390")
    page.set_viewport_size(DESKTOP)


def test_a_photo_uploaded_through_the_form_is_shown_on_the_exercise_and_session_pages(app, trainer_with_client):
    page, client = trainer_with_client
    slug = client["program"]["weeks"][0]["sessions"][0]["items"][0]["exercise"]
    page.goto(f"/library/{slug}")
    photo_field = page.get_by_label(re.compile(r"^Photo: PNG, JPEG or WebP"))

    # A GIF named like a photo: refused, and said so beside the field.
    photo_field.set_input_files({"name": "start.jpg", "mimeType": "image/jpeg",
                                 "buffer": encoded(picture((60, 40)), "GIF")})
    page.get_by_role("button", name="Upload photo").click()
    expect(page.locator("#file-error")).to_contain_text("not a PNG, JPEG or WebP image")
    both_widths(page, "photo-refused")

    page.get_by_label(re.compile(r"^Photo: PNG, JPEG or WebP")).set_input_files(
        {"name": "IMG_2041.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_gps(size=(800, 600))})
    page.locator("#f-media-caption").fill("Start position: feet hip-width apart")
    page.get_by_role("button", name="Upload photo").click()
    expect(page.get_by_text("The photo is added.")).to_be_visible()
    photo = page.get_by_role("img", name="Start position: feet hip-width apart")
    assert loaded(photo)

    page.get_by_label(re.compile(r"^Video link")).fill("https://vimeo.com/76979871")
    page.get_by_role("button", name="Add video link").click()
    expect(page.get_by_role("link", name="Watch the video")).to_have_attribute("href", "https://vimeo.com/76979871")
    both_widths(page, "exercise-with-media")
    page.goto(f"/programs/{client['program']['id']}")
    assert loaded(page.get_by_role("img", name="Start position: feet hip-width apart").first)
    both_widths(page, "builder-with-media")

    # The client's session page on a phone: the same photo, no sign-in.
    session_id = client["program"]["weeks"][0]["sessions"][0]["id"]
    with app.test_request_context():
        token = session_link_token(client["id"], session_id, SmsSettings.from_config(app.config))
    phone = page.context.browser.new_context(base_url=page.url.split("/library")[0], viewport=PHONE)
    try:
        client_page = phone.new_page()
        client_page.goto(f"/s/{token}")
        client_photo = client_page.get_by_role("img", name="Start position: feet hip-width apart")
        assert loaded(client_photo)
        width = client_photo.evaluate("img => img.getBoundingClientRect().width")
        assert 0 < width <= PHONE["width"]
        assert client_page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        client_page.screenshot(path=str(page.screenshots.folder / "session-page-390.png"), full_page=True)
    finally:
        phone.close()

    assert page.screenshots.problems == []
    assert page.js_errors == []
