"""Every page, checked by a tool no one here wrote: axe-core (Deque's
engine, the axe.min.js that the axe-playwright-python package ships) runs
in headless Chromium on each page at a phone's width (390 px) and a
desktop's (1280 px). A serious or critical violation fails the test with
its rule, the elements and axe's help text; every page is screenshotted
under artifacts/screenshots/ for people to look at.

To check a new page, add a line to PAGES."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from importlib.resources import files
from typing import Callable

import pytest
from playwright.sync_api import expect

from planner.extensions import db
from planner.models import ProgramSession

from tests.integration.browser.support import Screenshots
from tests.support.sms import ASSESSMENT

pytest.importorskip("axe_playwright_python", reason="axe-core comes with the test extras: run `make install` "
                    "(or pip install -e '.[test]')")
AXE_JS = files("axe_playwright_python").joinpath("axe.min.js")
WIDTHS = (390, 1280)
PASSWORD = "correct horse battery"
# WCAG 2.0-2.2 A and AA, and Deque's best practices (landmarks, headings...).
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa",
                                                      "best-practice"]},
               "resultTypes": ["violations"]}
FAILING_IMPACTS = ("serious", "critical")


@dataclass(frozen=True)
class Page:
    name: str
    path: Callable[[dict], str]  # from the seeded ids
    signed_in: bool = True
    then: Callable | None = None  # something to do on the page first (submit a bad form...)
    status: int = 200  # a friendly error page answers with its error status


def _bad_client_form(page) -> None:
    page.get_by_label("Name").fill("")
    page.get_by_label("Mobile phone").fill("12")
    page.get_by_label("Time zone").fill("Atlantis")
    page.locator("form[data-guard]").evaluate("form => form.noValidate = true")
    page.get_by_role("button", name="Add client").click()
    expect(page.get_by_role("alert")).to_contain_text("phone")


PAGES = [
    Page("landing", lambda ids: "/", signed_in=False),
    Page("sign-in", lambda ids: "/signin", signed_in=False),
    Page("session-page", lambda ids: ids["session_page"], signed_in=False),
    Page("session-page-past-day", lambda ids: ids["session_page"] + "?day=" + ids["yesterday"], signed_in=False),
    Page("session-page-bad-link", lambda ids: "/p/not-a-link", signed_in=False, status=404),
    Page("dashboard", lambda ids: "/dashboard"),
    Page("clients", lambda ids: "/clients"),
    Page("client-new", lambda ids: "/clients/new"),
    Page("client-new-with-errors", lambda ids: "/clients/new", then=_bad_client_form),
    Page("client", lambda ids: f"/clients/{ids['client']}"),
    Page("client-edit", lambda ids: f"/clients/{ids['client']}/edit"),
    Page("assessment-new", lambda ids: f"/clients/{ids['client']}/assessments/new"),
    Page("assessment", lambda ids: f"/clients/{ids['client']}/assessments/{ids['assessment']}"),
    Page("program-new", lambda ids: f"/clients/{ids['client']}/programs/new"),
    Page("program", lambda ids: f"/programs/{ids['program']}"),
    Page("program-item", lambda ids: f"/programs/{ids['program']}/items/{ids['item']}"),
    Page("handout", lambda ids: f"/programs/{ids['program']}/handout"),
    Page("report", lambda ids: f"/clients/{ids['client']}/report"),
    Page("library", lambda ids: "/library/"),
    Page("library-exercise", lambda ids: f"/library/{ids['exercise']}"),
    Page("library-new", lambda ids: "/library/new"),
    Page("account", lambda ids: "/account"),
    Page("simulator", lambda ids: "/simulator/"),
    Page("templates", lambda ids: "/templates"),
]


def seed(app) -> dict:
    """A trainer with a client who has an assessment, an active program,
    a week of check-ins and a conversation: every page has something to show."""
    from planner.messaging.session_links import program_link_token
    from planner.models import Program
    from planner.messaging.settings import SmsSettings
    from planner.people.accounts import create_trainer

    from tests.support.api import ApiTrainer

    trainer, token = create_trainer("ann@clinic.example", "Ann Trainer", PASSWORD)
    db.session.commit()
    api = ApiTrainer(app.test_client(), trainer.id, token)
    client = api.create_client(name="Grace Hopper", timezone="Europe/London")
    assessment = api.post(f"/api/v1/clients/{client['id']}/assessments", json=ASSESSMENT).get_json()
    created = api.post(f"/api/v1/clients/{client['id']}/programs", json={"assessment_id": assessment["id"]})
    assert created.status_code == 201, created.get_json()
    program = created.get_json()
    assert api.post(f"/api/v1/programs/{program['id']}/publish").status_code == 200
    session = db.session.scalar(db.select(ProgramSession).filter_by(program_id=program["id"])
                                .order_by(ProgramSession.date))
    today = session.date
    for days_ago, pain in enumerate((3, 4, 2, 5, 3)):
        day = today - timedelta(days=days_ago + 1)
        if day.isoformat() >= ASSESSMENT["performed_on"]:
            api.post(f"/api/v1/clients/{client['id']}/checkins",
                     json={"date": day.isoformat(), "pain": pain, "done": days_ago % 2 == 0})
    api.post(f"/api/v1/clients/{client['id']}/messages", json={"body": "How did the bridges feel today?"})
    item = session.items[0]
    api.post(f"/api/v1/programs/{program['id']}/template", json={"name": "Knees in"})
    link_version = db.session.get(Program, program["id"]).link_version
    return {"client": client["id"], "assessment": assessment["id"], "program": program["id"], "item": item.id,
            "exercise": item.exercise.slug,
            "yesterday": (today - timedelta(days=1)).isoformat(),
            "session_page": "/p/" + program_link_token(program["id"], link_version, SmsSettings.from_config(app.config))}


def axe_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page, as lines a person can act on."""
    page.add_script_tag(path=str(AXE_JS))
    results = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    lines = []
    for violation in results["violations"]:
        if violation["impact"] in FAILING_IMPACTS:
            targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
            more = f" (+{len(violation['nodes']) - 5} more)" if len(violation["nodes"]) > 5 else ""
            lines.append(f"{violation['id']} [{violation['impact']}] {violation['help']}: {targets}{more}")
    return lines


def axe_version(page) -> str:
    page.add_script_tag(path=str(AXE_JS))
    return page.evaluate("axe.version")


@pytest.fixture
def console_mode(app, monkeypatch):
    monkeypatch.setitem(app.config, "SMS_TRANSPORT", "console")


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_passes_axe_at_phone_and_desktop_width(chromium, live_server, app, console_mode, broker,
                                                          width):
    ids = seed(app)
    # axe is injected as an inline script, which the pages' own CSP forbids.
    context = chromium.new_context(base_url=live_server.url, viewport={"width": width, "height": 900},
                                   bypass_csp=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    shots = Screenshots(page, f"every-page-{width}px")
    found: list[str] = []
    try:
        for signed_in in (False, True):
            if signed_in:
                sign_in(page)
            for entry in (p for p in PAGES if p.signed_in == signed_in):
                response = page.goto(entry.path(ids))
                assert response.status == entry.status, (entry.name, response.status)
                if entry.then:
                    entry.then(page)
                shots(entry.name)
                found += [f"{entry.name} at {width} px: {line}" for line in axe_violations(page)]
        version = axe_version(page)
    finally:
        context.close()
    assert found == [], f"axe-core {version}:\n" + "\n".join(found)
    assert shots.problems == []


def sign_in(page) -> None:
    page.goto("/signin")
    page.get_by_label("Email").fill("ann@clinic.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
