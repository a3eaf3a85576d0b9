"""The session page and the trainer's check-in form take the
pain-monitoring model's scores: usual pain, pain during the session and
on waking; every unreadable score named beside its field at once."""
from datetime import date, timedelta

from planner.extensions import db
from planner.local_time import today_in
from planner.messaging.session_links import session_link_token
from planner.messaging.settings import SmsSettings
from planner.models import Alert, CheckIn

from tests.support.sms import active_client
from tests.support.waiting import drain


def session_path(app, client: dict, week: int = 0, index: int = 0) -> str:
    session_id = client["program"]["weeks"][week]["sessions"][index]["id"]
    with app.test_request_context():
        return f"/s/{session_link_token(client['id'], session_id, SmsSettings.from_config(app.config))}"


def _monday_past() -> str:
    """A Monday whose session is already due, wherever the clock is."""
    today = date.today() - timedelta(days=1)
    return (today - timedelta(days=today.weekday())).isoformat()


def test_the_session_page_records_pain_during_the_exercises_and_on_waking(app, http, trainer):
    client = active_client(trainer, _monday_past(), ["mon"])
    path = session_path(app, client)
    page = http.get(path, follow_redirects=True).get_data(as_text=True)
    assert "Pain during the exercises" in page and "Pain on waking this morning" in page
    response = http.post(path + "/done", data={"pain": "3", "exercise_pain": "4", "morning_pain": "2"},
                         follow_redirects=True)
    assert response.status_code == 200
    assert "during the exercises 4/10, on waking 2/10" in response.get_data(as_text=True)
    checkin = db.session.scalar(db.select(CheckIn))
    assert (checkin.pain, checkin.done, checkin.exercise_pain, checkin.morning_pain, checkin.source) == (
        3, True, 4, 2, "session_page")


def test_the_session_page_names_every_unreadable_score_and_keeps_what_was_typed(app, http, trainer):
    client = active_client(trainer, _monday_past(), ["mon"])
    response = http.post(session_path(app, client) + "/done",
                         data={"pain": "3", "exercise_pain": "11", "morning_pain": "two"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'id="exercise_pain-error">Pain during the exercises must be a whole number from 0 to 10.' in page
    assert 'id="morning_pain-error">Pain on waking must be a whole number from 0 to 10.' in page
    assert 'id="pain-error"' not in page
    assert 'value="11"' in page and 'value="two"' in page and 'value="3"' in page
    assert db.session.scalar(db.select(db.func.count(CheckIn.id))) == 0


def test_a_severe_score_on_the_session_page_shows_the_safety_line_and_alerts(app, http, trainer, worker, broker):
    today = date.today()
    two_weeks_ago = today - timedelta(days=today.weekday() + 14)  # a Monday: the week's sessions are all past
    client = active_client(trainer, two_weeks_ago.isoformat(), ["mon", "tue", "wed", "thu", "fri"], weeks=3)
    for index, pain in enumerate((2, 3, 2, 3)):
        response = http.post(session_path(app, client, 0, index) + "/done", data={"pain": str(pain)},
                             follow_redirects=True)
        assert response.status_code == 200 and "urgent care" not in response.get_data(as_text=True)
    drain(broker, worker)
    assert db.session.scalar(db.select(db.func.count(Alert.id))) == 0
    response = http.post(session_path(app, client, 0, 4) + "/done", data={"pain": "9", "exercise_pain": "7"},
                         follow_redirects=True)
    assert "please contact Ann Trainer. Get urgent care now for new numbness" in response.get_data(as_text=True)
    drain(broker, worker)
    assert db.session.scalar(db.select(Alert.kind)) == "severe_pain"


def test_the_trainers_form_records_every_score_and_names_each_error(web):
    client = web.api.create_client(timezone="Europe/London")
    today = today_in("Europe/London")
    response = web.post(f"/clients/{client['id']}/checkins", {
        "date": today.isoformat(), "pain": "4", "done": "yes", "exercise_pain": "5", "morning_pain": "3"})
    assert response.status_code == 302
    checkin = db.session.scalar(db.select(CheckIn))
    assert (checkin.date, checkin.pain, checkin.done, checkin.exercise_pain, checkin.morning_pain) == (
        today, 4, True, 5, 3)
    page = web.page(f"/clients/{client['id']}")
    assert "Pain during session" in page and "Pain on waking" in page

    yesterday = (today - timedelta(days=1)).isoformat()
    response = web.post(f"/clients/{client['id']}/checkins", {
        "date": yesterday, "pain": "", "done": "", "exercise_pain": "12", "morning_pain": "-1"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'id="exercise_pain-error">must be a whole number from 0 to 10 (got' in page
    assert 'id="morning_pain-error">must be a whole number from 0 to 10 (got' in page
    assert 'value="12"' in page and 'value="-1"' in page
    # A morning's pain alone is a check-in too (the day after a session).
    assert web.post(f"/clients/{client['id']}/checkins", {
        "date": yesterday, "pain": "", "done": "", "morning_pain": "2"}).status_code == 302
    assert db.session.scalar(db.select(CheckIn.morning_pain).filter_by(date=date.fromisoformat(yesterday))) == 2
