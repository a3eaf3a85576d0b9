"""A first run in a real browser: the demo practice after `planner demo
seed`, reached from `/`, at desktop and phone widths. Screenshots land in
artifacts/."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from planner.commands import DEMO_EMAIL, DEMO_PASSWORD
from planner.extensions import db
from planner.models import Client


@pytest.mark.parametrize("width", [1280, 390])
def test_the_demo_practice_from_the_front_door(app, browser_page, width):
    cli = app.test_cli_runner()
    assert cli.invoke(args=["trainer", "demo"]).exit_code == 0
    assert cli.invoke(args=["demo", "seed"]).exit_code == 0
    ids = {c.name: c.id for c in db.session.scalars(db.select(Client))}
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})

    page.goto("/")
    expect(page).to_have_url(re.compile(r"/signin$"))
    page.get_by_label("Email").fill(DEMO_EMAIL)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    for name in ("Maya Ortiz", "Tom Becker", "Sam Okafor"):
        expect(page.get_by_role("link", name=name).first).to_be_visible()
    page.screenshots(f"dashboard-{width}")

    page.goto(f"/clients/{ids['Tom Becker']}")
    expect(page.get_by_text(re.compile(r"pain 7/10 on"))).to_be_visible()
    expect(page.get_by_role("heading", name="Proposed program change")).to_be_visible()
    page.screenshots(f"flare-and-proposal-{width}")

    page.goto(f"/clients/{ids['Maya Ortiz']}/report")
    expect(page.get_by_text("Improvement has held for at least 28 days")).to_be_visible()
    page.screenshots(f"lasting-relief-{width}")

    page.goto(f"/clients/{ids['Lena Fischer']}/report")
    expect(page.get_by_role("heading", name="After the program: does relief last?")).to_be_visible()
    page.screenshots(f"follow-ups-{width}")

    assert page.screenshots.problems == [] and page.js_errors == []
