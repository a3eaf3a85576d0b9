"""Relief status and how long relief has held: plain functions over the
7-day means (planner/progress/pain_series.py) and the flares
(planner/progress/flares.py). The thresholds and their sources are in
planner/progress/report_rules.py."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from planner.progress.pain_series import TOLERANCE, Baseline, MeanPoint
from planner.progress.report_rules import DEFAULT_THRESHOLDS, Thresholds

NONE, IMPROVING, LASTING, RELAPSED = "none", "improving", "lasting", "relapsed"
RELIEF_STATUSES = (NONE, IMPROVING, LASTING, RELAPSED)

# Why a status is `none` when the data cannot show relief at all.
RELIEF_REASONS = {
    "no_pain_scores": "No assessment pain and no check-in with a pain score: there is no baseline.",
    "baseline_zero": "Baseline pain is 0: there is no pain to relieve.",
    "baseline_below_change": "Baseline pain is below the smallest drop in points that counts: "
                             "no improvement of that size is possible.",
    "baseline_week": "The baseline is the first week's mean and no check-in has come since that week.",
    "no_checkins": "No check-in with a pain score since the assessment.",
}


class StatusChange(NamedTuple):
    date: date
    status: str


class ReliefEpisode(NamedTuple):
    """One stretch of relief: from the day it began improving, lasting from
    the day it held long enough (None if it never did), ended on the day the
    mean came back (None while it holds)."""
    improving_since: date
    lasting_since: date | None
    ended_on: date | None


@dataclass(frozen=True)
class Relief:
    status: str
    since: date | None  # the date the current status began; None for `none` from the start
    relapses: tuple[date, ...] = ()  # every date lasting relief was lost
    reason: str | None = None  # a RELIEF_REASONS key when the data cannot show relief
    history: tuple[StatusChange, ...] = ()
    # While improving: the first check-in of the unbroken, flare-free run that
    # counts towards `lasting`; None until such a check-in comes.
    lasting_clock_since: date | None = None
    episodes: tuple[ReliefEpisode, ...] = ()

    def days_held(self, today: date) -> int | None:
        """Days since the current episode began improving; None when no
        relief holds now."""
        if self.status not in (IMPROVING, LASTING) or not self.episodes:
            return None
        return (today - self.episodes[-1].improving_since).days


def relief_status(means: Sequence[MeanPoint], flares: Iterable, base: Baseline | None,
                  thresholds: Thresholds = DEFAULT_THRESHOLDS, *, window_counts: Sequence[int],
                  unsettled: date | None = None) -> Relief:
    """Walk the scored check-ins from `base.evaluate_from`, oldest first; the
    status changes only on a check-in (new evidence), never by time alone.
    `window_counts` is the number of scores behind each mean; `flares` have
    a `.date` each; `unsettled` is a raised day not yet shown to be a flare
    or a spike.

    - A mean of fewer than `min_window_checkins` scores is not judged: the
      status holds (one reply is not a trend).
    - none -> improving: the 7-day mean is at least `mcid_percent` and at
      least `min_drop_points` below baseline.
    - improving -> none: the mean no longer is (before any lasting relief).
    - improving -> lasting: improving held for `lasting_days` with at least
      `lasting_min_checkins` judged check-ins and no flare. The clock starts
      at an improving check-in; a flare day stops it (the next improving
      check-in restarts it), and so does a gap with a day whose 7-day window
      is empty (more than `rolling_window_days` between check-ins): relief
      not seen that day cannot be said to have held. A spike (a raised day
      that settled by the next check-in) counts like any other day; an
      unsettled day cannot complete the clock until its next check-in says
      which it was.
    - lasting -> relapsed: the mean comes back within `mcid_percent` of
      baseline. A flare alone does not end lasting relief (it is listed).
    - relapsed -> improving: improving again, shown as such; the relapse
      stays in `relapses`, and lasting again needs the full clock.
    - improving -> relapsed: once lasting relief has been reached, losing
      improvement again reads as `relapsed`, not `none`. It is not a new
      entry in `relapses`, which records only the ends of lasting relief:
      a mean hovering near the line would otherwise "relapse" every week.
    `since` is the date the current status began, `lasting` included (the
    day it was reached). Each stretch of improvement is an episode."""
    if base is None:
        return Relief(NONE, None, reason="no_pain_scores")
    if base.value <= TOLERANCE:
        return Relief(NONE, None, reason="baseline_zero")
    if base.value < thresholds.min_drop_points - TOLERANCE:
        return Relief(NONE, None, reason="baseline_below_change")
    judged = [(mean, count) for mean, count in zip(means, window_counts) if mean.date >= base.evaluate_from]
    if not judged:
        return Relief(NONE, None, reason="baseline_week" if base.source == "first_week" else "no_checkins")

    flare_days = {f.date for f in flares}
    points_needed = thresholds.min_drop_points - TOLERANCE
    percent_needed = thresholds.mcid_percent * base.value - TOLERANCE  # compared with reduction x 100
    status, history, relapses, episodes = NONE, [], [], []
    reached_lasting = False
    clock_since: date | None = None
    clock_checkins = 0
    previous: date | None = None

    def change(day: date, new_status: str) -> None:
        nonlocal status
        if status == LASTING:
            relapses.append(day)
        if new_status == IMPROVING and status in (NONE, RELAPSED):
            episodes.append(ReliefEpisode(day, None, None))
        elif new_status == LASTING:
            episodes[-1] = episodes[-1]._replace(lasting_since=day)
        elif new_status in (NONE, RELAPSED):
            episodes[-1] = episodes[-1]._replace(ended_on=day)
        status = new_status
        history.append(StatusChange(day, new_status))

    for (day, value), count in judged:
        if previous is not None and (day - previous).days > thresholds.rolling_window_days:
            clock_since, clock_checkins = None, 0
        previous = day
        if count < thresholds.min_window_checkins:
            continue
        reduction = base.value - value
        percent_met = reduction * 100 >= percent_needed
        improving = percent_met and reduction >= points_needed
        flare = day in flare_days
        if status in (NONE, RELAPSED):
            if improving:
                change(day, IMPROVING)
                clock_since, clock_checkins = (None, 0) if flare else (day, 1)
        elif status == IMPROVING:
            if not improving:
                change(day, RELAPSED if reached_lasting else NONE)
                clock_since, clock_checkins = None, 0
            elif flare:
                clock_since, clock_checkins = None, 0
            else:
                if clock_since is None:
                    clock_since, clock_checkins = day, 1
                else:
                    clock_checkins += 1
                if (day != unsettled and (day - clock_since).days >= thresholds.lasting_days
                        and clock_checkins >= thresholds.lasting_min_checkins):
                    change(day, LASTING)
                    reached_lasting = True
                    clock_since, clock_checkins = None, 0
        elif not percent_met:  # lasting
            change(day, RELAPSED)

    since = history[-1].date if history else None
    return Relief(status, since, tuple(relapses), None, tuple(history),
                  clock_since if status == IMPROVING else None, tuple(episodes))
