"""The whole loop in a real browser (headless Chromium through Playwright):
sign in, add a client, enter an assessment, generate a program, swap an
exercise, publish, see the reminder after a scheduler tick, reply through
the simulator and see the check-in. Screenshots land in artifacts/."""
from __future__ import annotations

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from planner.extensions import db
from planner.models import Client, Program, ProgramSession
from planner.local_time import local_instant

from tests.integration.browser.support import page_problems
from tests.support.waiting import drain

PASSWORD = "correct horse battery"


@pytest.fixture
def console_mode(app, monkeypatch):
    monkeypatch.setitem(app.config, "SMS_TRANSPORT", "console")


@pytest.fixture
def signed_in(browser_page, clean_db):
    from planner.people.accounts import create_trainer

    create_trainer("ann@clinic.example", "Ann Trainer", PASSWORD)
    db.session.commit()
    page = browser_page
    page.goto("/dashboard")
    expect(page).to_have_url(re.compile(r"/signin\?next="))
    page.screenshots("sign-in")
    page.get_by_label("Email").fill("ann@clinic.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    return page


def test_the_whole_loop_in_a_browser(signed_in, console_mode, worker, broker):
    page = signed_in
    page.screenshots("dashboard-empty")

    # Add a client; a mistake first, to see the form keep what was typed.
    page.get_by_role("link", name="Add a client").first.click()
    page.get_by_label("Name").fill("Grace Hopper")
    page.get_by_label("Mobile phone").fill("12")
    page.get_by_label("Time zone").fill("Europe/London")
    page.get_by_label("Tue").check()
    page.get_by_role("button", name="Add client").click()
    expect(page.get_by_role("alert")).to_contain_text("phone")
    expect(page.get_by_label("Name")).to_have_value("Grace Hopper")
    page.screenshots("client-form-error")
    page.get_by_label("Mobile phone").fill("+44 7911 123456")
    page.get_by_label("The client agreed to receive SMS").check()
    page.get_by_role("button", name="Add client").click()
    expect(page.get_by_role("heading", name="Grace Hopper")).to_be_visible()
    page.screenshots("client-page")
    client = db.session.scalar(db.select(Client).filter_by(name="Grace Hopper"))
    assert client.training_days == ["mon", "tue", "wed", "fri"] and client.phone == "+447911123456"

    enter_assessment(page, client)

    # Generate a program from it.
    page.get_by_role("link", name="Generate a program from the latest assessment").click()
    page.get_by_label("Weeks").fill("4")
    page.get_by_role("button", name="Generate draft").click()
    expect(page.get_by_text("Draft program generated")).to_be_visible()
    page.screenshots("program-draft")

    # Swap an exercise that has alternatives for the first one offered.
    item_id = first_item_with_alternatives(client)
    page.locator(f"#item-{item_id}").get_by_role("link", name="Swap or change dose").click()
    expect(page.get_by_role("heading", name="Swap for another exercise")).to_be_visible()
    page.screenshots("swap")
    swap = page.get_by_role("button", name=re.compile("^Swap to ")).first
    new_name = swap.inner_text().removeprefix("Swap to ")
    swap.click()
    expect(page.get_by_text("Exercise swapped")).to_be_visible()
    expect(page.locator(f"#item-{item_id}")).to_contain_text(new_name)

    # Publish (the page asks first).
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Published.")).to_be_visible()
    page.screenshots("program-published")
    program = db.session.scalar(db.select(Program).filter_by(client_id=client.id, status="active"))
    assert program is not None

    # A scheduler tick at the reminder time of a later session sends the reminder.
    from workers.scheduler import tick

    session = db.session.scalar(db.select(ProgramSession).filter_by(program_id=program.id, week=2)
                                .order_by(ProgramSession.date))
    due = local_instant(session.date, client.reminder_time, ZoneInfo(client.timezone))
    report = tick(due + timedelta(seconds=30))
    assert report.created >= 1
    drain(broker, worker)
    page.goto(f"/clients/{client.id}")
    conversation = page.locator("#conversation")
    # The practice's first text to Grace is its opt-in confirmation; the reminder follows it.
    expect(conversation.locator("li.outbound").first).to_contain_text("Reply YES to confirm")
    expect(conversation.locator("li.outbound").last).to_contain_text("Hi Grace")
    page.screenshots("reminder-in-conversation")

    # Reply through the simulator as the client, and see the check-in.
    page.get_by_role("link", name="SMS simulator").click()
    page.get_by_label("Reply as Grace").fill("2 y")
    page.get_by_role("button", name="Send reply").click()
    expect(page.get_by_text("Sent as Grace Hopper")).to_be_visible()
    page.screenshots("simulator")
    drain(broker, worker)
    page.goto(f"/clients/{client.id}")
    checkins = page.locator("#checkins tbody tr")
    expect(checkins).to_have_count(1)
    expect(checkins.first).to_contain_text("sms")
    expect(checkins.first.locator("td").nth(1)).to_have_text("2")
    page.screenshots("check-in")

    page.get_by_role("link", name="Progress report").click()
    expect(page.get_by_role("heading", name=re.compile("^Relief"))).to_be_visible()
    expect(page.locator("img.chart")).to_have_count(2)
    # Both SVG charts load as images and have a size.
    page.wait_for_function("() => [...document.querySelectorAll('img.chart')].every(i => i.complete && i.naturalWidth > 0)")
    page.screenshots("report")

    page.get_by_role("link", name="Dashboard").click()
    expect(page.locator("tr[data-client]")).to_contain_text("2/10")
    page.screenshots("dashboard")
    page.goto("/library/")
    page.screenshots("library")
    assert page.js_errors == []
    assert page.screenshots.problems == []


def first_item_with_alternatives(client: Client) -> int:
    from planner.programs.edits import alternatives
    from planner.programs.store import load_catalog

    program = db.session.scalar(db.select(Program).filter_by(client_id=client.id, status="draft"))
    catalog = load_catalog(client.trainer_id)
    return next(item.id for session in program.sessions if session.week == 1 for item in session.items
                if alternatives(program, item, catalog))


def enter_assessment(page, client: Client) -> None:
    """The muscle grid, the squat checklist and pain by region, then the findings."""
    page.get_by_role("link", name="New assessment").click()
    page.get_by_label("Gluteus medius, left: grade").select_option("3")
    page.get_by_label("Knees move inward, left").check()
    page.get_by_label("Knees move inward, right").check()
    page.get_by_label("Knee", exact=True).fill("4")
    page.screenshots("assessment-form")
    # From the keyboard: after a full-page screenshot of a page this long,
    # Chromium's first click can land on stale coordinates.
    page.get_by_role("button", name="Save the assessment").press("Enter")
    page.screenshots("assessment-saved")
    findings = page.locator(".findings")
    expect(findings).to_contain_text("Gluteus medius")
    page.screenshots("assessment-findings")
    page.get_by_role("link", name=client.name).first.click()
    expect(page.get_by_role("heading", name=re.compile("^Current findings"))).to_be_visible()


def test_keyboard_only_sign_in_and_navigation(browser_page, clean_db):
    from planner.people.accounts import create_trainer

    create_trainer("ann@clinic.example", "Ann Trainer", PASSWORD)
    db.session.commit()
    page = browser_page
    page.goto("/signin")
    expect(page.get_by_label("Email")).to_be_focused()
    page.keyboard.type("ann@clinic.example")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    page.keyboard.press("Tab")  # the skip link comes first, then the menu
    expect(page.locator(".skip")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Clients")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Clients")).to_be_visible()
    page.goto("/clients/new")
    page.get_by_label("Name").focus()
    page.keyboard.type("Keyboard Client")
    page.keyboard.press("Tab")
    page.keyboard.type("+14155550199")
    page.keyboard.press("Tab")
    page.keyboard.type("America/Chicago")
    page.get_by_role("button", name="Add client").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Keyboard Client")).to_be_visible()
    assert page_problems(page) == []
