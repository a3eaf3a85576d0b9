"""The exercise figure in a real browser: the library's thumbnails load, and
the exercise page draws the body map with its muscles highlighted, at a
phone's width and a desktop's. Screenshots land in artifacts/."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from planner.extensions import db

PASSWORD = "correct horse battery"
WIDTHS = (390, 1280)


@pytest.fixture
def signed_in(browser_page, clean_db):
    from planner.people.accounts import create_trainer

    create_trainer("ann@clinic.example", "Ann Trainer", PASSWORD)
    db.session.commit()
    page = browser_page
    page.goto("/signin")
    page.get_by_label("Email").fill("ann@clinic.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    return page


def test_the_library_and_an_exercise_page_show_the_figure(signed_in):
    page = signed_in
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto("/library/?q=glute+bridge")
        thumbnail = page.locator('img.figure-thumb[src^="/library/glute_bridge/figure.svg"]')
        expect(thumbnail).to_be_visible()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=thumbnail.element_handle())
        page.screenshots(f"library-{width}")

        page.goto("/library/glute_bridge")
        figure = page.get_by_role("img", name=re.compile("^Muscles worked by Glute bridge"))
        expect(figure).to_be_visible()
        primary = figure.locator('[data-role="primary"][data-muscle="gluteus_maximus"]')
        expect(primary).to_have_count(2)  # left and right
        expect(primary.first).to_be_visible()
        box = figure.bounding_box()
        assert box["width"] <= width and box["height"] > 100
        # Highlighted regions are painted differently from the rest.
        fills = page.evaluate("""() => [...document.querySelectorAll('.exercise-figure polygon[data-muscle]')]
            .map(p => (p.getAttribute('data-role') || 'plain') + ':' + getComputedStyle(p).fill)""")
        plain = {f.split(":", 1)[1] for f in fills if f.startswith("plain:")}
        highlighted = {f.split(":", 1)[1] for f in fills if not f.startswith("plain:")}
        assert highlighted and not plain & highlighted
        figure.scroll_into_view_if_needed()
        page.screenshots(f"exercise-{width}")
    assert page.js_errors == []
