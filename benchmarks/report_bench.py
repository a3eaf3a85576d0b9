"""Report statistics benchmark: the pure report for two years of daily check-ins.

    .venv/bin/python benchmarks/report_bench.py [--runs 500] [--days 730]

Prints the time of `build_report` (median and p95 over many runs, wall
and CPU) for a client with a check-in every day for two years (730 points:
pain, done, pain during the session and on waking), an assessment, and
three prescribed sessions a week; the same with `as_dict()`, what the API
will serve; and the drawing of its pain and adherence charts. Target: well
under 10 ms each. No database: the functions are pure, so this is all their cost.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from planner.progress.charts import Band, adherence_chart, pain_chart  # noqa: E402
from planner.progress.report import AssessmentPain, build_report  # noqa: E402

START = date(2024, 1, 1)  # a Monday


def client(days: int, seed: int = 1):
    """Pain falling from about 7 to about 2 over the first months, with noise,
    spikes and a relapse in the second year; sessions Monday, Wednesday, Friday,
    done about four times in five, with pain during each session done and on
    waking each day."""
    rng = random.Random(seed)
    monitoring = random.Random(seed + 1)  # its own stream, so the pain series stays as it was
    checkins = []
    for offset in range(days):
        level = max(2.0, 7 - offset / 30) if offset < 450 else 5.0 if offset < 500 else 2.0
        pain = min(10, max(0, round(level + rng.gauss(0, 1))))
        day = START + timedelta(days=offset)
        done = rng.random() < 0.8 if day.weekday() in (0, 2, 4) else None
        exercise_pain = max(0, pain - monitoring.randint(0, 3)) if done else None
        morning_pain = max(0, pain - monitoring.randint(-1, 1))
        checkins.append((day, pain, done, exercise_pain, morning_pain))
    prescribed = [START + timedelta(days=o) for o in range(days) if (START + timedelta(days=o)).weekday() in (0, 2, 4)]
    return checkins, prescribed, [AssessmentPain(START, {"low_back": 7, "hip": 5})]


def timed(fn, runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds of each run."""
    fn()  # warm up
    wall, cpu = [], []
    for _ in range(runs):
        start, cpu_start = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - cpu_start) * 1000)
    return wall, cpu


def describe(label: str, samples: tuple[list[float], list[float]]) -> str:
    wall, cpu = samples
    p95 = statistics.quantiles(wall, n=20)[-1]
    return (f"{label:<34} median {statistics.median(wall):6.2f} ms   p95 {p95:6.2f} ms   "
            f"CPU {statistics.median(cpu):6.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=500)
    parser.add_argument("--days", type=int, default=730)
    args = parser.parse_args()
    checkins, prescribed, assessments = client(args.days)
    today = START + timedelta(days=args.days - 1)

    def report():
        return build_report(checkins, today=today, prescribed=prescribed, assessments=assessments)

    result = report()
    print(f"{args.days} daily check-ins, {len(prescribed)} prescribed sessions, {args.runs} runs")
    print(f"relief {result.relief.status} since {result.relief.since}, {len(result.flares)} flare days, "
          f"{len(result.spikes)} spikes, {len(result.pain_monitoring)} sessions judged, "
          f"relapses {[d.isoformat() for d in result.relief.relapses]}, adherence {result.adherence.pct:.1f}%")
    print(describe("build_report", timed(report, args.runs)))
    print(describe("build_report + as_dict", timed(lambda: report().as_dict(), args.runs)))
    scores = [(p.date, p.score) for p in result.pain_series if p.source == "checkin"]
    rolling = [(m.date, m.value) for m in result.rolling_mean]
    flares, spikes = [(f.date, f.score) for f in result.flares], [(s.date, s.score) for s in result.spikes]
    bands = [Band(START + timedelta(weeks=26 * n), START + timedelta(weeks=26 * n + 26, days=-1), f"program {n + 1}")
             for n in range(args.days // 182)]
    print(describe("pain chart (SVG)", timed(lambda: pain_chart(
        scores, rolling, flares, bands, result.baseline_pain, 4.2, (START, today), spikes=spikes), args.runs)))
    weeks = [(w.week_start, w.done, w.prescribed) for w in result.adherence.by_week]
    print(describe("adherence chart (SVG)", timed(lambda: adherence_chart(weeks), args.runs)))


if __name__ == "__main__":
    main()
