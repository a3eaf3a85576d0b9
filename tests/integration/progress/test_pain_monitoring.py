"""The pain-monitoring model through HTTP, a real worker and the CLI:
check-ins with pain during the session and on waking, the report's session
load, flares, spikes and relief durability, the alerts a severe score and a
flare raise (and a spike does not), and the re-evaluation of alerts raised
under the old rules."""
from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta

import pytest

from planner.extensions import db
from planner.local_time import today_in
from planner.models import Alert, CheckIn

from tests.support.waiting import drain

ZONE = "Europe/London"


@pytest.fixture
def assessed(trainer):
    """A client assessed 30 days ago with low-back pain 8."""
    today = today_in(ZONE)
    client = trainer.create_client(timezone=ZONE)
    assessment = {"performed_on": (today - timedelta(days=30)).isoformat(),
                  "pain": [{"region": "low_back", "score": 8}]}
    assert trainer.post(f"/api/v1/clients/{client['id']}/assessments", json=assessment).status_code == 201
    return client | {"today": today}


def daily(client_id: int, last: date, scores: list[int]) -> None:
    """One check-in a day at these usual-pain scores, the last on `last`."""
    for i, score in enumerate(scores):
        db.session.add(CheckIn(client_id=client_id, date=last - timedelta(days=len(scores) - 1 - i), pain=score,
                               source="sms"))
    db.session.commit()


def test_check_ins_take_and_return_exercise_and_morning_pain(trainer, assessed):
    base = f"/api/v1/clients/{assessed['id']}/checkins"
    today = assessed["today"]
    yesterday = today - timedelta(days=1)
    session = trainer.post(base, json={"date": yesterday.isoformat(), "pain": 4, "done": True,
                                       "exercise_pain": 4, "morning_pain": 3})
    assert session.status_code == 201
    assert session.get_json() | {"id": 0} == {
        "id": 0, "date": yesterday.isoformat(), "pain": 4, "done": True, "exercise_pain": 4, "morning_pain": 3,
        "source": "trainer", "message_id": None}
    # The next morning's pain alone is a check-in too.
    morning = trainer.post(base, json={"date": today.isoformat(), "morning_pain": 3})
    assert morning.status_code == 201 and morning.get_json()["pain"] is None
    listed = trainer.get(base).get_json()
    assert [(c["date"], c["exercise_pain"], c["morning_pain"]) for c in listed] == [
        (yesterday.isoformat(), 4, 3), (today.isoformat(), None, 3)]

    report = trainer.get(f"/api/v1/clients/{assessed['id']}/report").get_json()
    assert report["pain_monitoring"] == [{"date": yesterday.isoformat(), "exercise_pain": 4, "morning_pain": 3,
                                          "pain_before": 3, "verdict": "acceptable"}]
    rows = list(csv.DictReader(io.StringIO(trainer.get(f"/api/v1/clients/{assessed['id']}/report.csv")
                                           .get_data(as_text=True))))
    assert [(r["date"], r["exercise_pain"], r["morning_pain"], r["session_load"]) for r in rows if
            r["source"] == "checkin"] == [(yesterday.isoformat(), "4", "3", "acceptable"),
                                          (today.isoformat(), "", "3", "")]


def test_bad_exercise_or_morning_pain_is_refused_naming_the_field_and_nothing_is_written(trainer, assessed):
    base = f"/api/v1/clients/{assessed['id']}/checkins"
    today = assessed["today"].isoformat()
    response = trainer.post(base, json={"date": today, "pain": 3, "exercise_pain": 11, "morning_pain": "4"})
    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert set(errors) == {"exercise_pain", "morning_pain"}
    assert "10" in errors["exercise_pain"]
    assert trainer.post(base, json={"date": today, "morning_pain": -1}).status_code == 422
    assert db.session.scalar(db.select(db.func.count(CheckIn.id))) == 0


def test_the_report_shows_session_load_flares_spikes_and_how_long_relief_has_held(trainer, assessed):
    today = assessed["today"]
    # Three weeks at 3 under a baseline of 8, one raised day (9) that settled,
    # then 3s: a spike, improving from the first full week, no flare.
    daily(assessed["id"], today - timedelta(days=1), [3] * 10 + [9] + [3] * 10)
    report = trainer.get(f"/api/v1/clients/{assessed['id']}/report").get_json()
    spike_day = (today - timedelta(days=11)).isoformat()
    assert report["spikes"] == [{"date": spike_day, "score": 9}] and report["flares"] == []
    assert report["severe"] == [{"date": spike_day, "score": 9}]
    assert report["unsettled"] is None
    improving_since = (today - timedelta(days=21 - 2)).isoformat()  # the third daily score
    assert report["relief"]["status"] == "improving"
    assert report["relief"]["episodes"] == [{"improving_since": improving_since, "lasting_since": None,
                                             "ended_on": None}]
    assert report["relief"]["days_held"] == 19


