"""Programs in the database: generate, regenerate, publish, and show them.

The generator itself is plain (generator.py); this module feeds it from the
database and writes what it returns, with a record of every change.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_

from planner.programs import dosage
from planner.programs.dosage import Dose
from planner.extensions import db
from planner.assessments.findings import Finding
from planner.programs.choice import LibraryExercise
from planner.programs.generator import LockedItem, Params, generate
from planner.models import (Assessment, Client, Exercise, ExerciseTarget, Muscle, MuscleFinding, PainScore, Program, ProgramItem, ProgramSession, Trainer)
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


@dataclass(frozen=True)
class Catalog:
    exercises: list[LibraryExercise]
    ids: dict[str, int]
    muscle_names: dict[str, str]

    def row(self, slug: str) -> Exercise | None:
        """The Exercise row for a slug this trainer can use, or None."""
        exercise_id = self.ids.get(slug)
        return None if exercise_id is None else db.session.get(Exercise, exercise_id)


def load_catalog(trainer_id: int) -> Catalog:
    """The library as the generator sees it: built-in exercises and the
    trainer's own, in three plain queries whatever the program's size."""
    visible = or_(Exercise.trainer_id.is_(None), Exercise.trainer_id == trainer_id)
    rows = db.session.execute(db.select(
        Exercise.id, Exercise.slug, Exercise.name, Exercise.phase, Exercise.level, Exercise.equipment,
        Exercise.per_side, Exercise.contraindications, Exercise.precautions, Exercise.sets, Exercise.reps, Exercise.hold_seconds,
        Exercise.tempo, Exercise.rest_seconds, Exercise.progression_id, Exercise.regression_id,
    ).where(visible).order_by(Exercise.slug)).all()
    targets: dict[int, list[tuple[str, str]]] = {}
    for exercise_id, muscle, role in db.session.execute(
            db.select(ExerciseTarget.exercise_id, ExerciseTarget.muscle_slug, ExerciseTarget.role)
            .join(Exercise).where(visible).order_by(ExerciseTarget.exercise_id, ExerciseTarget.position)):
        targets.setdefault(exercise_id, []).append((muscle, role))
    slugs = {row.id: row.slug for row in rows}
    exercises = [LibraryExercise(
        slug=row.slug, name=row.name, phase=row.phase, level=row.level, equipment=tuple(row.equipment),
        per_side=row.per_side, contraindications=tuple(row.contraindications),
        primary=tuple(m for m, role in targets.get(row.id, ()) if role == "primary"),
        secondary=tuple(m for m, role in targets.get(row.id, ()) if role == "secondary"),
        default=Dose(row.sets, row.reps, row.hold_seconds, row.tempo, row.rest_seconds),
        progression=slugs.get(row.progression_id), regression=slugs.get(row.regression_id),
        precautions=tuple(row.precautions or ())) for row in rows]
    names = dict(db.session.execute(db.select(Muscle.slug, Muscle.name)).all())
    return Catalog(exercises, {row.slug: row.id for row in rows}, names)


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
    number of weeks: one to clear, one per table to insert."""
    program.uncovered = generated.uncovered
    if program.id is None:
        db.session.add(program)
    db.session.flush()
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
