"""Program generator benchmark: generation time and SQL queries.

    .venv/bin/python benchmarks/generator_bench.py [--runs 200]

Prints, for a typical case (6 findings, 6 weeks, 3 sessions a week) and a
heavy one (30 findings, 12 weeks, 5 sessions a week):
- the pure generator's time (median and p95),
- the whole generation through the database (load the library and the
  assessment, generate, write the program), median and p95,
- the SQL statements one generation makes, for 6 and for 12 weeks: the count
  must not grow with the number of weeks.
Targets on a 2-core machine: typical under 20 ms, heavy under 200 ms.
Runs on SQLite in a temporary folder, or on DATABASE_URL when it is set.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event  # noqa: E402

from planner.assessments.findings import Finding  # noqa: E402

WEAK = ["gluteus_medius", "gluteus_maximus", "vastus_medialis_oblique", "lower_trapezius", "middle_trapezius",
        "deep_cervical_flexors", "transversus_abdominis", "multifidus", "serratus_anterior", "tibialis_anterior",
        "tibialis_posterior", "semitendinosus", "rhomboids", "infraspinatus", "gracilis"]
OVERACTIVE = ["tensor_fasciae_latae", "psoas_major", "upper_trapezius", "pectoralis_major", "latissimus_dorsi",
              "adductor_longus", "soleus", "gastrocnemius_lateral", "levator_scapulae", "pectoralis_minor",
              "rectus_femoris", "erector_spinae", "sternocleidomastoid", "piriformis", "quadratus_lumborum"]


def findings(count: int) -> list[Finding]:
    result = []
    for i in range(count):
        if i % 2 == 0:
            muscle = WEAK[i // 2]
            grade = 2 + i % 2
            side = ("left", "right", "bilateral")[i % 3]
            result.append(Finding(muscle, side, "weak", [{"kind": "muscle_test", "side": side, "grade": grade,
                                                          "inhibited": False, "summary": f"graded {grade}/5"}]))
        else:
            muscle = OVERACTIVE[i // 2]
            result.append(Finding(muscle, "bilateral", "overactive", [{
                "kind": "overhead_squat", "compensation": "knees_move_inward", "side": "bilateral",
                "summary": "knees move inward in the overhead squat"}]))
    return result


CASES = {
    "typical": dict(findings=6, weeks=6, sessions=3, minutes=20),
    "heavy": dict(findings=30, weeks=12, sessions=5, minutes=45),
}
EQUIPMENT = ["foam_roller", "massage_ball", "mini_band", "resistance_band"]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def report(name: str, timings: list[float]) -> str:
    return f"{name}: median {statistics.median(timings) * 1000:7.2f} ms   p95 {percentile(timings, 0.95) * 1000:7.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()

    from flask_migrate import upgrade

    from planner.app import create_app
    from planner.extensions import db
    from planner.programs.generator import Params, generate
    from planner.library.loader import load_library
    from planner.models import Assessment, Client, MuscleFinding, PainScore, Trainer
    from planner.programs.store import assessment_inputs, create_program
    from planner.programs.catalog import load_catalog

    tmp = tempfile.mkdtemp()
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{tmp}/bench.sqlite3"
    os.environ.setdefault("SECRET_KEY", "benchmark")
    from planner.config import normalise_database_url
    app = create_app({"SQLALCHEMY_DATABASE_URI": normalise_database_url(url)})
    with app.app_context():
        upgrade()
        load_library()
        trainer = Trainer(email=f"bench-{time.time_ns()}@example.com", name="Bench", password_hash="x")
        db.session.add(trainer)
        client = Client(trainer=trainer, name="Bench Client", phone="+14155552671", timezone="UTC",
                        reminder_time=__import__("datetime").time(8, 0), training_days_csv="mon,wed,fri")
        db.session.add(client)
        assessments = {}
        for name, case in CASES.items():
            assessment = Assessment(client=client, performed_on=date(2026, 11, 20), notes=name)
            assessment.findings = [MuscleFinding(muscle_slug=f.muscle, side=f.side, status=f.status,
                                                 sources=f.sources, position=i)
                                   for i, f in enumerate(findings(case["findings"]))]
            assessment.pain_scores = [PainScore(region="knee", score=5, position=0)]
            db.session.add(assessment)
            assessments[name] = assessment
        db.session.commit()

        print(f"database: {db.engine.url.render_as_string()}   runs per case: {args.runs}")
        catalog = load_catalog(trainer.id)
        for name, case in CASES.items():
            found, pain = assessment_inputs(assessments[name])
            params = Params(weeks=case["weeks"], sessions_per_week=case["sessions"],
                            minutes_per_session=case["minutes"], equipment=tuple(EQUIPMENT),
                            days=("mon", "tue", "wed", "thu", "fri")[:case["sessions"]],
                            start_date=date(2026, 11, 23))
            pure = []
            for _ in range(args.runs):
                started = time.perf_counter()
                program = generate(found, pain, params, catalog.exercises, catalog.muscle_names, date(2026, 11, 20))
                pure.append(time.perf_counter() - started)
            items = sum(len(s.items) for w in program.weeks for s in w.sessions)
            print(f"\n{name}: {case['findings']} findings, {case['weeks']} weeks x {case['sessions']} sessions "
                  f"({items} items, {len(program.uncovered)} uncovered)")
            print("  " + report("generator alone         ", pure))

            class Body:
                assessment_id = assessments[name].id
                start_date = date(2026, 11, 23)
                weeks = case["weeks"]
                sessions_per_week = case["sessions"]
                minutes_per_session = case["minutes"]
                equipment = EQUIPMENT

            whole = []
            for _ in range(max(args.runs // 4, 10)):
                db.session.expire_all()
                started = time.perf_counter()
                create_program(client, trainer, Body, date(2026, 11, 23))
                db.session.flush()
                whole.append(time.perf_counter() - started)
                db.session.rollback()
            print("  " + report("with the database       ", whole))

        statements = []

        def count(*_):
            statements.append(1)

        print("\nSQL statements for one whole generation (typical findings):")
        for weeks in (6, 12):
            class Body:
                assessment_id = assessments["typical"].id
                start_date = date(2026, 11, 23)
                sessions_per_week = 3
                minutes_per_session = 20
                equipment = EQUIPMENT
            Body.weeks = weeks
            db.session.expire_all()
            event.listen(db.engine, "before_cursor_execute", count)
            statements.clear()
            create_program(client, trainer, Body, date(2026, 11, 23))
            db.session.flush()
            event.remove(db.engine, "before_cursor_execute", count)
            db.session.rollback()
            print(f"  {weeks:2d} weeks: {len(statements)} statements")


if __name__ == "__main__":
    main()
