"""A trainer's whole caseload read in bulk for the dashboard: a fixed number
of queries, however many clients or check-ins there are."""
from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from sqlalchemy import case

from planner.caseload.attention import (ADHERENCE_WINDOW_DAYS, DEFAULT_RULES, TREND_WINDOW_DAYS, Attention,
                                       ClientNumbers, ReassessRules, ranked)
from planner.extensions import db
from planner.progress.alerts import alert_text
from planner.models import (Alert, Assessment, CheckIn, Client, Message, PainScore, Program, ProgramReview,
                            ProgramSession)
from planner.models.people import utcnow
from planner.progress.pain_series import CheckInRow
from planner.progress.report import adherence
from planner.local_time import today_in

FAILED_STATUSES = ("failed", "undelivered")


def caseload_numbers(trainer_id: int) -> list[ClientNumbers]:
    clients = db.session.execute(
        db.select(Client.id, Client.name, Client.timezone, Client.sms_opted_out_at)
        .where(Client.trainer_id == trainer_id)).all()
    if not clients:
        return []
    numbers = {c.id: ClientNumbers(c.id, c.name, today_in(c.timezone), opted_out=c.sms_opted_out_at is not None)
               for c in clients}
    mine = db.select(Client.id).where(Client.trainer_id == trainer_id).scalar_subquery()

    unhandled = db.session.execute(
        db.select(Message.client_id,
                  db.func.sum(case((Message.direction == "outbound", 1), else_=0)),
                  db.func.sum(case((Message.kind == "unparsed", 1), else_=0)))
        .where(Message.client_id.in_(mine), Message.handled_at.is_(None),
               ((Message.direction == "outbound") & Message.status.in_(FAILED_STATUSES))
               | ((Message.direction == "inbound") & (Message.kind == "unparsed")))
        .group_by(Message.client_id))
    for client_id, failed, unparsed in unhandled:
        numbers[client_id].failed_messages = int(failed or 0)
        numbers[client_id].unparsed_replies = int(unparsed or 0)

    for client_id, start in db.session.execute(
            db.select(Program.client_id, Program.start_date)
            .where(Program.client_id.in_(mine), Program.status == "active")):
        numbers[client_id].has_active_program = True
        numbers[client_id].program_started = start

    # Client zones differ by at most a day from UTC, so read a day either side
    # and keep, per client, what falls in their own window.
    utc_today = utcnow().date()
    window = max(ADHERENCE_WINDOW_DAYS, 2 * TREND_WINDOW_DAYS)
    since, until = utc_today - timedelta(days=window + 1), utc_today + timedelta(days=1)

    def in_window(n: ClientNumbers, day, days: int) -> bool:
        return 0 <= (n.today - day).days < days

    prescribed: dict[int, list] = defaultdict(list)
    for client_id, day in db.session.execute(
            db.select(Program.client_id, ProgramSession.date).join(ProgramSession.program)
            .where(Program.client_id.in_(mine), Program.status == "active",
                   ProgramSession.date.between(since, until))):
        if in_window(numbers[client_id], day, ADHERENCE_WINDOW_DAYS):
            prescribed[client_id].append(day)

    pains: dict[int, list] = defaultdict(list)
    rows: dict[int, list] = defaultdict(list)
    for client_id, day, pain, done in db.session.execute(
            db.select(CheckIn.client_id, CheckIn.date, CheckIn.pain, CheckIn.done)
            .where(CheckIn.client_id.in_(mine), CheckIn.date.between(since, until))
            .order_by(CheckIn.client_id, CheckIn.date)):
        n = numbers[client_id]
        if day > n.today:
            continue
        if pain is not None:
            pains[client_id].append((day, pain))
        # Adherence only needs the done days (the report's rule ignores the rest).
        if done and in_window(n, day, ADHERENCE_WINDOW_DAYS) and (n.program_started is None
                                                                  or day >= n.program_started):
            rows[client_id].append(CheckInRow(day, pain, done))
    for client_id, series in pains.items():
        numbers[client_id].pains = series
    # Counted as the report counts: today's session once done, at most the
    # week's prescribed sessions, only this program's days.
    for client_id, days in prescribed.items():
        counted = adherence(rows[client_id], days, numbers[client_id].today)
        numbers[client_id].prescribed_recent, numbers[client_id].done_recent = counted.prescribed, counted.done

    for alert in db.session.scalars(db.select(Alert).where(Alert.client_id.in_(mine), Alert.resolved_at.is_(None))
                                    .order_by(Alert.created_at)):
        numbers[alert.client_id].open_alerts.append(f"{alert.kind.replace('_', ' ').capitalize()}: {alert_text(alert)}")
    for client_id, count in db.session.execute(
            db.select(ProgramReview.client_id, db.func.count())
            .where(ProgramReview.client_id.in_(mine), ProgramReview.status == "proposed")
            .group_by(ProgramReview.client_id)):
        numbers[client_id].proposals = count

    for client_id, last in db.session.execute(
            db.select(CheckIn.client_id, db.func.max(CheckIn.date))
            .where(CheckIn.client_id.in_(mine)).group_by(CheckIn.client_id)):
        numbers[client_id].last_checkin = last
    _program_outcomes(numbers, mine, utc_today)
    return list(numbers.values())


def _program_outcomes(numbers: dict[int, ClientNumbers], mine, utc_today) -> None:
    """Per active program: reassessed since it started, the baseline pain of
    its assessment, and its sessions due and done so far (sessions before
    today; done days counted once each): four grouped queries."""
    active = (Program.client_id.in_(mine), Program.status == "active")
    for client_id, count in db.session.execute(
            db.select(Program.client_id, db.func.count(Assessment.id))
            .join(Assessment, (Assessment.client_id == Program.client_id)
                  & (Assessment.performed_on >= Program.start_date)
                  & (Assessment.id != db.func.coalesce(Program.assessment_id, -1)))
            .where(*active).group_by(Program.client_id)):
        numbers[client_id].reassessed = count > 0
    for client_id, worst in db.session.execute(
            db.select(Program.client_id, db.func.max(PainScore.score))
            .join(PainScore, PainScore.assessment_id == Program.assessment_id)
            .where(*active).group_by(Program.client_id)):
        numbers[client_id].baseline_pain = worst
    for client_id, due in db.session.execute(
            db.select(Program.client_id, db.func.count(ProgramSession.id)).join(ProgramSession.program)
            .where(*active, ProgramSession.date < utc_today).group_by(Program.client_id)):
        numbers[client_id].program_prescribed = due
    for client_id, done in db.session.execute(
            db.select(Program.client_id, db.func.count(CheckIn.id))
            .join(CheckIn, (CheckIn.client_id == Program.client_id) & (CheckIn.date >= Program.start_date))
            .where(*active, CheckIn.done.is_(True), CheckIn.date < utc_today).group_by(Program.client_id)):
        numbers[client_id].program_done = min(done, numbers[client_id].program_prescribed or done)


def dashboard(trainer_id: int, rules: ReassessRules = DEFAULT_RULES) -> list[Attention]:
    return ranked(caseload_numbers(trainer_id), rules)
