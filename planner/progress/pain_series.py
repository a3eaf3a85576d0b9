"""The pain series behind a report: check-ins as rows, the baseline and the
7-day means. Plain functions over plain data, linear in the number of
check-ins; planner/progress/flares.py finds flares and spikes in it,
planner/progress/pain_monitoring.py judges each session's load, and
planner/progress/report.py builds the report from them.

- Pain series: every check-in with a score (`pain`, the client's usual pain
  that day), plus each assessment's pain (its highest region, the primary
  complaint). Assessment points are shown, not averaged: a clinic score per
  region is not the same measure as a daily SMS score, so means, flares and
  relief use check-ins only. A check-in may also carry `exercise_pain`
  (during that day's session) and `morning_pain` (on waking that day), for
  the pain-monitoring model.
- Baseline: the earliest assessment with pain scores (highest region); when
  there is none, the mean of the first week of check-ins (the first
  `rolling_window_days` days from the first score, the same span as the mean
  it is compared with). Relief is judged from the day the baseline is known:
  the assessment's day, or the day after the baseline week (a week's own
  scores cannot be measured against their own mean).
- Rolling mean: at each check-in date with a score, the mean of the scores in
  the 7 calendar days ending on that date, and how many scores it holds.
  Days are calendar days, not check-ins, so a gap of a week empties the
  window: the first score after such a gap stands alone, and a day whose
  window is empty has no value (`window_mean` returns None; `current_pain`
  is None when the last score is a week old or more).
- Reference mean: the client's own usual level before a day, the mean of the
  scores in the 7 days before it (the day itself left out, or a bad day
  would dilute its own rise); flares and severe scores are measured from it.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import fmean
from typing import NamedTuple

from planner.progress.report_rules import DEFAULT_THRESHOLDS, PAIN_SCALE_MAX

# Means are float divisions of integer sums; a comparison such as "exactly
# 30% below" must not fail on the last binary digit.
TOLERANCE = 1e-9


class CheckInRow(NamedTuple):
    """One check-in, as CheckIn stores it: the client's local date, usual
    pain 0-10 or None, whether the session was done or None when not said,
    pain during the session and pain on waking that morning (0-10 or None).
    Plain (date, pain, done) tuples are accepted wherever rows are."""
    date: date
    pain: int | None
    done: bool | None
    exercise_pain: int | None = None
    morning_pain: int | None = None


@dataclass(frozen=True)
class AssessmentPain:
    """An assessment's pain scores by region, in the order they were taken."""
    date: date
    pain_by_region: Mapping[str, int]

    def primary(self) -> tuple[str, int] | None:
        """The highest region and its score (the first of equals): the
        primary complaint, whose relief the report follows."""
        if not self.pain_by_region:
            return None
        return max(self.pain_by_region.items(), key=lambda item: item[1])


class PainPoint(NamedTuple):
    date: date
    score: int
    source: str  # "checkin" or "assessment"


class MeanPoint(NamedTuple):
    date: date
    value: float


@dataclass(frozen=True)
class Baseline:
    value: float
    source: str  # "assessment" or "first_week"
    evaluate_from: date  # the first day relief is judged on
    region: str | None = None  # the assessment region it came from



def checkin_rows(checkins: Iterable[Sequence], today: date) -> list[CheckInRow]:
    """The check-ins up to `today`, oldest first. Later rows are left out, so a
    report replayed for a past day sees only what was known then. One row per
    date (CheckIn's unique key) and pain within 0-10, or ValueError."""
    rows = sorted((CheckInRow(*row) for row in checkins if row[0] <= today), key=lambda row: row.date)
    for earlier, later in zip(rows, rows[1:]):
        if earlier.date == later.date:
            raise ValueError(f"two check-ins on {later.date}")
    for row in rows:
        for name, value in zip(PAIN_FIELDS, (row.pain, row.exercise_pain, row.morning_pain)):
            if value is not None and not 0 <= value <= PAIN_SCALE_MAX:
                raise ValueError(f"{name} {value} on {row.date} is outside 0-{PAIN_SCALE_MAX}")
    return rows