def test_the_report_page_explains_its_rules_with_their_sources(web):
    client = web.api.create_client(timezone=ZONE)
    today = today_in(ZONE)
    web.api.post(f"/api/v1/clients/{client['id']}/assessments", json={
        "performed_on": (today - timedelta(days=10)).isoformat(), "pain": [{"region": "knee", "score": 6}]})
    web.api.post(f"/api/v1/clients/{client['id']}/checkins", json={
        "date": (today - timedelta(days=1)).isoformat(), "pain": 3, "done": True, "exercise_pain": 7})
    page = web.page(f"/clients/{client['id']}/report")
    assert "Session load (pain-monitoring model)" in page and "too much" in page
    for source in ("Farrar et al. 2001", "Dworkin et al. 2008", "Kamper et al. 2011", "Costa et al. 2019",
                   "Serlin et al. (1995)", "Silbernagel et al. 2007"):
        assert source in page, source
    assert "it is not a ceiling on a client’s daily pain" in page
    assert "our choice" in page


def test_the_pain_chart_marks_spikes_apart_from_flares(web):
    client = web.api.create_client(timezone=ZONE)
    today = today_in(ZONE)
    web.api.post(f"/api/v1/clients/{client['id']}/assessments", json={
        "performed_on": (today - timedelta(days=20)).isoformat(), "pain": [{"region": "knee", "score": 6}]})
    daily(client["id"], today - timedelta(days=1), [3, 3, 3, 7, 3, 3])
    svg = web.get(f"/clients/{client['id']}/report/pain.svg").data
    assert b"spike" in svg and b"flare" not in svg
    daily(client["id"], today, [7])  # raised again today: it waits for the next check-in
    page = web.page(f"/clients/{client['id']}/report")
    assert "is raised; the next check-in says whether it is a flare or a spike" in page


def test_a_severe_score_alerts_at_once_a_spike_never_and_a_flare_once(trainer, assessed, worker, broker):
    today = assessed["today"]
    base = f"/api/v1/clients/{assessed['id']}/checkins"
    daily(assessed["id"], today - timedelta(days=5), [3] * 10)

    def check_in(days_ago: int, pain: int) -> None:
        day = (today - timedelta(days=days_ago)).isoformat()
        assert trainer.post(base, json={"date": day, "pain": pain, "done": True}).status_code == 201
        drain(broker, worker)

    def alerts() -> list[tuple[str, str]]:
        db.session.expire_all()
        return [(a.kind, a.details["date"]) for a in db.session.scalars(
            db.select(Alert).filter_by(client_id=assessed["id"]).order_by(Alert.id))]

    check_in(4, 9)  # raised, above the baseline of 8, 6 above the week: severe
    assert alerts() == [("severe_pain", (today - timedelta(days=4)).isoformat())]
    check_in(3, 3)  # it settled: a spike, which does not alert
    assert len(alerts()) == 1
    check_in(2, 9)  # raised again, severe again
    check_in(1, 9)  # and still raised: a flare since two days ago
    kinds = alerts()
    assert kinds[-1] == ("flare", (today - timedelta(days=1)).isoformat())
    flare = db.session.scalar(db.select(Alert).filter_by(client_id=assessed["id"], kind="flare"))
    assert flare.details["since"] == (today - timedelta(days=2)).isoformat()
    # Resolved by the trainer, the same flare does not alert again the next day.
    flare.resolved_at = datetime.utcnow()
    db.session.commit()
    check_in(0, 9)
    assert db.session.scalar(db.select(db.func.count(Alert.id)).filter_by(
        client_id=assessed["id"], kind="flare", resolved_at=None)) == 0


def test_whether_a_check_in_is_severe_for_the_reply_path(trainer, assessed):
    from planner.progress.alerts import severe_on

    today = assessed["today"]
    daily(assessed["id"], today, [3] * 6 + [9])
    assert severe_on(assessed["id"], today) is True
    assert severe_on(assessed["id"], today - timedelta(days=1)) is False


