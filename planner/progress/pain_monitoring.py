"""The pain-monitoring model: a verdict on each session's load from the pain
during it and the next morning (Silbernagel et al., Am J Sports Med 2007).
Plain functions over plain data.

- safe: pain during the session 0-2 (`exercise_pain_safe_max`).
- acceptable: up to 5 (`exercise_pain_acceptable_max`) and settled by the
  next morning: the next morning's pain no worse than before the session.
- too_much: above 5, or the next morning's pain worse than before the
  session (by `morning_worse_points`, 1 by default: any rise), whatever
  the pain during it.
- None: not judged yet: pain 3-5 whose next morning (or the pain before the
  session) is not recorded.

"Before the session" is the pain on waking that day (`morning_pain` of the
session day's check-in): the same question at the same time of day as the
next morning's, so stiffness on waking is compared with stiffness on waking.
When it was not recorded, that day's usual pain stands in. The model is a
rule about the response to a session; it is not a ceiling on a chronic-pain
client's daily pain.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import NamedTuple

from planner.progress.pain_series import CheckInRow
from planner.progress.report_rules import DEFAULT_THRESHOLDS, Thresholds

SAFE, ACCEPTABLE, TOO_MUCH = "safe", "acceptable", "too_much"
VERDICTS = (SAFE, ACCEPTABLE, TOO_MUCH)


class SessionLoad(NamedTuple):
    date: date  # the session day
    exercise_pain: int | None
    morning_pain: int | None  # the next morning's pain
    pain_before: int | None  # that morning's pain, else that day's usual pain
    verdict: str | None


def session_verdict(exercise_pain: int | None, pain_before: int | None, next_morning: int | None,
                    thresholds: Thresholds = DEFAULT_THRESHOLDS) -> str | None:
    """SAFE, ACCEPTABLE, TOO_MUCH or None (see the module docstring)."""
    worse_next_morning = (next_morning is not None and pain_before is not None
                          and next_morning - pain_before >= thresholds.morning_worse_points)
    if worse_next_morning or (exercise_pain is not None and exercise_pain > thresholds.exercise_pain_acceptable_max):
        return TOO_MUCH
    if exercise_pain is None:
        return None
    if exercise_pain <= thresholds.exercise_pain_safe_max:
        return SAFE
    settled = next_morning is not None and pain_before is not None
    return ACCEPTABLE if settled else None


def session_loads(rows: Sequence[CheckInRow], thresholds: Thresholds = DEFAULT_THRESHOLDS) -> list[SessionLoad]:
    """One entry per session day, oldest first: each check-in with a pain
    score during exercise, and each session done without one whose next
    morning was worse (the only verdict such a day can have). The next
    morning is the next calendar day's check-in."""
    mornings = {row.date: row.morning_pain for row in rows if row.morning_pain is not None}
    loads = []
    for row in rows:
        if row.exercise_pain is None and not (row.done and mornings):
            continue
        next_morning = mornings.get(row.date + timedelta(days=1))
        before = row.morning_pain if row.morning_pain is not None else row.pain
        verdict = session_verdict(row.exercise_pain, before, next_morning, thresholds)
        if row.exercise_pain is not None or verdict is not None:
            loads.append(SessionLoad(row.date, row.exercise_pain, next_morning, before, verdict))
    return loads
