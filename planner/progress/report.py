"""The progress report's statistics: plain functions over plain data (no
Flask, no database), deterministic, and linear in the number of check-ins.

What it computes, and where each rule lives:
- The pain series, baseline and 7-day means: planner/progress/pain_series.py.
- Change against baseline: current 7-day mean (the window ending today) minus
  the baseline; negative is better. Percent is None when the baseline is 0.
- Flares, spikes and severe scores: planner/progress/flares.py.
- Each session's load (pain-monitoring model): planner/progress/pain_monitoring.py.
- Relief status and its episodes: planner/progress/relief.py.
- Adherence: `adherence` below.
- Function (PSFS) and its minimal important difference: planner/progress/psfs.py.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from planner.progress.follow_up import FOLLOW_UP_WEEKS, FollowUp, follow_ups
from planner.progress.flares import Flare, PainEvents, SevereScore, Spike, find_flares, find_pain_events
from planner.progress.pain_monitoring import SessionLoad, session_loads
from planner.progress.pain_series import (AssessmentPain, Baseline, CheckInRow, MeanPoint, PainPoint, baseline,
                                          checkin_rows, pain_series, rolling_mean, rolling_mean_and_count, scored,
                                          window_mean)
from planner.progress.psfs import PsfsChange, PsfsPoint, psfs_change, psfs_series
from planner.progress.relief import (IMPROVING, LASTING, NONE, RELAPSED, RELIEF_REASONS, RELIEF_STATUSES, Relief,
                                     ReliefEpisode, StatusChange, relief_status)
from planner.progress.report_rules import DEFAULT_THRESHOLDS, Thresholds

# The names a report's readers use, from the modules that define them.
__all__ = ["AssessmentPain", "Baseline", "CheckInRow", "Flare", "MeanPoint", "PainPoint", "Relief", "ReliefEpisode",
           "SessionLoad", "SevereScore", "Spike", "StatusChange", "IMPROVING", "LASTING", "NONE", "RELAPSED",
           "RELIEF_REASONS", "RELIEF_STATUSES", "Report", "adherence", "baseline", "build_report",
           "change_against_baseline", "checkin_rows", "find_flares", "pain_series", "relief_status",
           "rolling_mean", "window_mean"]


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
    events: PainEvents
    pain_monitoring: tuple[SessionLoad, ...]
    thresholds: Thresholds
    follow_up: tuple[FollowUp, ...] = ()
    follow_up_weeks: tuple[int, ...] = FOLLOW_UP_WEEKS
    psfs: tuple[PsfsPoint, ...] = ()
    psfs_change: PsfsChange = PsfsChange(None, None)

    @property
    def baseline_pain(self) -> float | None:
        return self.baseline.value if self.baseline else None

    @property
    def flares(self) -> tuple[Flare, ...]:
        return self.events.flares

    @property
    def spikes(self) -> tuple[Spike, ...]:
        return self.events.spikes

    @property
    def severe(self) -> tuple[SevereScore, ...]:
        return self.events.severe

    def is_severe(self, day: date) -> bool:
        """Whether the check-in of `day` is a severe score (planner/progress/flares.py)."""
        return self.events.is_severe(day)

    def as_dict(self) -> dict:
        """The API's shape, JSON-ready: ISO dates, pain to 2 decimals,
        percentages to 1. Keys beyond the agreed shape only add detail."""
        unsettled = self.events.unsettled
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
                "episodes": [{"improving_since": e.improving_since.isoformat(), "lasting_since": _iso(e.lasting_since),
                              "ended_on": _iso(e.ended_on)} for e in self.relief.episodes],
                "days_held": self.relief.days_held(self.today),
            },
            "flares": [{"date": f.date.isoformat(), "score": f.score, "since": f.since.isoformat()}
                       for f in self.flares],
            "spikes": [{"date": s.date.isoformat(), "score": s.score} for s in self.spikes],
            "severe": [{"date": s.date.isoformat(), "score": s.score} for s in self.severe],
            "unsettled": {"date": unsettled.date.isoformat(), "score": unsettled.score} if unsettled else None,
            "pain_monitoring": [{"date": load.date.isoformat(), "exercise_pain": load.exercise_pain,
                                 "morning_pain": load.morning_pain, "pain_before": load.pain_before,
                                 "verdict": load.verdict} for load in self.pain_monitoring],
            "follow_up": [{"due_on": f.due_on.isoformat(), "answered_on": _iso(f.answered_on), "pain": f.pain,
                           "relief_held": f.relief_held} for f in self.follow_up],
            "follow_up_weeks": list(self.follow_up_weeks),
            "psfs": [{"date": p.date.isoformat(), "mean": round(p.mean, 2),
                      "activities": [{"activity": a, "score": score} for a, score in p.activities]}
                     for p in self.psfs],
            "psfs_change": {"points": _round(self.psfs_change.points, 2), "mid_points": self.psfs_change.mid_points,
                            "verdict": self.psfs_change.verdict},
            "thresholds": self.thresholds.as_dict(),
        }


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None



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
                 thresholds: Thresholds = DEFAULT_THRESHOLDS, last_session: date | None = None,
                 follow_up_answers: Iterable[tuple[date, date, int]] = (),
                 follow_up_weeks: tuple[int, ...] = FOLLOW_UP_WEEKS,
                 psfs_rows: Iterable[tuple[int, date, str, int]] = ()) -> Report:
    """The whole report for one client as of `today` (the client's local
    date). `checkins` are (date, pain, done[, exercise_pain, morning_pain])
    rows in any order; `prescribed` the program's session dates;
    `assessments` those of this program (the earliest with pain is the
    baseline). Nothing dated after today counts. `last_session` is the
    running program's last session date: once it has passed, the report
    lists its follow-ups with `follow_up_answers` (due_on, answered_on,
    pain) judged against the baseline (planner/progress/follow_up.py).
    `psfs_rows` are (assessment id, performed_on, activity, score) of the
    client's PSFS (planner/progress/psfs.py)."""
    rows = checkin_rows(checkins, today)
    points = scored(rows)
    function = psfs_series(psfs_rows, today)
    assessments = [a for a in assessments if a.date <= today]
    window_days = thresholds.rolling_window_days
    base = baseline(rows, assessments, window_days)
    means_and_counts = rolling_mean_and_count(points, window_days)
    means = [mean for mean, _ in means_and_counts]
    events = find_pain_events(points, base.value if base else None, thresholds)
    current = window_mean(points, today, window_days)
    change_points, change_pct = change_against_baseline(current, base.value if base else None)
    relief = relief_status(means, events.flares, base, thresholds,
                           window_counts=[count for _, count in means_and_counts],
                           unsettled=events.unsettled.date if events.unsettled else None)
    return Report(
        today=today,
        baseline=base,
        current_pain=current,
        change_points=change_points,
        change_pct=change_pct,
        pain_series=tuple(pain_series(rows, assessments)),
        rolling_mean=tuple(means),
        adherence=adherence(rows, prescribed, today),
        relief=relief,
        events=events,
        pain_monitoring=tuple(session_loads(rows, thresholds)),
        thresholds=thresholds,
        follow_up=follow_ups(last_session if last_session and last_session < today else None,
                             follow_up_weeks, follow_up_answers, base.value if base else None,
                             thresholds.mcid_percent, thresholds.min_drop_points),
        follow_up_weeks=tuple(follow_up_weeks),
        psfs=function,
        psfs_change=psfs_change(function),
    )
