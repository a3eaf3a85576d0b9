"""The Patient-Specific Functional Scale on the web assessment form: five
rows of activity and score, saved as the API stores them, refused beside
the row at fault, and shown on the report page."""
from __future__ import annotations

from datetime import timedelta

import pytest

from planner.extensions import db
from planner.local_time import today_in
from planner.models import Assessment, PsfsScore
from tests.integration.web.test_web_assessments import (ZONE, api_view, assert_everything_typed_is_kept, error_beside,
                                                        form_url, full_form, make_client)


@pytest.fixture
def client_id(web) -> int:
    return make_client(web.id)


def test_the_filled_rows_are_saved_in_order_and_empty_rows_left_out(app, web, client_id):
    form = full_form(**{"psfs-activity-1": "Climbing stairs", "psfs-score-1": "3",
                        "psfs-activity-3": "Kneeling to garden", "psfs-score-3": "0"})
    response = web.post(form_url(client_id), form)
    assert response.status_code == 302, response.get_data(as_text=True)
    assessment_id = int(response.headers["Location"].rsplit("/", 1)[1])
    assert api_view(app, web, client_id, assessment_id)["psfs"] == [
        {"activity": "Climbing stairs", "score": 3}, {"activity": "Kneeling to garden", "score": 0}]


@pytest.mark.parametrize("change, field, message", [
    ({"psfs-activity-2": "Running", "psfs-score-2": ""}, "psfs-score-2", "give the score for"),
    ({"psfs-activity-2": "", "psfs-score-2": "4"}, "psfs-activity-2", "name the activity"),
    ({"psfs-activity-2": "Running", "psfs-score-2": "11"}, "psfs-score-2", "must be at most 10 (got 11)"),
    ({"psfs-activity-2": "Running", "psfs-score-2": "lots"}, "psfs-score-2", "must be a whole number from 0 to 10"),
    ({"psfs-activity-1": "Running", "psfs-score-1": "4", "psfs-activity-2": "running", "psfs-score-2": "5"},
     "psfs-activity-2", "names an activity twice"),
])
def test_a_bad_row_is_refused_beside_it_with_everything_kept(web, client_id, change, field, message):
    form = full_form(**change)
    response = web.post(form_url(client_id), form)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert message in error_beside(html, field)
    assert_everything_typed_is_kept(html, {k: v for k, v in form.items() if v != ""})
    assert db.session.scalar(db.select(db.func.count()).select_from(Assessment)) == 0
    assert db.session.scalar(db.select(db.func.count()).select_from(PsfsScore)) == 0


def test_the_report_page_shows_the_psfs_means_and_the_verdict(web, client_id):
    today = today_in(ZONE)
    for days_ago, score in ((30, "2"), (2, "5")):
        form = full_form(performed_on=(today - timedelta(days=days_ago)).isoformat(),
                         **{"psfs-activity-1": "Climbing stairs", "psfs-score-1": score,
                            "psfs-activity-2": "Running", "psfs-score-2": "4"})
        assert web.post(form_url(client_id), form).status_code == 302
    html = web.page(f"/clients/{client_id}/report")
    assert 'data-psfs-verdict="no_important_change"' in html  # 3.0 -> 4.5: +1.5, short of 2
    assert f'<tr data-psfs="{(today - timedelta(days=30)).isoformat()}"><td>' in html
    assert "Climbing stairs 5/10; Running 4/10" in html
    assert "Horn et al. 2012" in html
