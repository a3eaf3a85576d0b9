"""The progress report through the API and the trainer's app: the numbers
come from the client's real rows (assessment pain, published program
sessions, check-ins), and flares alert the trainer through a worker."""
from __future__ import annotations

import csv
import re
import io
from datetime import date, timedelta

import pytest

from planner.extensions import db
from planner.models import Alert, CheckIn, Program
from planner.local_time import today_in

from tests.support.waiting import drain

ZONE = "Europe/London"


def pain_history(client_id: int, today: date, scores: list[int | None], done: bool = True) -> None:
    """One check-in a day, the last one yesterday."""
    start = today - timedelta(days=len(scores))
    for i, score in enumerate(scores):
        db.session.add(CheckIn(client_id=client_id, date=start + timedelta(days=i), pain=score, done=done,
                               source="sms"))
    db.session.commit()


@pytest.fixture
def followed(trainer):
    """A client assessed with knee pain 6, on a program published 6 weeks ago."""
    today = today_in(ZONE)
    client = trainer.create_client(timezone=ZONE, training_days=["mon", "wed", "fri"])
    start = today - timedelta(days=42)
    assessment = {"performed_on": (start - timedelta(days=1)).isoformat(),
                  "muscle_tests": [{"muscle": "gluteus_medius", "side": "left", "grade": 3}],
                  "overhead_squat": ["knees_move_inward"], "pain": [{"region": "knee", "score": 6},
                                                                    {"region": "hip", "score": 2}]}
    assert trainer.post(f"/api/v1/clients/{client['id']}/assessments", json=assessment).status_code == 201
    program = trainer.post(f"/api/v1/clients/{client['id']}/programs",
                           json={"start_date": start.isoformat(), "weeks": 8}).get_json()
    assert trainer.post(f"/api/v1/programs/{program['id']}/publish").status_code == 200
    return client | {"today": today, "start": start, "program_id": program["id"]}


def test_the_report_reads_baseline_series_adherence_and_relief_from_the_rows(trainer, followed):
    today = followed["today"]
    # A week at 5, then 3 every day.
    pain_history(followed["id"], today, [5] * 7 + [3] * 35)
    body = trainer.get(f"/api/v1/clients/{followed['id']}/report").get_json()
    assert body["baseline_pain"] == 6 and body["baseline_region"] == "knee"
    assert body["current_pain"] == 3 and body["change_points"] == -3 and body["change_pct"] == -50
    assert [p["score"] for p in body["pain_series"] if p["source"] == "checkin"] == [5] * 7 + [3] * 35
    assert len(body["rolling_mean"]) == 42
    # Improving from the day the 7-day mean is 30% down, at most 4.2, and 1
    # point: the 3rd day at 3 has (4*5 + 3*3)/7 = 4.14 (the 2nd, (5*5 + 2*3)/7 = 4.43).
    improving_from = today - timedelta(days=42) + timedelta(days=9)
    assert body["relief"]["history"][0] == {"date": improving_from.isoformat(), "status": "improving"}
    assert body["relief"]["status"] == "lasting"
    assert body["relief"]["episodes"] == [{"improving_since": improving_from.isoformat(),
                                           "lasting_since": (improving_from + timedelta(days=28)).isoformat(),
                                           "ended_on": None}]
    assert body["relief"]["days_held"] == (today - improving_from).days
    assert body["thresholds"]["min_drop_points"] == 1 and body["thresholds"]["mcid_percent"] == 30
    assert body["thresholds"]["lasting_days"] == 28
    program = db.session.get(Program, followed["program_id"])
    prescribed = [s.date for s in program.sessions if s.date < today]
    assert body["adherence"]["prescribed"] == len(prescribed) and body["adherence"]["done"] == len(prescribed)
    assert sum(w["prescribed"] for w in body["adherence"]["by_week"]) == len(prescribed)
    assert body["flares"] == [] and body["alerts"] == []


def test_a_report_with_no_check_ins_says_why_there_is_no_status(trainer, followed):
    body = trainer.get(f"/api/v1/clients/{followed['id']}/report").get_json()
    assert body["baseline_pain"] == 6 and body["current_pain"] is None and body["pain_series"][0]["source"] == \
        "assessment"
    assert body["relief"]["status"] == "none" and body["relief"]["reason"] == "no_checkins"
    assert body["adherence"]["done"] == 0 and body["adherence"]["prescribed"] > 0


def test_another_trainers_report_is_not_found(followed, make_trainer):
    other = make_trainer(email="bob@clinic.example")
    assert other.get(f"/api/v1/clients/{followed['id']}/report").status_code == 404
    assert other.get(f"/api/v1/clients/{followed['id']}/report.csv").status_code == 404


def test_the_csv_holds_the_raw_series(trainer, followed):
    pain_history(followed["id"], followed["today"], [5, None, 4])
    response = trainer.get(f"/api/v1/clients/{followed['id']}/report.csv")
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [(r["source"], r["pain"], r["session_done"]) for r in rows] == [
        ("assessment", "6", ""), ("checkin", "5", "yes"), ("checkin", "", "yes"), ("checkin", "4", "yes")]
    assert rows[-1]["rolling_mean_7d"] == "4.50"


