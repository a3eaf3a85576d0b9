"""Programs in the database: generate, regenerate, publish, and show them.

The generator itself is plain (generator.py); this module feeds it from the
database and writes what it returns, with a record of every change.
"""
from __future__ import annotations

from datetime import date


from planner.programs import dosage
from planner.programs.dosage import Dose
from planner.extensions import db
from planner.assessments.findings import Finding
from planner.programs.catalog import Catalog, load_catalog
from planner.programs.generator import LockedItem, Params, generate
from planner.models import (Assessment, Client, MuscleFinding, PainScore, Program, ProgramItem, ProgramSession, Trainer)
from planner.models.people import utcnow
from planner.assessments.clearance import refusal
from planner.library.screening import exclusion_reasons
from planner.programs.history import parameters_snapshot, record_change
from planner.programs.schedule import session_days
from planner.validation import InputError

DEFAULT_WEEKS = 6
DEFAULT_MINUTES = 20
FALLBACK_SESSIONS_PER_WEEK = 3  # when a client has no training days set


class ProgramConflict(Exception):
    """The program is not in a state that allows this (409)."""


def assessment_inputs(assessment: Assessment | None) -> tuple[list[Finding], dict[str, int]]:
    if assessment is None:
        return [], {}
    findings = [Finding(f.muscle_slug, f.side, f.status, list(f.sources), severity=f.severity) for f in db.session.scalars(
        db.select(MuscleFinding).filter_by(assessment_id=assessment.id).order_by(MuscleFinding.position))]
    pain = dict(db.session.execute(
        db.select(PainScore.region, PainScore.score).filter_by(assessment_id=assessment.id)).all())
    return findings, pain


def latest_assessment(client: Client) -> Assessment | None:
    return db.session.scalar(db.select(Assessment).filter_by(client_id=client.id)
                             .order_by(Assessment.performed_on.desc(), Assessment.id.desc()).limit(1))


def client_assessment(client: Client, assessment_id: int | None) -> Assessment:
    if assessment_id is None:
        assessment = latest_assessment(client)
        if assessment is None:
            raise InputError({"assessment_id": "this client has no assessment yet: record one first"})
        return assessment
    assessment = db.session.scalar(db.select(Assessment).filter_by(id=assessment_id, client_id=client.id))
    if assessment is None:
        raise InputError({"assessment_id": f"no assessment {assessment_id} for this client"})
    return assessment


def params_for(client: Client, weeks: int | None, sessions_per_week: int | None, minutes: int | None,
               equipment: list[str] | None, start: date) -> Params:
    per_week = sessions_per_week or len(client.training_days) or FALLBACK_SESSIONS_PER_WEEK
    return Params(weeks=weeks or DEFAULT_WEEKS, sessions_per_week=per_week,
                  minutes_per_session=minutes or DEFAULT_MINUTES,
                  equipment=tuple(sorted(equipment or ())),
                  days=tuple(session_days(per_week, client.training_days)), start_date=start)


def _locked_items(program: Program) -> list[LockedItem]:
    locked = []
    for session in program.sessions:
        for item in session.items:
            if item.locked:
                locked.append(LockedItem(
                    week=session.week, session=session.index, exercise=item.exercise.slug, phase=item.phase,
                    dose=Dose(item.sets, item.reps, item.hold_seconds, item.tempo, item.rest_seconds),
                    side=item.side, targets=tuple(item.targets), rationale=item.rationale,
                    per_side=item.exercise.per_side, slot=item.slot))
    return locked


def _write(program: Program, generated, catalog: Catalog) -> None:
    """Replace the program's sessions and items with the generated ones.

    Bulk statements, so the number of queries stays the same whatever the
    number of weeks: two to clear (none for a new program), one per table
    to insert."""
    program.uncovered = generated.uncovered
    new = program.id is None
    if new:
        db.session.add(program)
    db.session.flush()
    if not new:  # a new program has nothing to clear
        old_sessions = db.select(ProgramSession.id).where(ProgramSession.program_id == program.id)
        db.session.execute(db.delete(ProgramItem).where(ProgramItem.session_id.in_(old_sessions)))
        db.session.execute(db.delete(ProgramSession).where(ProgramSession.program_id == program.id))
    rows = [{"program_id": program.id, "week": week.week, "index": session.index, "day": session.day,
             "date": session.date, "deload": week.deload, "minutes": session.minutes}
            for week in generated.weeks for session in week.sessions]
    if not rows:
        return
    # Insert, then read the ids back in (week, index) order: a RETURNING
    # that keeps parameter order falls back to one row at a time on SQLite.
    db.session.execute(ProgramSession.__table__.insert(), rows)
    ids = list(db.session.scalars(db.select(ProgramSession.id).where(ProgramSession.program_id == program.id)
                                  .order_by(ProgramSession.week, ProgramSession.index)))
    sessions = [session for week in generated.weeks for session in week.sessions]
    items = [{"session_id": session_id, "position": position, "exercise_id": catalog.ids[item.exercise],
              "phase": item.phase, "sets": item.dose.sets, "reps": item.dose.reps,
              "hold_seconds": item.dose.hold_seconds, "tempo": item.dose.tempo,
              "rest_seconds": item.dose.rest_seconds, "side": item.side, "targets": item.targets,
              "rationale": item.rationale, "slot": item.slot, "locked": item.locked}
             for session_id, session in zip(ids, sessions)
             for position, item in enumerate(session.items, start=1)]
    if items:
        # A Core executemany: the ORM's bulk insert splits rows whose None
        # columns differ into separate statements.
        db.session.execute(ProgramItem.__table__.insert(), items)
    db.session.expire(program, ["sessions"])


