"""Entering an assessment in the trainer's web app, and reading it back."""
from __future__ import annotations

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest

from planner.extensions import db
from planner.models import Assessment, Muscle, MuscleFinding, MuscleTest, PainScore, ScreenFinding, Trainer
from planner.local_time import today_in

ZONE = "Pacific/Auckland"  # far from the server's clock, so "today" is the client's


def make_client(trainer_id: int, name: str = "Ada Lovelace", phone: str = "+14155552671") -> int:
    from planner.inputs import ClientCreate
    from planner.people.clients import create_client

    body = ClientCreate(name=name, phone=phone, timezone=ZONE)
    client_id = create_client(db.session.get(Trainer, trainer_id), body, None).id
    db.session.commit()
    return client_id


def rows_written() -> int:
    return sum(db.session.scalar(db.select(db.func.count()).select_from(model))
               for model in (Assessment, MuscleTest, ScreenFinding, PainScore, MuscleFinding))


def weak_testable() -> list[Muscle]:
    return list(db.session.scalars(db.select(Muscle).where(Muscle.can_test_weak).order_by(Muscle.position)))


class Controls(HTMLParser):
    """Form controls, the labels that name them, and which are selected."""

    def __init__(self, html: str):
        super().__init__()
        self.controls: dict[str, dict] = {}  # id -> attributes
        self.label_for: set[str] = set()
        self.wrapped: set[str] = set()  # ids of controls inside a <label>
        self.selected: dict[str, str] = {}  # select name -> selected option value
        self._open_labels = 0
        self._select: str | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "label":
            self._open_labels += 1
            if attrs.get("for"):
                self.label_for.add(attrs["for"])
        elif tag in ("input", "select", "textarea") and attrs.get("type") != "hidden":
            self.controls[attrs.get("id") or f"(no id) {attrs.get('name')}"] = attrs
            if self._open_labels:
                self.wrapped.add(attrs.get("id"))
            if tag == "select":
                self._select = attrs["name"]
        elif tag == "option" and self._select and "selected" in attrs:
            self.selected[self._select] = attrs["value"]

    def handle_endtag(self, tag):
        if tag == "label":
            self._open_labels -= 1
        elif tag == "select":
            self._select = None

    def by_name(self, name: str) -> dict:
        return next(a for a in self.controls.values() if a.get("name") == name)

    def unlabelled(self) -> list[str]:
        return [i for i in self.controls if i not in self.label_for and i not in self.wrapped]


@pytest.fixture
def client_id(web) -> int:
    return make_client(web.id)


def form_url(client_id: int) -> str:
    return f"/clients/{client_id}/assessments/new"


def a_week_ago() -> str:
    return (today_in(ZONE) - timedelta(days=7)).isoformat()


def test_the_form_lists_every_testable_muscle_by_region_with_a_label_on_every_input(web, client_id):
    html = web.page(form_url(client_id))
    controls = Controls(html)
    assert controls.unlabelled() == []
    muscles = weak_testable()
    assert len(muscles) > 40
    for muscle in muscles:
        for side in ("left", "right"):
            assert f'<label class="visually-hidden" for="f-grade-{muscle.slug}-{side}">{muscle.name}, {side}: grade</label>' \
                in html
            assert f"f-inhibited-{muscle.slug}-{side}" in controls.label_for
            grade = controls.by_name(f"grade-{muscle.slug}-{side}")
            assert grade["id"] == f"f-grade-{muscle.slug}-{side}"
    never_weak = db.session.scalars(db.select(Muscle.slug).where(~Muscle.can_test_weak)).all()
    assert never_weak and not any(f"grade-{slug}-left" in html for slug in never_weak)

    # Regions in catalog order, each muscle inside its own region's table.
    regions = list(dict.fromkeys(m.region for m in muscles))
    tables = re.findall(r'<table class="muscle-grid" id="region-([a-z_]+)">(.*?)</table>', html, re.S)
    assert [region for region, _ in tables] == regions
    for region, table in tables:
        assert re.findall(r'name="grade-([a-z_]+)-left"', table) == [m.slug for m in muscles if m.region == region]

    # Per side where the front view tells sides apart; one box otherwise.
    assert {"squat-knees_move_inward-left", "squat-knees_move_inward-right", "squat-low_back_arches",
            "squat-head_juts_forward"} <= {a["name"] for a in controls.controls.values()}
    assert controls.by_name("pain-low_back")["max"] == "10"
    assert controls.by_name("performed_on")["value"] == today_in(ZONE).isoformat()
    assert 'name="csrf_token"' in html