def test_a_flare_alerts_the_trainer_once(trainer, followed, worker, broker):
    today = followed["today"]
    yesterday = today - timedelta(days=1)
    pain_history(followed["id"], yesterday, [3] * 10)
    # 7, above the baseline of 6 and 4 above the week: raised, not yet a flare.
    response = trainer.post(f"/api/v1/clients/{followed['id']}/checkins",
                            json={"date": yesterday.isoformat(), "pain": 7, "done": True})
    assert response.status_code == 201
    drain(broker, worker)
    assert db.session.scalar(db.select(db.func.count(Alert.id))) == 0
    for _ in range(2):  # still raised today, reported twice: one alert
        response = trainer.post(f"/api/v1/clients/{followed['id']}/checkins",
                                json={"date": today.isoformat(), "pain": 7, "done": True})
        assert response.status_code == 201
        drain(broker, worker)
    alerts = db.session.scalars(db.select(Alert).filter_by(client_id=followed["id"])).all()
    assert [(a.kind, a.details["date"], a.details["score"]) for a in alerts] == [("flare", today.isoformat(), 7)]
    assert alerts[0].details["since"] == yesterday.isoformat()
    body = trainer.get(f"/api/v1/clients/{followed['id']}/report").get_json()
    assert body["flares"][-1] == {"date": today.isoformat(), "score": 7, "since": yesterday.isoformat()}
    assert [a["kind"] for a in body["alerts"]] == ["flare"] and body["alerts"][0]["resolved_at"] is None


def test_one_open_alert_per_client_and_kind_carries_the_latest(followed):
    from planner.progress.alerts import raise_alert, resolve_alert

    first = raise_alert(followed["id"], "flare", {"date": "2026-01-01"})
    # A second flare while the first is open: the same alert, now about the latest.
    assert raise_alert(followed["id"], "flare", {"date": "2026-01-02"}) == first
    assert db.session.get(Alert, first).details == {"date": "2026-01-02"}
    assert raise_alert(followed["id"], "low_adherence", {}) != first
    resolve_alert(followed["id"], first, trainer_id=None)
    assert raise_alert(followed["id"], "flare", {"date": "2026-01-03"}) not in (None, first)
    assert db.session.scalar(db.select(db.func.count(Alert.id)).filter_by(kind="flare")) == 2


def test_the_report_page_charts_and_alerts_in_the_web_app(web):
    client = web.api.create_client(timezone=ZONE)
    today = today_in(ZONE)
    web.api.post(f"/api/v1/clients/{client['id']}/assessments", json={
        "performed_on": (today - timedelta(days=30)).isoformat(), "pain": [{"region": "low_back", "score": 7}],
        "muscle_tests": [{"muscle": "gluteus_maximus", "side": "left", "grade": 3}]})
    web.api.post(f"/api/v1/clients/{client['id']}/assessments", json={
        "performed_on": (today - timedelta(days=2)).isoformat(),
        "muscle_tests": [{"muscle": "gluteus_maximus", "side": "left", "grade": 4}]})
    # A flare (9, 9 over a week of 5), relief after it, and a severe 9 yesterday.
    pain_history(client["id"], today, [7, 6, 6, 5, 4, 4, 3, 9, 9, 3, 3, 3, 3, 3, 3, 2, 2, 9])
    from planner.progress.alerts import alert_on_latest_flare
    assert alert_on_latest_flare(client["id"]) is not None

    page = web.page(f"/clients/{client['id']}/report")
    assert "Relief: <span class=\"status\">improving</span>" in page
    assert "7/10 (assessment, low back)" in page
    # The page drew its charts; their addresses name each by its hash, and
    # the image served from the cache is the chart drawn afresh from the data.
    sources = dict(re.findall(r'src="/clients/%d/report/(\w+)\.svg\?v=([0-9a-f]{32})"' % client["id"], page))
    assert set(sources) == {"pain", "grades", "adherence"}
    for name, key in sources.items():
        kept = web.get(f"/clients/{client['id']}/report/{name}.svg?v={key}")
        assert kept.status_code == 200 and kept.data == web.get(f"/clients/{client['id']}/report/{name}.svg").data
    assert 'data-retest="gluteus_maximus/left"' in page and "3/5" in page and "4/5" in page
    assert "Farrar et al. 2001" in page and "Silbernagel" in page
    svg = web.get(f"/clients/{client['id']}/report/pain.svg")
    assert svg.mimetype == "image/svg+xml" and b"7-day mean" in svg.data and b"baseline 7" in svg.data
    assert svg.headers["Cache-Control"] == "no-store"
    assert b"flare" in svg.data
    again = web.get(f"/clients/{client['id']}/report/pain.svg", headers={"If-None-Match": svg.headers["ETag"]})
    assert again.status_code == 304
    assert b"<svg" in web.get(f"/clients/{client['id']}/report/adherence.svg").data
    grades = web.get(f"/clients/{client['id']}/report/grades.svg")
    assert grades.mimetype == "image/svg+xml" and b"Gluteus maximus (left)" in grades.data

    client_page = web.page(f"/clients/{client['id']}")
    assert "pain 9/10 on" in client_page
    alert = db.session.scalar(db.select(Alert).filter_by(client_id=client["id"]))
    assert web.post(f"/clients/{client['id']}/alerts/{alert.id}/resolve").status_code == 302
    db.session.expire_all()
    assert alert.resolved_at is not None and alert.resolved_by == web.id
    assert "pain 9/10 on" not in web.page(f"/clients/{client['id']}")


