"""Templates in the database: save a program as one, start a client's
program from one, copy a program to another client, each adapted to the
client by adaptation.py and recorded in the program's history.

A template keeps the program's weeks, sessions and items as the trainer
left them (doses, order, locks, their own additions and notes) and the
findings and compensations it was built for; nothing of the client it came
from (no name, no dates, no grades or pain)."""
from __future__ import annotations

from datetime import date

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError

from planner.assessments.clearance import refusal
from planner.extensions import db
from planner.library.screening import exclusion_reasons
from planner.models import Assessment, Client, MuscleFinding, Program, ProgramTemplate, Trainer
from planner.programs.adaptation import Adaptation, Template, TemplateItem, adapt
from planner.programs.dosage import Dose
from planner.programs.history import parameters_snapshot, record_change
from planner.programs.store import ProgramConflict, _write, assessment_inputs, client_assessment, params_for
from planner.programs.catalog import load_catalog
from planner.validation import InputError

ADDED = "added:"  # the slot of an item the trainer added (edits.add_item)


def schedule_of(program: Program) -> list[dict]:
    """The program's weeks, sessions and items as a template stores them."""
    weeks: dict[int, dict] = {}
    for session in program.sessions:
        week = weeks.setdefault(session.week, {"week": session.week, "deload": session.deload, "sessions": []})
        week["sessions"].append({"index": session.index, "items": [TemplateItem(
            item.exercise.slug, item.exercise.name, item.phase,
            Dose(item.sets, item.reps, item.hold_seconds, item.tempo, item.rest_seconds), item.side,
            tuple({"muscle": t["muscle"], "side": t["side"], "status": t["status"]} for t in item.targets),
            item.slot, item.locked, item.rationale if item.slot.startswith(ADDED) else None).as_dict()
            for item in session.items]})
    return [weeks[w] for w in sorted(weeks)]


def built_for(program: Program) -> tuple[list[dict], list[str]]:
    """The findings ({muscle, side, status}) and compensation slugs of the
    assessment the program was built from: no sources, grades or dates."""
    if program.assessment_id is None:
        return [], []
    findings = [{"muscle": f.muscle_slug, "side": f.side, "status": f.status} for f in db.session.scalars(
        db.select(MuscleFinding).filter_by(assessment_id=program.assessment_id).order_by(MuscleFinding.position))]
    assessment = db.session.get(Assessment, program.assessment_id)
    compensations = list(dict.fromkeys(s.compensation_slug for s in assessment.screen_findings))
    return findings, compensations


def _name_taken(name: str) -> dict[str, str]:
    return {"name": f"you already have a template named {name!r}: choose another name, or delete that one first"}


def save_template(program: Program, trainer: Trainer, name: str) -> ProgramTemplate:
    """Save the program as the trainer's template `name` (unique per
    trainer, whatever the case); InputError naming the field otherwise."""
    taken = db.session.scalar(db.select(ProgramTemplate.id).where(
        ProgramTemplate.trainer_id == trainer.id, func.lower(ProgramTemplate.name) == name.lower()))
    if taken is not None:
        raise InputError(_name_taken(name))
    findings, compensations = built_for(program)
    template = ProgramTemplate(trainer_id=trainer.id, name=name, weeks=program.weeks,
                               sessions_per_week=program.sessions_per_week,
                               minutes_per_session=program.minutes_per_session, equipment=list(program.equipment),
                               findings=findings, compensations=compensations, schedule=schedule_of(program))
    try:
        with db.session.begin_nested():  # two saves at once: the database's unique name decides
            db.session.add(template)
    except IntegrityError:
        raise InputError(_name_taken(name)) from None
    record_change(program, trainer, "saved_as_template", {"template_id": template.id, "name": name})
    return template


def templates_of(trainer_id: int) -> list[ProgramTemplate]:
    return list(db.session.scalars(db.select(ProgramTemplate).filter_by(trainer_id=trainer_id)
                                   .order_by(func.lower(ProgramTemplate.name), ProgramTemplate.id)))


def delete_template(template: ProgramTemplate) -> None:
    db.session.delete(template)
    db.session.flush()


def as_template(row: ProgramTemplate) -> Template:
    return Template.from_schedule(row.name, row.sessions_per_week, row.minutes_per_session, row.schedule,
                                  row.findings)


def _adapted_program(client: Client, template: Template, weeks: int, equipment: list[str], body,
                     today: date) -> tuple[Program, Assessment, list[Adaptation]]:
    """A draft for `client` from `template`, adapted to the assessment
    `body.assessment_id` (default: the latest). ProgramConflict on red flags
    without a clearance, as the generator refuses."""
    assessment = client_assessment(client, body.assessment_id)
    refused = refusal(assessment)
    if refused:
        raise ProgramConflict(refused)
    params = params_for(client, weeks, template.sessions_per_week, template.minutes_per_session,
                        body.equipment if body.equipment is not None else equipment, body.start_date or today)
    catalog = load_catalog(client.trainer_id)
    findings, pain = assessment_inputs(assessment)
    adapted = adapt(template, findings, pain, params, catalog.exercises, catalog.muscle_names,
                    assessment.performed_on, exclusion_reasons(client.precautions))
    program = Program(client=client, status="draft", assessment_id=assessment.id, start_date=params.start_date,
                      weeks=weeks, sessions_per_week=params.sessions_per_week,
                      minutes_per_session=params.minutes_per_session, equipment=list(params.equipment))
    _write(program, adapted.program, catalog)
    return program, assessment, adapted.adaptations


# A program started from a template has the template's weeks and sessions.
SET_BY_TEMPLATE = ("weeks", "sessions_per_week", "minutes_per_session")


def start_from_template(client: Client, trainer: Trainer, row: ProgramTemplate, body,
                        today: date) -> tuple[Program, list[Adaptation]]:
    """`body` is a ProgramCreate whose template_id is `row`; InputError when
    it also sets what the template sets."""
    given = {name: f"set by the template ({getattr(row, name)}): leave it out" for name in SET_BY_TEMPLATE
             if getattr(body, name) is not None}
    if given:
        raise InputError(given)
    program, assessment, changes = _adapted_program(client, as_template(row), row.weeks, row.equipment, body, today)
    record_change(program, trainer, "generated_from_template", {
        "template_id": row.id, "template": row.name, "assessment_id": assessment.id,
        "parameters": parameters_snapshot(program), "adaptations": [c.as_dict() for c in changes]})
    return program, changes


def copy_program(program: Program, client: Client, trainer: Trainer, body,
                 today: date) -> tuple[Program, list[Adaptation]]:
    """The program as a draft for another client of the same trainer (the
    caller found both among the trainer's), adapted to that client."""
    findings, _ = built_for(program)
    template = Template.from_schedule(f"program {program.id}", program.sessions_per_week,
                                      program.minutes_per_session, schedule_of(program), findings,
                                      source="the program copied")
    copy, assessment, changes = _adapted_program(client, template, program.weeks, program.equipment, body, today)
    record_change(copy, trainer, "copied", {
        "from_program_id": program.id, "assessment_id": assessment.id, "parameters": parameters_snapshot(copy),
        "adaptations": [c.as_dict() for c in changes]})
    return copy, changes
