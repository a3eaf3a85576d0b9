"""Function beside pain: the Patient-Specific Functional Scale over time.

The PSFS (Stratford et al., Physiother Can 1995) has the client name up to
5 activities they find hard and rate each 0 (unable) to 10 (able as before
the problem); its score is the mean of those ratings, higher is better.

The change is the latest assessment's mean minus the first one's. It is an
important change when it reaches the minimal important difference of 2
points for the mean (Horn et al., JOSPT 2012; Abbott & Schmitt 2014 report
1.3-2.7 depending on the size of change, so 2 is the middle of that range).
Plain functions over plain data: no Flask, no database.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

PSFS_MID_POINTS = 2.0  # Horn et al. 2012

IMPROVED, WORSENED, NO_IMPORTANT_CHANGE = "improved", "worsened", "no_important_change"


@dataclass(frozen=True)
class PsfsPoint:
    """One assessment's PSFS: its activities in the client's order, and their mean."""
    date: date
    activities: tuple[tuple[str, int], ...]

    @property
    def mean(self) -> float:
        return sum(score for _, score in self.activities) / len(self.activities)


@dataclass(frozen=True)
class PsfsChange:
    points: float | None  # latest mean minus the first; positive is better
    verdict: str | None  # None with fewer than two assessments to compare
    mid_points: float = PSFS_MID_POINTS


def psfs_series(rows: Iterable[tuple[int, date, str, int]], today: date) -> tuple[PsfsPoint, ...]:
    """`rows` are (assessment id, performed_on, activity, score) in the
    client's order within each assessment; one point per assessment dated
    up to `today`, oldest first (same-day assessments by id)."""
    grouped: dict[int, tuple[date, list[tuple[str, int]]]] = {}
    for assessment_id, performed_on, activity, score in rows:
        if performed_on <= today:
            grouped.setdefault(assessment_id, (performed_on, []))[1].append((activity, score))
    ordered = sorted(grouped.items(), key=lambda item: (item[1][0], item[0]))
    return tuple(PsfsPoint(day, tuple(activities)) for _, (day, activities) in ordered)


def psfs_change(series: tuple[PsfsPoint, ...], mid_points: float = PSFS_MID_POINTS) -> PsfsChange:
    """The first-to-latest change of the mean, judged against the MID."""
    if len(series) < 2:
        return PsfsChange(None, None, mid_points)
    points = series[-1].mean - series[0].mean
    # Rounded before comparing, so 1.9999999 from float sums is not "short of 2".
    if round(points, 6) >= mid_points:
        verdict = IMPROVED
    elif round(points, 6) <= -mid_points:
        verdict = WORSENED
    else:
        verdict = NO_IMPORTANT_CHANGE
    return PsfsChange(points, verdict, mid_points)
