"""One client's progress report, read from the database in a fixed number
of queries whatever the length of their history, then computed by the
plain functions in planner/progress/report.py."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from planner.progress.charts import Band
from planner.extensions import db
from planner.models import Alert, Assessment, CheckIn, Client, FollowUpAnswer, Muscle, MuscleTest, PainScore, Program, ProgramSession, PsfsScore
from planner.progress.follow_up import FOLLOW_UP_WEEKS
from planner.progress.report import AssessmentPain, Report, build_report
from planner.progress.report_rules import DEFAULT_THRESHOLDS, Thresholds
from planner.local_time import today_in

PUBLISHED = ("active", "archived")


@dataclass(frozen=True)
class Retest:
    muscle: str
    name: str
    side: str
    grades: tuple[tuple[date, int], ...]


@dataclass(frozen=True)
class ClientProgress:
    client: Client
    report: Report
    alerts: list[Alert]
    retests: list[Retest]
    bands: list[Band]
    # (date, pain, done, exercise_pain, morning_pain), as CheckIn stores them.
    checkins: list[tuple[date, int | None, bool | None, int | None, int | None]]

    def chart_span(self) -> tuple[date, date] | None:
        """The dates the pain and grade charts share: everything they show."""
        days = [p.date for p in self.report.pain_series] + [d for r in self.retests for d, _ in r.grades]
        days += [b.start for b in self.bands] + [d for d, _ in self.follow_up_answers()]
        return (min(days), max(days + [self.report.today])) if days else None

    def follow_up_answers(self) -> list[tuple[date, int]]:
        """(answered_on, pain) of each answered follow-up, for the pain chart."""
        return [(f.answered_on, f.pain) for f in self.report.follow_up
                if f.answered_on is not None and f.pain is not None]

    def as_dict(self) -> dict:
        body = self.report.as_dict()
        body["alerts"] = [{"id": a.id, "kind": a.kind, "details": a.details,
                           "created_at": a.created_at.isoformat(timespec="seconds") + "Z",
                           "resolved_at": a.resolved_at.isoformat(timespec="seconds") + "Z" if a.resolved_at else None,
                           "resolution_note": a.resolution_note}
                          for a in self.alerts]
        body["retests"] = [{"muscle": r.muscle, "side": r.side,
                            "grades": [{"date": d.isoformat(), "grade": g} for d, g in r.grades]}
                           for r in self.retests]
        body["programs"] = [{"start": b.start.isoformat(), "end": b.end.isoformat(), "label": b.label}
                            for b in self.bands]
        return body


def baseline_assessments(client_id: int, programs) -> list[AssessmentPain]:
    """The pain of the assessments since the one the first published program
    was built from: the baseline is the pain the client came with.
    `programs` are the published programs, or rows with their `start_date`
    and `assessment_id`."""
    rows = db.session.execute(
        db.select(Assessment.id, Assessment.performed_on, PainScore.region, PainScore.score)
        .join(PainScore, PainScore.assessment_id == Assessment.id)
        .where(Assessment.client_id == client_id).order_by(Assessment.performed_on, Assessment.id)).all()
    first = next((p.assessment_id for p in sorted(programs, key=lambda p: p.start_date) if p.assessment_id), None)
    by_assessment: dict[int, tuple[date, dict]] = {}
    for assessment_id, performed_on, region, score in rows:
        by_assessment.setdefault(assessment_id, (performed_on, {}))[1][region] = score
    dates = [performed_on for performed_on, _ in by_assessment.values()]
    since = by_assessment[first][0] if first in by_assessment else (min(dates) if dates else None)
    return [AssessmentPain(day, pains) for day, pains in by_assessment.values() if since and day >= since]


def client_progress(client: Client, today: date | None = None,
                    thresholds: Thresholds = DEFAULT_THRESHOLDS,
                    follow_up_weeks: tuple[int, ...] = FOLLOW_UP_WEEKS) -> ClientProgress:
    """The report judged by `thresholds`: the app's settings
    (Thresholds.from_config), given by the caller, as are the weeks of the
    follow-ups after a program (FOLLOW_UP_WEEKS)."""
    today = today or today_in(client.timezone)
    checkins = db.session.execute(db.select(CheckIn.date, CheckIn.pain, CheckIn.done, CheckIn.exercise_pain,
                                            CheckIn.morning_pain).where(CheckIn.client_id == client.id)).all()
    programs = db.session.scalars(db.select(Program).where(Program.client_id == client.id,
                                                           Program.status.in_(PUBLISHED))).all()
    # Sessions prescribed while each program was the live one.
    sessions = db.session.execute(
        db.select(ProgramSession.date, Program.id).join(ProgramSession.program)
        .where(Program.client_id == client.id, Program.status.in_(PUBLISHED))).all()
    ended = {p.id: p.archived_at.date() for p in programs if p.archived_at}
    prescribed = [day for day, program_id in sessions if program_id not in ended or day < ended[program_id]]
    spans: dict[int, list[date]] = {}
    for day, program_id in sessions:
        spans.setdefault(program_id, []).append(day)
    bands = []
    for number, program in enumerate(sorted(programs, key=lambda p: p.start_date), start=1):
        days = spans.get(program.id)
        if days:
            end = min(max(days), ended[program.id]) if program.id in ended else max(days)
            if min(days) <= today:  # the chart stops at today
                bands.append(Band(min(days), min(end, today), f"program {number}"))
    alerts = db.session.scalars(db.select(Alert).where(Alert.client_id == client.id)
                                .order_by(Alert.created_at.desc()).limit(50)).all()
    running = next((p.id for p in programs if p.status == "active"), None)
    answers = db.session.execute(db.select(FollowUpAnswer.due_on, FollowUpAnswer.answered_on, FollowUpAnswer.pain)
                                 .where(FollowUpAnswer.client_id == client.id)).all()
    # Every assessment's PSFS, not only this program's: function is judged
    # from the first time the client rated it.
    psfs_rows = db.session.execute(
        db.select(Assessment.id, Assessment.performed_on, PsfsScore.activity, PsfsScore.score)
        .join(PsfsScore, PsfsScore.assessment_id == Assessment.id)
        .where(Assessment.client_id == client.id).order_by(Assessment.id, PsfsScore.position)).all()
    report = build_report(checkins, today=today, prescribed=prescribed,
                          assessments=baseline_assessments(client.id, programs), thresholds=thresholds,
                          last_session=max(spans[running]) if running in spans else None,
                          follow_up_answers=[tuple(a) for a in answers], follow_up_weeks=follow_up_weeks,
                          psfs_rows=[tuple(r) for r in psfs_rows])
    return ClientProgress(client, report, list(alerts), _retests(client.id), bands, [tuple(c) for c in checkins])


def _retests(client_id: int) -> list[Retest]:
    rows = db.session.execute(
        db.select(MuscleTest.muscle_slug, Muscle.name, MuscleTest.side, Assessment.performed_on, MuscleTest.grade)
        .join(Assessment, Assessment.id == MuscleTest.assessment_id).join(Muscle, Muscle.slug == MuscleTest.muscle_slug)
        .where(Assessment.client_id == client_id).order_by(Muscle.position, MuscleTest.side, Assessment.performed_on))
    grouped: dict[tuple[str, str], list] = {}
    names: dict[str, str] = {}
    for slug, name, side, performed_on, grade in rows:
        grouped.setdefault((slug, side), []).append((performed_on, grade))
        names[slug] = name
    return [Retest(slug, names[slug], side, tuple(grades)) for (slug, side), grades in grouped.items()
            if len(grades) > 1]


CSV_COLUMNS = ("date", "source", "pain", "session_done", "exercise_pain", "morning_pain", "rolling_mean_7d",
               "flare", "spike", "session_load")


def series_csv_filename(client: Client) -> str:
    return f"pain-series-client-{client.id}.csv"


def series_csv(progress: ClientProgress) -> str:
    """The raw series behind the report, one row per check-in or assessment
    score, for a spreadsheet or a statistician. A check-in's morning pain
    is that morning's; `session_load` is the verdict on that day's session
    (planner/progress/pain_monitoring.py)."""
    report = progress.report
    means = {m.date: m.value for m in report.rolling_mean}
    flares = {f.date for f in report.flares}
    spikes = {s.date for s in report.spikes}
    loads = {load.date: load.verdict for load in report.pain_monitoring}
    by_day = {row[0]: row for row in progress.checkins}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    rows = [(p.date, p.source, p.score) for p in report.pain_series]
    scored_days = {p.date for p in report.pain_series if p.source == "checkin"}
    rows += [(day, "checkin", None) for day in by_day if day not in scored_days]
    for day, source, score in sorted(rows, key=lambda r: (r[0], r[1])):
        is_checkin = source == "checkin"
        _, _, session, exercise_pain, morning_pain = by_day[day] if is_checkin else (day, None, None, None, None)
        writer.writerow((day.isoformat(), source, _blank(score),
                         "" if session is None else ("yes" if session else "no"),
                         _blank(exercise_pain), _blank(morning_pain),
                         f"{means[day]:.2f}" if is_checkin and day in means else "",
                         "yes" if is_checkin and day in flares else "",
                         "yes" if is_checkin and day in spikes else "",
                         (loads.get(day) or "") if is_checkin else ""))
    return out.getvalue()


def _blank(value) -> object:
    return "" if value is None else value