def test_reevaluate_resolves_alerts_the_new_rules_would_not_raise_with_a_note(cli, trainer, assessed):
    today = assessed["today"]
    # Usual pain 6-7 under a baseline of 8, then a real flare: 10, 10.
    scores = [6, 7, 6, 7, 7, 6, 7, 10, 10]
    daily(assessed["id"], today - timedelta(days=1), scores)
    day = lambda i: (today - timedelta(days=len(scores) - i)).isoformat()  # noqa: E731
    # Alerts the old "above 5/10" rule raised (one open per kind: the old one
    # resolved by the trainer, the last still open), then one on the flare.
    old_open = Alert(client_id=assessed["id"], kind="flare", created_at=datetime.utcnow(),
                     details={"date": day(6), "score": 7, "rules": ["ceiling"]})
    db.session.add(old_open)
    db.session.commit()
    other = trainer.create_client(name="Bea", phone="+14155550002", timezone=ZONE)
    real = Alert(client_id=other["id"], kind="flare", created_at=datetime.utcnow(),
                 details={"date": (today - timedelta(days=1)).isoformat(), "score": 10, "rules": ["rise", "ceiling"]})
    daily(other["id"], today - timedelta(days=1), [3, 3, 3, 3, 10, 10])
    db.session.add(real)
    db.session.commit()

    result = cli.invoke(args=["alerts", "reevaluate"])
    assert result.exit_code == 0, result.output
    assert "1 open alert resolved" in result.output and "/10" not in result.output
    db.session.expire_all()
    assert old_open.resolved_at is not None and old_open.resolved_by is None
    assert old_open.resolution_note == (
        f"Resolved when the pain rules changed: pain 7/10 on {day(6)} was at or below the client's baseline "
        "pain of 8/10; a flare now needs usual pain above the baseline, at least 2 points above the client's "
        "mean of the 7 days before, and still raised at the next check-in.")
    assert real.resolved_at is None  # 10 after 3s, still raised the next day: a flare by the new rules too
    again = cli.invoke(args=["alerts", "reevaluate"])
    assert "0 open alerts resolved" in again.output

    body = trainer.get(f"/api/v1/clients/{assessed['id']}/report").get_json()
    assert body["alerts"][0]["resolution_note"] == old_open.resolution_note


def test_a_flare_is_found_from_the_recent_weeks_alone_and_an_old_check_in_changes_nothing(
        trainer, assessed, worker, broker):
    from planner.progress.client_progress import client_progress
    from planner.progress.recent_pain import FIRST_WINDOW_DAYS, latest_pain
    from planner.models import Client

    today = assessed["today"]
    base = f"/api/v1/clients/{assessed['id']}/checkins"
    daily(assessed["id"], today - timedelta(days=2), [3] * 10)
    for days_ago in (1, 0):  # 10 over a week of 3s, above the baseline of 8, and still 10 today: a flare
        day = (today - timedelta(days=days_ago)).isoformat()
        assert trainer.post(base, json={"date": day, "pain": 10, "done": True}).status_code == 201
        drain(broker, worker)
    flare = db.session.scalar(db.select(Alert).filter_by(client_id=assessed["id"], kind="flare"))
    assert flare.details == {"date": today.isoformat(), "score": 10,
                             "since": (today - timedelta(days=1)).isoformat()}
    recent = latest_pain(assessed["id"], today)
    assert recent.read_from == today - timedelta(days=FIRST_WINDOW_DAYS)  # the recent weeks, not the history
    whole = client_progress(db.session.get(Client, assessed["id"])).report
    assert recent.flare() == next(f for f in whole.flares if f.date == today)

    # A year ago: a raised stretch of its own, far outside the window. The
    # verdict on today, and the window read, stay the same.
    daily(assessed["id"], today - timedelta(days=360), [3, 3, 10, 10, 10])
    again = latest_pain(assessed["id"], today)
    assert (again.flare(), again.is_severe(), again.read_from) == (recent.flare(), recent.is_severe(),
                                                                   recent.read_from)


def test_a_flare_that_began_months_ago_keeps_its_first_day(trainer, assessed, worker, broker):
    """Pain above the baseline for two months: one flare since its first
    day, read back as far as it takes, so the trainer who resolved it is
    not alerted again."""
    from planner.progress.client_progress import client_progress
    from planner.progress.recent_pain import latest_pain
    from planner.models import Client

    today = assessed["today"]
    began = today - timedelta(days=60)
    daily(assessed["id"], began - timedelta(days=1), [3] * 7)
    daily(assessed["id"], today - timedelta(days=2), [9] * 59)
    recent = latest_pain(assessed["id"], today)
    assert recent.flare().since == began
    assert recent.read_from is None or recent.read_from < began
    whole = client_progress(db.session.get(Client, assessed["id"])).report
    assert recent.flare() == whole.flares[-1]

    def check_in(day):
        response = trainer.post(f"/api/v1/clients/{assessed['id']}/checkins",
                                json={"date": day.isoformat(), "pain": 9, "done": True})
        assert response.status_code == 201
        drain(broker, worker)

    check_in(today - timedelta(days=1))
    flare = db.session.scalar(db.select(Alert).filter_by(client_id=assessed["id"], kind="flare"))
    assert flare.details["since"] == began.isoformat()
    flare.resolved_at = datetime.utcnow()
    db.session.commit()
    check_in(today)
    assert db.session.scalar(db.select(db.func.count(Alert.id)).filter_by(
        client_id=assessed["id"], kind="flare", resolved_at=None)) == 0
