"""Flares, spikes and severe scores in a client's pain series, measured
against the client's own usual level. Plain functions over plain data, one
pass over the scores.

- Raised: a usual-pain score at least `flare_rise_points` (2) above the
  client's reference mean (the 7 days before it, planner/progress/
  pain_series.py) and above the baseline. A score at or below the baseline
  is never raised: for a client whose pain began high, a 6 after a good week
  of 3s is still better than they came in.
- Flare: a raised score still raised at the next check-in (at least 2 above
  the same usual level, above the baseline). A flare is a worsening that
  lasts, hours to weeks, not one bad reading (Costa et al., J Pain 2019;
  later work on pain-defined flares used a 2-point rise over the person's
  usual level). Every check-in of the episode is a flare day, with `since`
  its first day; the episode ends at the first check-in no longer raised.
- Spike: a raised score that has settled by the next check-in. Shown, no
  alert, and it does not stop the lasting clock.
- Unsettled: the latest raised score, whose next check-in has not come:
  not a flare yet, not a spike either.
- Severe: 8 or more and at least 3 above the reference mean (or, with no
  score in the week before, above the baseline). It alerts the trainer at
  once, whatever comes next (Serlin et al., Pain 1995: 7-10 is severe; the
  8 and the 3 are our product choice, planner/progress/report_rules.py).
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from planner.progress.pain_series import TOLERANCE, reference_means
from planner.progress.report_rules import DEFAULT_THRESHOLDS, Thresholds


class Flare(NamedTuple):
    date: date
    score: int
    since: date  # the first day of its episode
    reference_mean: float  # the client's usual level before the episode


class Spike(NamedTuple):
    date: date
    score: int
    reference_mean: float


class SevereScore(NamedTuple):
    date: date
    score: int
    reference_mean: float  # the week before, or the baseline when that week had no score


# What the rules make of one scored day (`PainEvents.verdict_on`).
FLARE, SEVERE, SPIKE, UNSETTLED = "flare", "severe", "spike", "unsettled"
AT_OR_BELOW_BASELINE, NOT_RAISED, NO_SCORE = "at_or_below_baseline", "not_raised", "no_score"


@dataclass(frozen=True)
class PainEvents:
    flares: tuple[Flare, ...] = ()
    spikes: tuple[Spike, ...] = ()
    severe: tuple[SevereScore, ...] = ()
    unsettled: Spike | None = None
    baseline: float | None = None
    scores: Mapping[date, int] = field(default_factory=dict)  # the usual-pain scores judged

    @property
    def flare_days(self) -> frozenset[date]:
        return frozenset(f.date for f in self.flares)

    def is_severe(self, day: date) -> bool:
        return any(s.date == day for s in self.severe)

    def verdict_on(self, day: date) -> str:
        """FLARE, SEVERE, SPIKE, UNSETTLED, NO_SCORE, AT_OR_BELOW_BASELINE or
        NOT_RAISED: the first that applies, in that order."""
        if day in self.flare_days:
            return FLARE
        if self.is_severe(day):
            return SEVERE
        if any(s.date == day for s in self.spikes):
            return SPIKE
        if self.unsettled is not None and self.unsettled.date == day:
            return UNSETTLED
        if day not in self.scores:
            return NO_SCORE
        if self.baseline is not None and self.scores[day] <= self.baseline + TOLERANCE:
            return AT_OR_BELOW_BASELINE
        return NOT_RAISED


def is_severe_score(score: int, reference: float | None, baseline: float | None,
                    thresholds: Thresholds = DEFAULT_THRESHOLDS) -> bool:
    """Severe: `severe_pain_score` or more and `severe_rise_points` above the
    reference mean of the week before (the baseline when that week had no
    score). It depends on nothing else, so the week before is all it reads."""
    level = reference if reference is not None else baseline
    return (level is not None and score >= thresholds.severe_pain_score
            and score - level >= thresholds.severe_rise_points - TOLERANCE)


def never_raised(score: int, baseline: float | None, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> bool:
    """Whether a score is raised over no usual level at all: at or below the
    baseline, or less than the rise above 0 (levels are means of 0-10
    scores). Such a score ends any episode and leaves nothing pending, so
    the verdicts on later days do not depend on any day before it, beyond
    their own reference weeks: a window of recent days that holds one is
    judged exactly as the whole history would be."""
    return ((baseline is not None and score <= baseline + TOLERANCE)
            or score < thresholds.flare_rise_points - TOLERANCE)


def find_pain_events(points: Sequence[tuple[date, int]], baseline: float | None,
                     thresholds: Thresholds = DEFAULT_THRESHOLDS) -> PainEvents:
    """Flares, spikes, severe scores and the unsettled latest rise in scores
    oldest first (see the module docstring). `baseline` None: no baseline
    to stay under (there is then no score either)."""
    references = reference_means(points, thresholds.rolling_window_days)
    rise = thresholds.flare_rise_points - TOLERANCE

    def raised_over(score: int, level: float) -> bool:
        return score - level >= rise and (baseline is None or score > baseline + TOLERANCE)

    flares: list[Flare] = []
    spikes: list[Spike] = []
    severe: list[SevereScore] = []
    episode: tuple[date, float] | None = None  # (since, usual level before it)
    pending: Spike | None = None
    for (day, score), reference in zip(points, references):
        if is_severe_score(score, reference, baseline, thresholds):
            severe.append(SevereScore(day, score, reference if reference is not None else baseline))
        if episode is not None:
            since, level = episode
            if raised_over(score, level):
                flares.append(Flare(day, score, since, level))
                continue
            episode = None
        if pending is not None:
            if raised_over(score, pending.reference_mean):
                since, level = pending.date, pending.reference_mean
                flares += [Flare(since, pending.score, since, level), Flare(day, score, since, level)]
                episode, pending = (since, level), None
                continue
            spikes.append(pending)
            pending = None
        if reference is not None and raised_over(score, reference):
            pending = Spike(day, score, reference)
    return PainEvents(tuple(flares), tuple(spikes), tuple(severe), pending, baseline, dict(points))


def find_flares(points: Sequence[tuple[date, int]], thresholds: Thresholds = DEFAULT_THRESHOLDS,
                baseline: float | None = None) -> list[Flare]:
    """The flare days alone (see `find_pain_events`)."""
    return list(find_pain_events(points, baseline, thresholds).flares)