def full_form(**changes) -> dict:
    form = {"performed_on": a_week_ago(), "notes": "Left knee drifts in on the step-down.",
            "grade-gluteus_medius-left": "3", "grade-gluteus_maximus-right": "4",
            "inhibited-gluteus_maximus-right": "yes",
            "squat-knees_move_inward-left": "yes", "squat-knees_move_inward-right": "yes",
            "squat-low_back_arches": "yes", "pain-low_back": "6", "pain-knee": "2"}
    return {k: v for k, v in (form | changes).items() if v is not None}


def api_view(app, web, client_id: int, assessment_id: int) -> dict:
    from planner.people.accounts import rotate_token

    token = rotate_token(web.email)
    db.session.commit()
    response = app.test_client().get(f"/api/v1/clients/{client_id}/assessments/{assessment_id}",
                                     headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    return response.get_json()


def test_saving_shows_the_findings_with_their_sources_as_the_api_has_them(app, web, client_id):
    response = web.post(form_url(client_id), full_form())
    assert response.status_code == 302, response.get_data(as_text=True)
    match = re.fullmatch(rf"/clients/{client_id}/assessments/(\d+)", response.headers["Location"])
    assert match
    assessment_id = int(match.group(1))
    html = web.page(response.headers["Location"])
    stored = api_view(app, web, client_id, assessment_id)

    assert stored["performed_on"] == a_week_ago()
    assert stored["notes"] == "Left knee drifts in on the step-down."
    assert stored["muscle_tests"] == [
        {"muscle": "gluteus_maximus", "side": "right", "grade": 4, "inhibited": True},
        {"muscle": "gluteus_medius", "side": "left", "grade": 3, "inhibited": False}]
    assert stored["overhead_squat"] == [{"compensation": "knees_move_inward", "side": "bilateral"},
                                        {"compensation": "low_back_arches", "side": "bilateral"}]
    assert stored["pain"] == [{"region": "low_back", "score": 6}, {"region": "knee", "score": 2}]

    # The page lists the same findings, in the same order, each with its sources.
    rows = re.findall(r'<tr data-finding="([a-z_]+)/([a-z]+)/([a-z]+)">(.*?)</tr>', html, re.S)
    assert [(m, s, k) for m, s, k, _ in rows] == [(f["muscle"], f["side"], f["status"]) for f in stored["findings"]]
    for (_, _, _, row), finding in zip(rows, stored["findings"]):
        assert re.findall(r"<li>(.*?)</li>", row) == [s["summary"] for s in finding["sources"]]
    glute_med_left = next(row for m, s, _, row in rows if (m, s) == ("gluteus_medius", "left"))
    assert "Gluteus medius" in glute_med_left and ">weak<" in glute_med_left
    assert "<li>graded 3/5</li>" in glute_med_left
    assert "<li>knees move inward in the overhead squat</li>" in glute_med_left

    assert re.findall(r'data-test="([a-z_]+)/([a-z]+)"', html) == [
        (t["muscle"], t["side"]) for t in stored["muscle_tests"]]
    assert re.findall(r'data-compensation="([a-z_]+)/([a-z]+)"', html) == [
        (c["compensation"], c["side"]) for c in stored["overhead_squat"]]
    assert re.findall(r'<tr data-pain="([a-z_]+)"><td>[^<]+</td><td class="num">(\d+)</td>', html) == [
        (p["region"], str(p["score"])) for p in stored["pain"]]
    assert "Low back" in html and "Knees move inward" in html
    assert f"/clients/{client_id}/programs/new?assessment_id={assessment_id}" in html


def test_the_same_result_on_both_sides_is_one_bilateral_entry(app, web, client_id):
    response = web.post(form_url(client_id), {
        "performed_on": a_week_ago(),
        "grade-psoas_major-left": "2", "grade-psoas_major-right": "2",
        "grade-piriformis-left": "4", "grade-piriformis-right": "4", "inhibited-piriformis-right": "yes",
        "squat-feet_turn_out-right": "yes"})
    assert response.status_code == 302
    stored = api_view(app, web, client_id, int(response.headers["Location"].rsplit("/", 1)[1]))
    assert stored["muscle_tests"] == [
        {"muscle": "piriformis", "side": "left", "grade": 4, "inhibited": False},
        {"muscle": "piriformis", "side": "right", "grade": 4, "inhibited": True},
        {"muscle": "psoas_major", "side": "bilateral", "grade": 2, "inhibited": False}]
    assert stored["overhead_squat"] == [{"compensation": "feet_turn_out", "side": "right"}]
    assert {"muscle": "psoas_major", "side": "bilateral", "status": "weak"} in [
        {k: f[k] for k in ("muscle", "side", "status")} for f in stored["findings"]]


def error_beside(html: str, name: str) -> str:
    """The message shown next to the input `name`, which points at it."""
    match = re.search(rf'<span class="field-error" id="{name}-error">([^<]*)</span>', html)
    assert match, f"no error beside {name}"
    assert f'aria-describedby="{name}-error"' in html
    return match.group(1)


def assert_everything_typed_is_kept(html: str, form: dict) -> None:
    controls = Controls(html)
    for name, value in form.items():
        attrs = controls.by_name(name)
        if name.startswith("grade-"):
            assert controls.selected.get(name) == value, name
        elif attrs.get("type") == "checkbox":
            assert "checked" in attrs, name
        elif name == "notes":
            assert f">{value}</textarea>" in html
        else:
            assert attrs["value"] == value, name
    untouched = [a for a in controls.controls.values()
                 if a.get("type") == "checkbox" and a["name"] not in form and "checked" in a]
    assert untouched == []


@pytest.mark.parametrize("change, field, message", [
    ({"performed_on": "FUTURE"}, "performed_on", "is in the future"),
    ({"performed_on": "24/11/2026"}, "performed_on", "must be a date as YYYY-MM-DD"),
    ({"grade-gluteus_medius-left": "7"}, "grade-gluteus_medius-left", "must be at most 5 (got 7)"),
    ({"grade-gluteus_medius-left": "three"}, "grade-gluteus_medius-left", "must be a whole number from 0 to 5"),
    ({"grade-gluteus_maximus-right": ""}, "grade-gluteus_maximus-right", "choose the grade"),
    ({"pain-low_back": "11"}, "pain-low_back", "must be at most 10 (got 11)"),
    ({"pain-knee": "a lot"}, "pain-knee", "must be a whole number from 0 to 10"),
])
def test_a_refused_form_comes_back_with_the_message_beside_the_field_and_everything_kept(
        web, client_id, change, field, message):
    if change.get("performed_on") == "FUTURE":
        change = {"performed_on": (today_in(ZONE) + timedelta(days=1)).isoformat()}
    form = full_form(**change)
    response = web.post(form_url(client_id), form)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert message in error_beside(html, field)
    assert "Nothing was saved" in html and f'href="#f-{field}"' in html
    assert_everything_typed_is_kept(html, {k: v for k, v in form.items() if v != ""})
    assert rows_written() == 0


def test_every_problem_of_the_form_is_reported_at_once(web, client_id):
    form = full_form(**{"grade-gluteus_medius-left": "9", "grade-gluteus_medius-right": "9",
                        "grade-psoas_major-left": "x", "pain-low_back": "11"})
    response = web.post(form_url(client_id), form)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    # Both sides of the one bilateral test carry its error.
    assert "must be at most 5" in error_beside(html, "grade-gluteus_medius-left")
    assert "must be at most 5" in error_beside(html, "grade-gluteus_medius-right")
    assert "whole number" in error_beside(html, "grade-psoas_major-left")
    assert "must be at most 10" in error_beside(html, "pain-low_back")
    assert "Please fix 4 problems" in html
    assert_everything_typed_is_kept(html, form)
    assert rows_written() == 0


def test_another_trainers_client_and_assessment_are_not_found(make_web_trainer):
    ann = make_web_trainer("ann@clinic.example")
    anns_client = make_client(ann.id)
    saved = ann.post(form_url(anns_client), full_form())
    assert saved.status_code == 302
    anns_assessment = saved.headers["Location"]
    bob = make_web_trainer("bob@clinic.example", name="Bob Trainer")
    bobs_client = make_client(bob.id, name="Bea", phone="+14155552672")

    assert bob.get(form_url(anns_client)).status_code == 404
    assert bob.post(form_url(anns_client), full_form()).status_code == 404
    assert bob.get(anns_assessment).status_code == 404
    # Ann's assessment reached through Bob's own client is not found either.
    assessment_id = anns_assessment.rsplit("/", 1)[1]
    assert bob.get(f"/clients/{bobs_client}/assessments/{assessment_id}").status_code == 404
    assert db.session.scalar(db.select(db.func.count(Assessment.id))) == 1
    assert ann.get(anns_assessment).status_code == 200


def test_the_form_is_refused_without_its_csrf_token(web, client_id):
    response = web.post(form_url(client_id), full_form(), csrf=False)
    assert response.status_code == 400
    assert "CSRF" in response.get_data(as_text=True)
    response = web.post(form_url(client_id), full_form() | {"csrf_token": "forged"}, csrf=False)
    assert response.status_code == 400
    assert rows_written() == 0


def test_assessment_pages_need_a_signed_in_trainer(http, make_trainer):
    trainer = make_trainer()
    client = make_client(trainer.id)
    for path in (form_url(client), f"/clients/{client}/assessments/1"):
        response = http.get(path)
        assert response.status_code == 302 and response.headers["Location"].startswith("/signin?next=")
