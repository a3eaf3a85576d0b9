"""Real-browser tests: the app served over HTTP by a thread, and headless
Chromium driven by Playwright. Debian's chromium is used as is (no
Playwright browser download); without it these tests skip and say how to
install it."""
from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[3] / "artifacts" / "screenshots"


def chromium_or_skip() -> str:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"browser tests need Chromium at {CHROMIUM}: install it with "
                    "`sudo apt-get install chromium` (or set CHROMIUM_PATH)")
    return CHROMIUM


class LiveServer:
    """The test app on a free loopback port, in a thread of this process."""

    def __init__(self, app):
        from werkzeug.serving import make_server

        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.thread.join(timeout=10)


# Every form control needs a name a screen reader can say.
UNLABELLED = """() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
    .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                  && !el.getAttribute('aria-labelledby'))
    .map(el => el.name || el.id)"""


def page_problems(page) -> list[str]:
    """What keeps a page from working at tablet width or without a mouse."""
    problems = [f"{page.url}: unlabelled {name}" for name in page.evaluate(UNLABELLED)]
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size["width"]
    if width > viewport:
        problems.append(f"{page.url}: {width} px wide at {viewport} px")
    return problems


class Screenshots:
    """Saves a full-page screenshot per step, for people to look at, and
    notes what page_problems finds on each page shot."""

    def __init__(self, page, test_name: str):
        self.page = page
        self.folder = ARTIFACTS / test_name
        self.folder.mkdir(parents=True, exist_ok=True)
        for old in self.folder.glob("*.png"):  # a run's pictures only
            old.unlink()
        self.count = 0
        self.problems: list[str] = []

    def __call__(self, name: str) -> Path:
        self.count += 1
        path = self.folder / f"{self.count:02d}-{name}.png"
        self.problems += page_problems(self.page)
        self.page.screenshot(path=str(path), full_page=True)
        return path
