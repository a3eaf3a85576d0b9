"""Lookups scoped to one trainer: the only way the API and the web app
fetch a client-owned row by id. None means "not yours or not there", and
callers answer 404 for both, so another trainer's rows are never revealed."""
from __future__ import annotations

from planner.extensions import db
from planner.models import Assessment, Client, Program, ProgramItem, ProgramTemplate
from planner.programs.store import program_query


def client_of(trainer_id: int, client_id: int) -> Client | None:
    return db.session.scalar(db.select(Client).filter_by(id=client_id, trainer_id=trainer_id))


def program_of(trainer_id: int, program_id: int) -> Program | None:
    return db.session.scalar(program_query().join(Client).where(
        Program.id == program_id, Client.trainer_id == trainer_id))


def item_of(program: Program, item_id: int) -> ProgramItem | None:
    """An item of this (already owned) program, or None."""
    return next((item for session in program.sessions for item in session.items if item.id == item_id), None)


def assessment_of(trainer_id: int, assessment_id: int) -> Assessment | None:
    return db.session.scalar(db.select(Assessment).join(Client).where(
        Assessment.id == assessment_id, Client.trainer_id == trainer_id))


def template_of(trainer_id: int, template_id: int) -> ProgramTemplate | None:
    return db.session.scalar(db.select(ProgramTemplate).filter_by(id=template_id, trainer_id=trainer_id))