def _generate_into(program: Program, client: Client, assessment: Assessment, params: Params,
                   locked: list[LockedItem]) -> None:
    refused = refusal(assessment)
    if refused:
        raise ProgramConflict(refused)
    catalog = load_catalog(client.trainer_id)
    findings, pain = assessment_inputs(assessment)
    generated = generate(findings, pain, params, catalog.exercises, catalog.muscle_names,
                         assessment.performed_on, locked, exclusion_reasons(client.precautions))
    program.assessment_id = assessment.id
    program.start_date = params.start_date
    program.weeks = params.weeks
    program.sessions_per_week = params.sessions_per_week
    program.minutes_per_session = params.minutes_per_session
    program.equipment = list(params.equipment)
    _write(program, generated, catalog)


def create_program(client: Client, trainer: Trainer, body, today: date) -> Program:
    assessment = client_assessment(client, body.assessment_id)
    params = params_for(client, body.weeks, body.sessions_per_week, body.minutes_per_session,
                        body.equipment, body.start_date or today)
    program = Program(client=client, status="draft")
    _generate_into(program, client, assessment, params, [])
    record_change(program, trainer, "generated", {"assessment_id": assessment.id, "parameters": parameters_snapshot(program)})
    return program


def regenerate_program(program: Program, trainer: Trainer, body) -> Program:
    if program.status != "draft":
        raise ProgramConflict(f"only a draft can be regenerated; this program is {program.status}")
    client = program.client
    assessment_id = body.assessment_id if "assessment_id" in body.model_fields_set else program.assessment_id
    assessment = client_assessment(client, assessment_id)
    fields = body.model_fields_set
    params = params_for(
        client,
        body.weeks if "weeks" in fields else program.weeks,
        body.sessions_per_week if "sessions_per_week" in fields else program.sessions_per_week,
        body.minutes_per_session if "minutes_per_session" in fields else program.minutes_per_session,
        body.equipment if "equipment" in fields else program.equipment,
        body.start_date if "start_date" in fields and body.start_date else program.start_date)
    locked = _locked_items(program)
    before = parameters_snapshot(program)
    _generate_into(program, client, assessment, params, locked)
    record_change(program, trainer, "regenerated", {"assessment_id": assessment.id, "before": before,
                                              "after": parameters_snapshot(program), "locked_items": len(locked)})
    return program


def publish_program(program: Program, trainer: Trainer) -> Program:
    if program.status == "active":
        return program
    if program.status != "draft":
        raise ProgramConflict(f"an {program.status} program cannot be published")
    previous = db.session.scalars(db.select(Program).filter_by(client_id=program.client_id, status="active")
                                  .with_for_update()).all()
    now = utcnow()
    for old in previous:
        old.status = "archived"
        old.archived_at = now
        record_change(old, trainer, "archived", {"replaced_by": program.id})
    db.session.flush()  # the old one leaves 'active' before the new one enters it
    program.status = "active"
    program.published_at = now
    record_change(program, trainer, "published", {"archived": [old.id for old in previous]})
    return program


def session_seconds(session: ProgramSession) -> int:
    return sum(dosage.seconds(Dose(i.sets, i.reps, i.hold_seconds, i.tempo, i.rest_seconds),
                              i.exercise.per_side, i.side) for i in session.items)


def refresh_minutes(session: ProgramSession) -> None:
    session.minutes = -(-session_seconds(session) // 60)


def program_query():
    """Programs with their sessions, items and exercises, in a fixed number of queries."""
    return db.select(Program).options(
        db.selectinload(Program.sessions).selectinload(ProgramSession.items)
        .joinedload(ProgramItem.exercise))
