"""Length tests on the web assessment form: a short/normal choice per side,
labelled, kept when the form is refused, and shown on the assessment."""
from __future__ import annotations

import re

from planner.extensions import db
from planner.models import Assessment

from tests.integration.web.test_web_assessments import Controls, a_week_ago, make_client


def test_length_tests_are_chosen_per_side_and_become_findings(web):
    client_id = make_client(web.id)
    html = web.page(f"/clients/{client_id}/assessments/new")
    controls = Controls(html)
    assert controls.unlabelled() == []
    assert '<label class="visually-hidden" for="f-length-thomas_test-left">Thomas test, left</label>' in html
    assert "psoas major, iliacus, rectus femoris, tensor fasciae latae" in html
    response = web.post(f"/clients/{client_id}/assessments/new", {
        "performed_on": a_week_ago(), "length-thomas_test-left": "short", "length-knee_to_wall-left": "normal",
        "length-knee_to_wall-right": "normal"})
    assert response.status_code == 302, response.get_data(as_text=True)
    assessment = db.session.scalar(db.select(Assessment).filter_by(client_id=client_id))
    assert [(t.test_slug, t.side, t.result) for t in assessment.length_tests] == [
        ("thomas_test", "left", "short"), ("knee_to_wall", "bilateral", "normal")]
    page = web.page(response.headers["Location"])
    assert 'data-length-test="thomas_test/left"' in page
    assert re.search(r'<tr data-finding="psoas_major/left/overactive">.*?short on the Thomas test', page, re.S)


def test_a_refused_form_keeps_the_length_results(web):
    client_id = make_client(web.id)
    response = web.post(f"/clients/{client_id}/assessments/new", {
        "performed_on": a_week_ago(), "length-ober_test-right": "short", "length-ober_test-left": "tight",
        "pain-knee": "11"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "must be short or normal (got &#39;tight&#39;)" in html or "must be short or normal (got 'tight')" in html
    assert Controls(html).selected.get("length-ober_test-right") == "short"
    assert db.session.scalar(db.select(db.func.count(Assessment.id))) == 0
