"""Browser fixtures: the test app served over real HTTP by a thread
(`live_server`), headless Chromium driven by Playwright (`chromium`, which
skips the test when Chromium is missing), and a fresh tablet-width tab on
the live server that screenshots each step and collects script errors
(`browser_page`)."""
from __future__ import annotations

import pytest


@pytest.fixture
def live_server(app, clean_db, monkeypatch):
    """The app over real HTTP for a real browser. Plain http on loopback, so
    the session cookie must not insist on HTTPS here."""
    from tests.integration.browser.support import LiveServer

    monkeypatch.setitem(app.config, "SESSION_COOKIE_SECURE", False)
    with LiveServer(app) as server:
        yield server


@pytest.fixture(scope="session")
def chromium():
    from tests.integration.browser.support import chromium_or_skip

    executable = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium, live_server, request):
    """A fresh browser tab (its own cookies) on the live server, at tablet width."""
    from tests.integration.browser.support import Screenshots

    context = chromium.new_context(base_url=live_server.url, viewport={"width": 768, "height": 1024})
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # Script errors only: a 422 answer to a bad form is logged by Chromium too.
    page.on("console", lambda msg: errors.append(msg.text)
            if msg.type == "error" and not msg.text.startswith("Failed to load resource") else None)
    page.screenshots = Screenshots(page, request.node.name)
    page.js_errors = errors
    yield page
    context.close()