def test_the_report_pages_belong_to_their_trainer(make_web_trainer):
    ann = make_web_trainer()
    bob = make_web_trainer(email="bob@clinic.example", name="Bob")
    client = ann.api.create_client()
    for path in ("/report", "/report/pain.svg", "/report/adherence.svg", "/report/grades.svg", "/report.csv"):
        assert bob.get(f"/clients/{client['id']}{path}").status_code == 404, path
        assert ann.get(f"/clients/{client['id']}{path}").status_code == 200, path


def test_the_page_s_charts_come_from_the_cache_to_their_trainer_only(make_web_trainer):
    from sqlalchemy import event

    ann = make_web_trainer()
    bob = make_web_trainer(email="bob@clinic.example", name="Bob")
    client = ann.api.create_client(timezone=ZONE)
    pain_history(client["id"], today_in(ZONE), [5, 4, 4, 3])
    page = ann.page(f"/clients/{client['id']}/report")
    (address,) = re.findall(r'src="(/clients/\d+/report/pain\.svg\?v=[0-9a-f]{32})"', page)

    def statements(path: str) -> int:
        seen = []
        listener = lambda *args: seen.append(1)  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            assert ann.get(path).status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        return len(seen)

    # Found by its key, the chart is not read and judged again from the history.
    assert statements(address) < statements(address.split("?")[0])
    assert statements(address.split("?")[0] + "?v=" + "0" * 32) == statements(address.split("?")[0])
    assert bob.get(address).status_code == 404


def test_the_report_reads_a_fixed_number_of_queries_however_long_the_history(trainer, followed):
    from sqlalchemy import event

    def statements(path: str) -> int:
        seen = []
        listener = lambda *args: seen.append(1)  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            assert trainer.get(path).status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        return len(seen)

    path = f"/api/v1/clients/{followed['id']}/report"
    pain_history(followed["id"], followed["today"] - timedelta(days=60), [4, 4, 3])
    short = statements(path)
    pain_history(followed["id"], followed["today"], [3] * 60)
    assert statements(path) == short


def test_the_charts_read_with_one_day_of_data_and_mark_follow_up_answers(web):
    from planner.models import FollowUpAnswer

    client = web.api.create_client(timezone=ZONE)
    today = today_in(ZONE)
    web.api.post(f"/api/v1/clients/{client['id']}/assessments", json={
        "performed_on": (today - timedelta(days=1)).isoformat(), "pain": [{"region": "knee", "score": 6}]})
    pain_history(client["id"], today, [4])
    svg = web.get(f"/clients/{client['id']}/report/pain.svg").data.decode()
    labels = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert not [t for t in labels if re.search(r"\d{1,2}:\d{2}", t)], labels
    assert (today - timedelta(days=1)).strftime("%d %b") in labels
    for label in ("pain check-in", "7-day mean", "baseline 6"):
        assert label in labels, label
    assert any(t.startswith("improving: 7-day mean ≤ ") for t in labels), labels
    assert "follow-up answer" not in labels

    db.session.add(FollowUpAnswer(client_id=client["id"], due_on=today - timedelta(days=1),
                                  answered_on=today - timedelta(days=1), pain=2))
    db.session.commit()
    svg = web.get(f"/clients/{client['id']}/report/pain.svg").data.decode()
    assert "follow-up answer" in re.findall(r"<text[^>]*>([^<]*)</text>", svg)


def test_the_adherence_chart_reads_done_out_of_prescribed(web):
    client = web.api.create_client(timezone=ZONE, training_days=["mon", "wed", "fri"])
    today = today_in(ZONE)
    monday = today - timedelta(days=today.weekday() + 14)  # two whole weeks ago
    web.api.post(f"/api/v1/clients/{client['id']}/assessments", json={
        "performed_on": (monday - timedelta(days=1)).isoformat(), "pain": [{"region": "knee", "score": 6}]})
    program = web.api.post(f"/api/v1/clients/{client['id']}/programs",
                           json={"start_date": monday.isoformat(), "weeks": 4}).get_json()
    assert web.api.post(f"/api/v1/programs/{program['id']}/publish").status_code == 200
    svg = web.get(f"/clients/{client['id']}/report/adherence.svg").data.decode()
    labels = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert "sessions done / prescribed" in labels
    assert re.search(r"^done \(\d+ of \d+\)$", "\n".join(labels), re.M), labels
    assert "0 / 3" in labels  # no check-ins: nothing done of the three sessions a week
