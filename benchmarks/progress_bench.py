"""Report and dashboard speed, on a real database.

    .venv/bin/python benchmarks/progress_bench.py [--clients 2000] [--runs 30]
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python benchmarks/progress_bench.py

Seeds (once per database) one trainer with `--clients` clients, each on an
active program with two weeks of check-ins, plus one client with two years
of daily check-ins across four programs (with pain during each session and
on waking each day). Then, through the app's own WSGI
stack (Flask's test client, signed in as the trainer), times:
- the report as JSON (GET /api/v1/clients/<id>/report),
- the report page and its three SVG charts (pain, adherence, grades): each
  drawn afresh (no key), and as a browser fetches them (the addresses the
  page gives, which the page has just drawn),
- the dashboard,
printing median and p95 wall time, median CPU time and the SQL statements each makes, and the counts
again with half the clients and a quarter of the history, to show that the
number of queries does not grow with either. Targets: report under 150 ms
(JSON, and the page with its charts); dashboard with 2,000 clients under
300 ms. Default database: `planner_bench` on the local PostgreSQL.
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from datetime import date, datetime, time as clock, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

EMAIL, PASSWORD = "bench@clinic.example", "benchmark-password"
HISTORY_DAYS = 730
ENGINE = []  # the app's engine, to count its statements
PROGRAM_WEEKS = 26


def seed(clients: int, today: date) -> tuple[int, int]:
    """(trainer id, the long-history client's id); reuses an earlier seed."""
    from planner.people.accounts import create_trainer
    from planner.inputs import AssessmentCreate
    from planner.assessments.recording import record_assessment
    from planner.extensions import db
    from planner.models import CheckIn, Client, Program, ProgramSession, Trainer

    trainer = db.session.scalar(db.select(Trainer).filter_by(email=EMAIL))
    if trainer is not None:
        long_id = db.session.scalar(db.select(Client.id).filter_by(trainer_id=trainer.id, name="Long History"))
        have = db.session.scalar(db.select(db.func.count(Client.id)).filter_by(trainer_id=trainer.id))
        if have == clients + 1:
            return trainer.id, long_id
        raise SystemExit(f"the bench database holds {have - 1} clients, not {clients}: drop it or pass --clients")
    trainer, _ = create_trainer(EMAIL, "Bench Trainer", PASSWORD)
    rows = [{"trainer_id": trainer.id, "name": f"Client {i:05d}", "phone": f"+1415{5550000 + i:07d}",
             "timezone": "America/New_York", "reminder_time": clock(8), "checkin_time": clock(19),
             "training_days_csv": "mon,wed,fri", "sms_consent": True, "auto_adjust": False,
             "created_at": datetime(2024, 1, 1), "updated_at": datetime(2024, 1, 1)} for i in range(clients + 1)]
    rows[-1]["name"] = "Long History"
    db.session.execute(db.insert(Client), rows)
    ids = db.session.scalars(db.select(Client.id).filter_by(trainer_id=trainer.id).order_by(Client.id)).all()
    long_id = ids[-1]

    def program_rows(client_id, start, weeks, status, archived_at=None):
        return {"client_id": client_id, "status": status, "start_date": start, "weeks": weeks, "sessions_per_week": 3,
                "minutes_per_session": 20, "equipment": [], "uncovered": [], "created_at": datetime(2024, 1, 1),
                "updated_at": datetime(2024, 1, 1), "published_at": datetime.combine(start, clock(0)),
                "archived_at": archived_at}

    def sessions_for(program_id, start, weeks):
        days = [start + timedelta(days=d) for d in range(weeks * 7) if (start + timedelta(days=d)).weekday() in (0, 2, 4)]
        return [{"program_id": program_id, "week": (d - start).days // 7 + 1, "index": i % 3 + 1,
                 "day": ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[d.weekday()], "date": d, "deload": False,
                 "minutes": 20} for i, d in enumerate(days)]

    monday = today - timedelta(days=today.weekday())
    start = monday - timedelta(weeks=2)
    db.session.execute(db.insert(Program), [program_rows(i, start, 8, "active") for i in ids[:-1]])
    programs = dict(db.session.execute(db.select(Program.client_id, Program.id)).all())
    sessions, checkins = [], []
    for client_id in ids[:-1]:
        sessions += sessions_for(programs[client_id], start, 8)
        for d in range(1, 15):
            day = today - timedelta(days=d)
            checkins.append({"client_id": client_id, "date": day, "pain": (client_id + d) % 7, "done": d % 2 == 0,
                             "source": "sms", "created_at": datetime(2024, 1, 1), "updated_at": datetime(2024, 1, 1)})
    # The long history: four half-year programs one after another, a check-in every day.
    first = monday - timedelta(weeks=4 * PROGRAM_WEEKS) + timedelta(weeks=1)
    for n in range(4):
        begin = first + timedelta(weeks=n * PROGRAM_WEEKS)
        ended = datetime.combine(begin + timedelta(weeks=PROGRAM_WEEKS), clock(0)) if n < 3 else None
        program_id = db.session.execute(db.insert(Program).returning(Program.id),
                                        [program_rows(long_id, begin, PROGRAM_WEEKS,
                                                      "archived" if ended else "active", ended)]).scalar()
        sessions += sessions_for(program_id, begin, PROGRAM_WEEKS)
    for d in range(1, HISTORY_DAYS + 1):
        day = today - timedelta(days=d)
        level = max(2, 7 - (HISTORY_DAYS - d) // 30)
        pain, done = min(10, level + (d * 7919) % 3), day.weekday() in (0, 2, 4) and d % 5 != 0
        # Pain during each session done and on waking each day, for the session-load verdicts.
        checkins.append({"client_id": long_id, "date": day, "pain": pain, "done": done,
                         "exercise_pain": max(0, pain - 1 - d % 2) if done else None,
                         "morning_pain": max(0, pain - d % 2), "source": "sms",
                         "created_at": datetime(2024, 1, 1), "updated_at": datetime(2024, 1, 1)})
    for chunk in range(0, len(sessions), 5000):
        db.session.execute(db.insert(ProgramSession), sessions[chunk:chunk + 5000])
    for chunk in range(0, len(checkins), 5000):
        db.session.execute(db.insert(CheckIn), checkins[chunk:chunk + 5000])
    client = db.session.get(Client, long_id)
    for months_ago, grade, pain in ((24, 3, 7), (12, 4, 4), (1, 4, 3)):
        body = AssessmentCreate.model_validate({
            "performed_on": (today - timedelta(days=30 * months_ago)).isoformat(),
            "muscle_tests": [{"muscle": "gluteus_medius", "side": "left", "grade": grade}],
            "pain": [{"region": "low_back", "score": pain}]})
        record_assessment(client, body, today)
    db.session.commit()
    return trainer.id, long_id


def sign_in(app):
    http = app.test_client()
    page = http.get("/signin").get_data(as_text=True)
    token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
    assert http.post("/signin", data={"email": EMAIL, "password": PASSWORD, "csrf_token": token}).status_code == 302
    return http


def timed(http, paths: list[str], runs: int) -> tuple[float, float, float, int]:
    """(median wall ms, p95 wall ms, median CPU ms of this process, SQL
    statements) for fetching `paths` one after another. CPU time beside wall
    time: a busy machine stretches the wall time, not the CPU time."""
    from sqlalchemy import event

    engine = ENGINE[0]
    statements = []
    listener = lambda *args: statements.append(1)  # noqa: E731
    for path in paths:  # warm caches (templates, fonts, compiled SQL) first
        assert http.get(path).status_code == 200, path
    samples, cpu = [], []
    for _ in range(runs):
        started, cpu_started = time.perf_counter(), time.process_time()
        for path in paths:
            response = http.get(path)
            assert response.status_code == 200, path
        samples.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    event.listen(engine, "before_cursor_execute", listener)
    try:
        for path in paths:
            http.get(path)
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1], statistics.median(cpu), len(statements)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        from fanout_bench import ensure_database
        os.environ["DATABASE_URL"] = ensure_database("planner_progress_bench")
    os.environ.setdefault("SECRET_KEY", "benchmark")
    from flask_migrate import upgrade

    from planner.app import create_app
    from planner.extensions import db
    from planner.library.loader import load_library
    from planner.models import CheckIn, Client

    app = create_app({"SMS_TRANSPORT": "console"})
    with app.app_context():
        upgrade()
        load_library()
        db.session.commit()
        today = date.today()
        started = time.perf_counter()
        trainer_id, long_id = seed(args.clients, today)
        ENGINE.append(db.engine)
        history = db.session.scalar(db.select(db.func.count(CheckIn.id)).filter_by(client_id=long_id))
        print(f"database: {app.config['SQLALCHEMY_DATABASE_URI'].split('@')[-1]}; seeded or found "
              f"{args.clients} clients and one with {history} daily check-ins in {time.perf_counter() - started:.1f} s")
        db.session.remove()

    from planner.startup import freeze_startup_objects

    http = sign_in(app)
    api = app.test_client()
    freeze_startup_objects()  # as wsgi.py and `planner serve` do
    with app.app_context():
        from planner.people.accounts import rotate_token
        token = rotate_token(EMAIL)
        db.session.commit()
    headers = {"Authorization": f"Bearer {token}"}

    def api_timed(path: str) -> tuple[float, float, float, int]:
        class Authorised:
            def get(self, p):
                return api.get(p, headers=headers)
        return timed(Authorised(), [path], args.runs)

    class Browser:
        """Fetches a page, then its chart images by the addresses the page gives (with their keys)."""
        def get(self, p):
            page = http.get(p)
            for src in re.findall(r'<img class="chart" src="([^"]+)"', page.get_data(as_text=True)):
                assert http.get(src.replace("&amp;", "&")).status_code == 200, src
            return page

    report = f"/clients/{long_id}/report"
    charts = [f"{report}/pain.svg", f"{report}/adherence.svg", f"{report}/grades.svg"]  # what the page shows
    rows = [
        ("report JSON, 2 years of daily check-ins", api_timed(f"/api/v1{report}")),
        ("report page alone", timed(http, [report], args.runs)),
        ("pain chart (SVG)", timed(http, [f"{report}/pain.svg"], args.runs)),
        ("adherence chart (SVG)", timed(http, [f"{report}/adherence.svg"], args.runs)),
        ("grades chart (SVG)", timed(http, [f"{report}/grades.svg"], args.runs)),
        ("report page with its three charts, drawn afresh", timed(http, [report, *charts], args.runs)),
        ("report page with its three charts, as shown", timed(Browser(), [report], args.runs)),
        (f"dashboard, {args.clients + 1} clients", timed(http, ["/dashboard"], max(5, args.runs // 3))),
    ]
    print(f"load average {' '.join(f'{n:.2f}' for n in os.getloadavg())} (the machine's busyness: wall times stretch"
          " with it, CPU times much less)")
    print(f"{'':50} {'median':>9} {'p95':>9} {'CPU':>9} {'SQL':>5}")
    for label, (median, p95, cpu, statements) in rows:
        print(f"{label:50} {median:7.1f}ms {p95:7.1f}ms {cpu:7.1f}ms {statements:5d}")

    # The statement counts must not depend on the size of the data: a client
    # with two weeks of check-ins costs the report as many as two years.
    with app.app_context():
        short_id = db.session.scalar(db.select(Client.id).filter_by(trainer_id=trainer_id).order_by(Client.id).limit(1))
    short = f"/clients/{short_id}/report"
    print("SQL statements, page and charts: two years of history",
          timed(http, [report, f"{report}/pain.svg", f"{report}/adherence.svg"], 1)[3],
          "| two weeks", timed(http, [short, f"{short}/pain.svg", f"{short}/adherence.svg"], 1)[3])


if __name__ == "__main__":
    main()
