"""The client's link on a phone (390 px) and on a desktop (1280 px), in a
real browser: open the program's link, tick an exercise (saved as it
changes), tap "I did my session" and see the confirmation where the
finger was, reload and find the tick; a revoked link's page. Screenshots
land in artifacts/screenshots/."""
from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from planner.extensions import db
from planner.local_time import today_in
from planner.messaging.session_links import program_link_token
from planner.messaging.settings import SmsSettings
from planner.models import ExerciseTick, Program, Trainer

from tests.integration.browser.support import Screenshots
from tests.support.sms import active_client

EVERY_DAY = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def _link(app, program_id: int) -> str:
    program = db.session.get(Program, program_id)
    with app.test_request_context():
        return f"/p/{program_link_token(program.id, program.link_version, SmsSettings.from_config(app.config))}"


@pytest.mark.parametrize("width, height", [(390, 844), (1280, 900)])
def test_the_clients_link_on_a_phone_and_a_desktop(app, chromium, live_server, trainer, width, height):
    db.session.get(Trainer, trainer.id).practice_name = "Northside Knee Clinic"
    db.session.commit()
    start = (today_in("America/New_York") - timedelta(days=3)).isoformat()
    client = active_client(trainer, start, EVERY_DAY, weeks=2)
    link = _link(app, client["program"]["id"])

    context = chromium.new_context(base_url=live_server.url, viewport={"width": width, "height": height})
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    shots = Screenshots(page, f"client-link-{width}")
    try:
        page.goto(link)
        expect(page.get_by_role("heading", name="Today's session")).to_be_visible()
        expect(page.get_by_text("Northside Knee Clinic").first).to_be_visible()
        shots("session")

        first = page.locator("[data-tick]").first
        first.check()
        expect(page.locator(".ticks-status")).to_have_text("Ticks saved.")
        assert db.session.scalar(db.select(db.func.count(ExerciseTick.id)).where(ExerciseTick.done)) == 1

        page.get_by_label("Your usual pain today").fill("3")
        page.get_by_role("button", name="I did my session").click()
        confirmation = page.locator("#confirmation")
        expect(confirmation).to_contain_text("Saved. Thank you!")
        expect(confirmation).to_be_in_viewport()
        expect(confirmation).to_be_focused()
        shots("done")

        page.reload()
        expect(page.locator("[data-tick]").first).to_be_checked()
        expect(page.locator("[data-tick]").nth(1)).not_to_be_checked()
        page.locator("#past").scroll_into_view_if_needed()
        shots("past-days")

        assert trainer.post(f"/api/v1/programs/{client['program']['id']}/link/revoke").status_code == 200
        response = page.goto(link)
        assert response.status == 410
        expect(page.get_by_role("heading", name="This link has been replaced")).to_be_visible()
        expect(page.get_by_text("LINK", exact=True)).to_be_visible()
        shots("revoked")

        page.goto("/p/not-a-link")
        expect(page.get_by_role("heading", name="This link does not work")).to_be_visible()
        shots("bad-link")
        assert errors == []
        assert shots.problems == []
    finally:
        context.close()
