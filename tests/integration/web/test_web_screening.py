"""Screening in the trainer's web app: red-flag questions on the assessment
form, the referral and the clearance on the assessment's page, the program
form refusing until cleared, and precautions on the client form."""
from __future__ import annotations

import re

from planner.extensions import db
from planner.models import Assessment, Clearance, Client, Program
from planner.local_time import today_in

from tests.integration.web.test_web_assessments import Controls, a_week_ago, make_client, ZONE


def test_the_assessment_form_asks_every_red_flag_with_a_label(web):
    client_id = make_client(web.id)
    html = web.page(f"/clients/{client_id}/assessments/new")
    controls = Controls(html)
    assert controls.unlabelled() == []
    flags = re.findall(r'<input id="f-red-flag-([a-z_]+)" name="red-flag-\1" type="checkbox"', html)
    assert {"history_of_cancer", "saddle_numbness", "bladder_or_bowel_changes"} <= set(flags)
    assert "Do you have numbness or pins and needles around the back passage or genitals?" in html
    assert "Finucane et al., JOSPT 2020" in html


def red_flagged(web) -> tuple[int, str]:
    client_id = make_client(web.id)
    response = web.post(f"/clients/{client_id}/assessments/new", {
        "performed_on": a_week_ago(), "red-flag-constant_night_pain": "yes", "pain-low_back": "6",
        "squat-low_back_arches": "yes"})
    assert response.status_code == 302, response.get_data(as_text=True)
    return client_id, response.headers["Location"]


def test_a_red_flag_means_refer_then_a_clearance_lets_the_program_through(web):
    client_id, page_url = red_flagged(web)
    assessment = db.session.scalar(db.select(Assessment).filter_by(client_id=client_id))
    assert assessment.red_flags == ["constant_night_pain"]
    page = web.page(page_url)
    assert 'data-red-flag="constant_night_pain"' in page and "Refer Ada to a doctor before exercise" in page
    assert "Generate a program from this assessment" not in page

    form = web.page(f"/clients/{client_id}/programs/new?assessment_id={assessment.id}")
    assert "refer before exercise" in form
    refused = web.post(f"/clients/{client_id}/programs/new", {"assessment_id": str(assessment.id), "weeks": "4",
                                                              "minutes_per_session": "20", "start_date": "2026-12-07"})
    assert refused.status_code == 409
    text = refused.get_data(as_text=True)
    assert "refer before exercise" in text and 'value="4"' in text
    assert db.session.scalar(db.select(db.func.count(Program.id))) == 0

    # Every problem at once, beside its field, with what was typed kept.
    bad = web.post(f"{page_url}/clearance", {"cleared_by": "", "cleared_on": "2999-01-01", "note": "typed note"})
    assert bad.status_code == 422
    html = bad.get_data(as_text=True)
    assert re.search(r'<span class="field-error" id="cleared_by-error">must not be empty</span>', html)
    assert re.search(r'<span class="field-error" id="cleared_on-error">[^<]*in the future', html)
    assert 'value="2999-01-01"' in html and ">typed note</textarea>" in html
    assert db.session.scalar(db.select(db.func.count(Clearance.id))) == 0

    today = today_in(ZONE).isoformat()
    cleared = web.post(f"{page_url}/clearance", {"cleared_by": "Dr Amara Rao, GP", "cleared_on": today,
                                                 "note": "Imaging normal."})
    assert cleared.status_code == 302
    page = web.page(page_url)
    assert "data-clearance" in page and "Dr Amara Rao, GP" in page and "Imaging normal." in page
    assert "Generate a program from this assessment" in page
    generated = web.post(f"/clients/{client_id}/programs/new", {
        "assessment_id": str(assessment.id), "weeks": "4", "minutes_per_session": "20", "start_date": "2026-12-07"})
    assert generated.status_code == 302


def test_another_trainer_cannot_clear_an_assessment(make_web_trainer):
    ann = make_web_trainer("ann@clinic.example")
    _, page_url = red_flagged(ann)
    bob = make_web_trainer("bob@clinic.example", name="Bob")
    response = bob.post(f"{page_url}/clearance", {"cleared_by": "Dr B", "cleared_on": a_week_ago()})
    assert response.status_code == 404
    assert db.session.scalar(db.select(db.func.count(Clearance.id))) == 0


def test_the_client_form_records_precautions(web):
    form = web.page("/clients/new")
    boxes = re.findall(r'<label class="check"><input type="checkbox" name="precautions" value="([a-z_]+)"', form)
    assert {"anticoagulants", "recent_dvt", "osteoporosis", "pregnancy"} <= set(boxes)
    assert "blood-thinning medicine" in form
    pairs = [("name", "Walt"), ("phone", "+14155552671"), ("timezone", "UTC"), ("reminder_time", "08:00"),
             ("checkin_time", "19:00"), ("training_days", "mon"), ("precautions", "anticoagulants"),
             ("precautions", "pregnancy")]
    assert web.post("/clients/new", pairs).status_code == 302
    client = db.session.scalar(db.select(Client).filter_by(trainer_id=web.id))
    assert client.precautions == ["anticoagulants", "pregnancy"]
    edit = web.page(f"/clients/{client.id}/edit")
    assert 'value="anticoagulants" checked' in edit and 'value="osteoporosis" checked' not in edit
    assert web.post(f"/clients/{client.id}/edit", pairs[:-2]).status_code == 302
    db.session.expire_all()
    assert client.precautions == []
