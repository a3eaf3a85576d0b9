"""Templates in a real browser: a program saved as a template, then applied
to a second client whose precautions change it; screenshots of each page at
phone (390 px) and desktop (1280 px) widths land in artifacts/."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from planner.extensions import db
from planner.models import Program

from tests.support.clinical_cases import ANTICOAGULANT_CLIENT, KNEE_VALGUS_CLIENT, all_items, enrol, generate

PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 900}


def both_widths(page, name: str) -> None:
    """A screenshot at each width (the helper also notes unlabelled controls
    and sideways scrolling), back at desktop width after."""
    for label, size in (("390", PHONE), ("1280", DESKTOP)):
        page.set_viewport_size(size)
        page.screenshots(f"{name}-{label}")


def test_save_a_program_as_a_template_and_apply_it_to_a_second_client(browser_page, make_trainer):
    trainer = make_trainer()
    val, _ = enrol(trainer, KNEE_VALGUS_CLIENT)
    program = generate(trainer, val, equipment=["foam_roller", "mini_band"]).get_json()
    walt, _ = enrol(trainer, ANTICOAGULANT_CLIENT)

    page = browser_page
    page.set_viewport_size(DESKTOP)
    page.goto("/signin")
    page.get_by_label("Email").fill("ann@clinic.example")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()

    # Save Val's program as a template, from the program page.
    page.goto(f"/programs/{program['id']}")
    expect(page.get_by_role("heading", name="Reuse this program")).to_be_visible()
    both_widths(page, "program-reuse")
    page.get_by_label("Template name").fill("Knee valgus, weak glute med")
    page.get_by_role("button", name="Save as template").press("Enter")
    expect(page.get_by_role("heading", name="Program templates")).to_be_visible()
    expect(page.get_by_text("Saved as the template “Knee valgus, weak glute med”")).to_be_visible()
    expect(page.get_by_role("heading", name="Knee valgus, weak glute med")).to_be_visible()
    both_widths(page, "templates-list")

    # Apply it to Walt, who takes anticoagulants.
    page.get_by_label("Start a program for").select_option(label="Walt Farren")
    page.get_by_role("button", name="Use this template").press("Enter")
    expect(page.get_by_role("heading", name="Or start from a template")).to_be_visible()
    expect(page.get_by_label("Template", exact=True)).to_have_value(re.compile(r"^\d+$"))
    both_widths(page, "new-program-from-template")
    page.get_by_role("button", name="Start from template").press("Enter")
    expect(page.get_by_text(re.compile("^Draft for Walt Farren made from the template"))).to_be_visible()
    expect(page.get_by_text(re.compile("takes anticoagulants")).first).to_be_visible()
    both_widths(page, "adapted-program")

    adapted = db.session.scalar(db.select(Program).filter_by(client_id=walt["id"]))
    assert adapted is not None and adapted.status == "draft"
    walts = trainer.get(f"/api/v1/programs/{adapted.id}").get_json()
    pressing = {e["slug"] for e in trainer.get("/api/v1/exercises").get_json() if "anticoagulants" in e["precautions"]}
    assert pressing & {i["exercise"] for i in all_items(program)}
    assert not pressing & {i["exercise"] for i in all_items(walts)}
    assert page.screenshots.problems == []
    assert page.js_errors == []
