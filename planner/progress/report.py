"""The progress report's statistics: plain functions over plain data (no
Flask, no database), deterministic, and linear in the number of check-ins.

What it computes, and the decisions behind it (the pain series, baseline,
rolling mean and flares it starts from: planner/progress/pain_series.py):
- Change against baseline: current 7-day mean (the window ending today) minus
  the baseline; negative is better. Percent is None when the baseline is 0.
- Flares: see `find_flares`. Relief: see `relief_status`. Adherence: see
  `adherence`.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from planner.progress.pain_series import (TOLERANCE, AssessmentPain, Baseline, CheckInRow, Flare, MeanPoint, PainPoint, baseline, checkin_rows, find_flares, pain_series, rolling_mean, scored, window_mean)
from planner.progress.report_rules import DEFAULT_THRESHOLDS, Thresholds

NONE, IMPROVING, LASTING, RELAPSED = "none", "improving", "lasting", "relapsed"
RELIEF_STATUSES = (NONE, IMPROVING, LASTING, RELAPSED)

# Why a status is `none` when the data cannot show relief at all.
RELIEF_REASONS = {
    "no_pain_scores": "No assessment pain and no check-in with a pain score: there is no baseline.",
    "baseline_zero": "Baseline pain is 0: there is no pain to relieve.",
    "baseline_below_change": "Baseline pain is below the clinically important change in points: "
                             "no improvement of that size is possible.",
    "baseline_week": "The baseline is the first week's mean and no check-in has come since that week.",
    "no_checkins": "No check-in with a pain score since the assessment.",
}


class StatusChange(NamedTuple):
    date: date
    status: str



@dataclass(frozen=True)
class WeekAdherence:
    week_start: date  # Monday (ISO week)
    done: int
    prescribed: int


@dataclass(frozen=True)
class Adherence:
    done: int
    prescribed: int
    by_week: tuple[WeekAdherence, ...]

    @property
    def pct(self) -> float | None:
        return 100 * self.done / self.prescribed if self.prescribed else None


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


@dataclass(frozen=True)
class Report:
    today: date
    baseline: Baseline | None
    current_pain: float | None
    change_points: float | None
    change_pct: float | None
    pain_series: tuple[PainPoint, ...]
    rolling_mean: tuple[MeanPoint, ...]
    adherence: Adherence
    relief: Relief
    flares: tuple[Flare, ...]
    thresholds: Thresholds

    @property
    def baseline_pain(self) -> float | None:
        return self.baseline.value if self.baseline else None

    def as_dict(self) -> dict:
        """The API's shape, JSON-ready: ISO dates, pain to 2 decimals,
        percentages to 1. Keys beyond the agreed shape only add detail."""
        return {
            "as_of": self.today.isoformat(),
            "baseline_pain": _round(self.baseline_pain, 2),
            "baseline_source": self.baseline.source if self.baseline else None,
            "baseline_region": self.baseline.region if self.baseline else None,
            "current_pain": _round(self.current_pain, 2),
            "change_points": _round(self.change_points, 2),
            "change_pct": _round(self.change_pct, 1),
            "pain_series": [{"date": p.date.isoformat(), "score": p.score, "source": p.source}
                            for p in self.pain_series],
            "rolling_mean": [{"date": m.date.isoformat(), "value": round(m.value, 2)} for m in self.rolling_mean],
            "adherence": {
                "pct": _round(self.adherence.pct, 1),
                "done": self.adherence.done,
                "prescribed": self.adherence.prescribed,
                "by_week": [{"week_start": w.week_start.isoformat(), "done": w.done, "prescribed": w.prescribed}
                            for w in self.adherence.by_week],
            },
            "relief": {
                "status": self.relief.status,
                "since": _iso(self.relief.since),
                "relapses": [d.isoformat() for d in self.relief.relapses],
                "reason": self.relief.reason,
                "lasting_clock_since": _iso(self.relief.lasting_clock_since),
                "history": [{"date": c.date.isoformat(), "status": c.status} for c in self.relief.history],
            },
            "flares": [{"date": f.date.isoformat(), "score": f.score, "rules": list(f.rules)} for f in self.flares],
            "thresholds": self.thresholds.as_dict(),
        }


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None



def relief_status(means: Sequence[MeanPoint], flares: Iterable[Flare], base: Baseline | None,
                  thresholds: Thresholds = DEFAULT_THRESHOLDS) -> Relief:
    """Walk the scored check-ins from `base.evaluate_from`, oldest first; the
    status changes only on a check-in (new evidence), never by time alone.

    - none -> improving: the 7-day mean is at least `mcid_points` and at
      least `mcid_percent` below baseline.
    - improving -> none: the mean no longer is (before any lasting relief).
    - improving -> lasting: improving held for `lasting_days` with at least
      `lasting_min_checkins` scored check-ins and no flare. The clock starts
      at an improving check-in; a flare stops it (the next improving
      check-in restarts it), and so does a gap with a day whose 7-day window
      is empty (more than `rolling_window_days` between check-ins): relief
      not seen that day cannot be said to have held.
    - lasting -> relapsed: the mean comes back within `mcid_percent` of
      baseline. A flare alone does not end lasting relief (it is listed).
    - relapsed -> improving: improving again, shown as such; the relapse
      stays in `relapses`, and lasting again needs the full clock.
    - improving -> relapsed: once lasting relief has been reached, losing
      improvement again reads as `relapsed`, not `none`. It is not a new
      entry in `relapses`, which records only the ends of lasting relief:
      a mean hovering near the line would otherwise "relapse" every week.
    `since` is the date the current status began, `lasting` included (the
    day it was reached)."""
    if base is None:
        return Relief(NONE, None, reason="no_pain_scores")
    if base.value <= TOLERANCE:
        return Relief(NONE, None, reason="baseline_zero")
    if base.value < thresholds.mcid_points - TOLERANCE:
        return Relief(NONE, None, reason="baseline_below_change")
    judged = [m for m in means if m.date >= base.evaluate_from]
    if not judged:
        return Relief(NONE, None, reason="baseline_week" if base.source == "first_week" else "no_checkins")

    flare_days = {f.date for f in flares}
    points_needed = thresholds.mcid_points - TOLERANCE
    percent_needed = thresholds.mcid_percent * base.value - TOLERANCE  # compared with reduction x 100
    status, history, relapses = NONE, [], []
    reached_lasting = False
    clock_since: date | None = None
    clock_checkins = 0
    previous: date | None = None

    def change(day: date, new_status: str) -> None:
        nonlocal status
        if status == LASTING:
            relapses.append(day)
        status = new_status
        history.append(StatusChange(day, new_status))

    for day, value in judged:
        gap = previous is not None and (day - previous).days > thresholds.rolling_window_days
        previous = day
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
                if clock_since is None or gap:
                    clock_since, clock_checkins = day, 1
                else:
                    clock_checkins += 1
                if ((day - clock_since).days >= thresholds.lasting_days
                        and clock_checkins >= thresholds.lasting_min_checkins):
                    change(day, LASTING)
                    reached_lasting = True
                    clock_since, clock_checkins = None, 0
        elif not percent_met:  # lasting
            change(day, RELAPSED)

    since = history[-1].date if history else None
    return Relief(status, since, tuple(relapses), None, tuple(history),
                  clock_since if status == IMPROVING else None)


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def adherence(rows: Sequence[CheckInRow], prescribed: Iterable[date], today: date) -> Adherence:
    """Sessions done over sessions prescribed, by ISO week (Monday start).

    - Prescribed: sessions dated before today, and today's once it is done
      (the day is not over until then). Later sessions are not yet due.
    - Done: check-ins marked done. A session moved to another day of the
      same week still counts, as a trainer would count it: each week's done
      is the number of done days in it, capped at what the week prescribed.
      Done days in a week with nothing prescribed are extra, not counted."""
    done_days = {row.date for row in rows if row.done is True and row.date <= today}
    due: dict[date, int] = {}
    for day in prescribed:
        if day < today or (day == today and day in done_days):
            week = _week_start(day)
            due[week] = due.get(week, 0) + 1
    done_by_week: dict[date, int] = {}
    for day in done_days:
        week = _week_start(day)
        done_by_week[week] = done_by_week.get(week, 0) + 1
    by_week = tuple(WeekAdherence(week, min(done_by_week.get(week, 0), count), count)
                    for week, count in sorted(due.items()))
    return Adherence(sum(w.done for w in by_week), sum(w.prescribed for w in by_week), by_week)


def change_against_baseline(current: float | None, base: float | None) -> tuple[float | None, float | None]:
    """(points, percent) of current minus baseline; negative is better.
    Percent is None when the baseline is 0: no change is a share of nothing."""
    if current is None or base is None:
        return None, None
    points = current - base
    return points, (100 * points / base if base else None)


def build_report(checkins: Iterable[Sequence], *, today: date, prescribed: Iterable[date] = (),
                 assessments: Sequence[AssessmentPain] = (),
                 thresholds: Thresholds = DEFAULT_THRESHOLDS) -> Report:
    """The whole report for one client as of `today` (the client's local
    date). `checkins` are (date, pain, done) rows in any order; `prescribed`
    the program's session dates; `assessments` those of this program (the
    earliest with pain is the baseline). Nothing dated after today counts."""
    rows = checkin_rows(checkins, today)
    points = scored(rows)
    assessments = [a for a in assessments if a.date <= today]
    window_days = thresholds.rolling_window_days
    base = baseline(rows, assessments, window_days)
    means = rolling_mean(points, window_days)
    flares = find_flares(points, thresholds)
    current = window_mean(points, today, window_days)
    change_points, change_pct = change_against_baseline(current, base.value if base else None)
    return Report(
        today=today,
        baseline=base,
        current_pain=current,
        change_points=change_points,
        change_pct=change_pct,
        pain_series=tuple(pain_series(rows, assessments)),
        rolling_mean=tuple(means),
        adherence=adherence(rows, prescribed, today),
        relief=relief_status(means, flares, base, thresholds),
        flares=tuple(flares),
        thresholds=thresholds,
    )
