"""A program's change log: who changed what, when, with the item or the
parameters as they were before and after (the trainer's audit trail, shown
by the API's /changes and used by the nightly review to leave alone what the
trainer changed)."""
from __future__ import annotations

from planner.models import Program, ProgramChange, ProgramItem, Trainer
from planner.models.people import utcnow


def record_change(program: Program, trainer: Trainer | None, action: str, details: dict) -> None:
    program.changes.append(ProgramChange(trainer_id=trainer.id if trainer else None, action=action,
                                         details=details, at=utcnow()))


def parameters_snapshot(program: Program) -> dict:
    return {"weeks": program.weeks, "sessions_per_week": program.sessions_per_week,
            "minutes_per_session": program.minutes_per_session, "equipment": list(program.equipment),
            "start_date": program.start_date.isoformat()}


def item_snapshot(item: ProgramItem) -> dict:
    return {"id": item.id, "exercise": item.exercise.slug, "name": item.exercise.name, "phase": item.phase,
            "sets": item.sets, "reps": item.reps, "hold_seconds": item.hold_seconds, "tempo": item.tempo,
            "rest_seconds": item.rest_seconds, "side": item.side, "targets": item.targets,
            "rationale": item.rationale, "slot": item.slot, "locked": item.locked}
