"""Helpers for the report's pure tests (test_report*.py, test_pain_series.py).

Series are written out as (date, score) so each expected mean, flare and
status can be checked by hand. 2026-03-02 is a Monday; most clients here
check in on their training days, Monday, Wednesday and Friday.

JOURNEY is one client's series through every relief status, used by the
relief tests and the report's own."""
from __future__ import annotations

from datetime import date

from planner.progress.report import AssessmentPain, build_report


def D(iso: str) -> date:
    return date.fromisoformat(iso)


def checkins(series) -> list[tuple]:
    """("2026-03-02", 3) pain only, or ("2026-03-02", 3, True) with done."""
    return [(D(day), score, rest[0] if rest else None) for day, score, *rest in series]


def report(series, today, baseline_pain=None, assessed_on="2026-03-02", **kwargs):
    assessments = [AssessmentPain(D(assessed_on), {"knee": baseline_pain})] if baseline_pain is not None else []
    return build_report(checkins(series), today=D(today), assessments=assessments, **kwargs)


def relief(series, today, baseline_pain=None, **kwargs):
    r = report(series, today, baseline_pain, **kwargs).relief
    return r.status, r.since


def history(series, today, baseline_pain=None, **kwargs):
    return [(c.status, c.date.isoformat()) for c in report(series, today, baseline_pain, **kwargs).relief.history]


# Baseline 6 (assessment on 2026-03-02). Means worked out by hand:
# 03-30 day 28 of improving with 13 check-ins: lasting.
# 04-01 mean (3+3+5)/3 = 3.67, 39% below 6: still lasting (the 5 is a rise flare).
# 04-03 mean (3+5+5)/3 = 4.33, 28% below: relapsed.
# 04-06 mean (5+5+2)/3 = 4.00, 2 points and 33% below: improving again.
# 04-13 mean (2+2+6)/3 = 3.33: improving; 04-15 (2+6+6)/3 = 4.67, 1.33 points: relapsed again.
JOURNEY = [
    ("2026-03-02", 3), ("2026-03-04", 3), ("2026-03-06", 3), ("2026-03-09", 2), ("2026-03-11", 3),
    ("2026-03-13", 3), ("2026-03-16", 2), ("2026-03-18", 3), ("2026-03-20", 3), ("2026-03-23", 3),
    ("2026-03-25", 2), ("2026-03-27", 3), ("2026-03-30", 3), ("2026-04-01", 5), ("2026-04-03", 5),
    ("2026-04-06", 2), ("2026-04-08", 2), ("2026-04-10", 2), ("2026-04-13", 6), ("2026-04-15", 6),
]