PAIN_FIELDS = ("pain", "exercise pain", "morning pain")


def scored(rows: Sequence[CheckInRow]) -> list[tuple[date, int]]:
    """(date, pain) of the rows that have a pain score."""
    return [(row.date, row.pain) for row in rows if row.pain is not None]


def pain_series(rows: Sequence[CheckInRow], assessments: Sequence[AssessmentPain] = ()) -> list[PainPoint]:
    """Check-in scores and assessment scores (highest region), by date; on a
    shared date the assessment comes first, as it was taken first."""
    points = [PainPoint(a.date, a.primary()[1], "assessment") for a in assessments if a.primary()]
    points += [PainPoint(day, score, "checkin") for day, score in scored(rows)]
    return sorted(points, key=lambda p: (p.date, p.source != "assessment"))


def baseline(rows: Sequence[CheckInRow], assessments: Sequence[AssessmentPain] = (),
             window_days: int = DEFAULT_THRESHOLDS.rolling_window_days) -> Baseline | None:
    """The earliest assessment's highest region score, or the first week's
    mean of check-ins; None when neither exists (see the module docstring)."""
    with_pain = sorted((a for a in assessments if a.primary()), key=lambda a: a.date)
    if with_pain:
        first = with_pain[0]
        region, score = first.primary()
        return Baseline(float(score), "assessment", first.date, region)
    points = scored(rows)
    if not points:
        return None
    week_end = points[0][0] + timedelta(days=window_days - 1)
    first_week = [score for day, score in points if day <= week_end]
    return Baseline(fmean(first_week), "first_week", week_end + timedelta(days=1))


def _check_order(points: Sequence[tuple[date, int]]) -> None:
    for (earlier, _), (later, _) in zip(points, points[1:]):
        if earlier >= later:
            raise ValueError("scores must be oldest first, one per date")


def rolling_mean(points: Sequence[tuple[date, int]],
                 window_days: int = DEFAULT_THRESHOLDS.rolling_window_days) -> list[MeanPoint]:
    """At each scored date, the mean of the scores in the `window_days`
    calendar days ending on it (itself included)."""
    return [mean for mean, _ in rolling_mean_and_count(points, window_days)]


def rolling_mean_and_count(points: Sequence[tuple[date, int]],
                           window_days: int = DEFAULT_THRESHOLDS.rolling_window_days) -> list[tuple[MeanPoint, int]]:
    """`rolling_mean` with the number of scores behind each mean. One pass:
    the window's sum is kept and the days that leave it are taken off."""
    _check_order(points)
    means = []
    window: deque[tuple[int, int]] = deque()
    total = 0
    for day, score in points:
        ordinal = day.toordinal()
        window.append((ordinal, score))
        total += score
        while window[0][0] <= ordinal - window_days:
            total -= window.popleft()[1]
        means.append((MeanPoint(day, total / len(window)), len(window)))
    return means


def reference_means(points: Sequence[tuple[date, int]],
                    window_days: int = DEFAULT_THRESHOLDS.rolling_window_days) -> list[float | None]:
    """For each score, the mean of the scores in the `window_days` days
    before its day (the day itself left out); None when they hold none. A
    client who checks in weekly is compared with last week's score."""
    _check_order(points)
    references = []
    before: deque[tuple[int, int]] = deque()
    total = 0
    for day, score in points:
        ordinal = day.toordinal()
        while before and before[0][0] < ordinal - window_days:
            total -= before.popleft()[1]
        references.append(total / len(before) if before else None)
        before.append((ordinal, score))
        total += score
    return references


def window_mean(points: Sequence[tuple[date, int]], end: date,
                window_days: int = DEFAULT_THRESHOLDS.rolling_window_days) -> float | None:
    """The mean of the scores in the `window_days` days ending on `end`;
    None when the window holds no score."""
    start = end - timedelta(days=window_days - 1)
    inside = [score for day, score in points if start <= day <= end]
    return fmean(inside) if inside else None
