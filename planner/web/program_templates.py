"""Templates in the web app: save a program as a template, the list of the
trainer's templates, start a client's program from one (on the new-program
page, programs.py), and copy a program to another client. The same domain
functions as the JSON API, so both adapt and record alike."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from planner.extensions import db
from planner.inputs import ProgramCopy, TemplateCreate
from planner.library.compensations import compensation_names
from planner.local_time import today_in
from planner.models import Client, Program
from planner.people.ownership import client_of, program_of, template_of
from planner.programs.adaptation import DROPPED, NO_FINDING, SIDE, SWAPPED, UNCOVERED, Adaptation
from planner.programs.store import ProgramConflict
from planner.programs.templates import copy_program, delete_template, save_template, templates_of
from planner.validation import MAX_ID, InputError, whole_number
from planner.web.blueprint import bp, found, trainer_id
from planner.web.form_input import validated

# Changes listed one by one after a template or a copy is applied; the rest
# are counted (each is also written beside its item).
CHANGES_LISTED = 8


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def flash_adaptations(program: Program, changes: list[Adaptation], source: str) -> None:
    """What was changed for the client, in a few lines above the new draft."""
    name = program.client.name
    made = [c for c in changes if c.kind in (SWAPPED, DROPPED, SIDE)]
    kept = [c for c in changes if c.kind == NO_FINDING]
    uncovered = len({c.item for c in changes if c.kind == UNCOVERED})
    summary = [_plural(len(made), "change") + f" for {name}"]
    if kept:
        summary.append(_plural(len(kept), "exercise") + " kept that no finding of theirs calls for")
    if uncovered:
        summary.append(_plural(uncovered, "finding") + " not covered (listed below)")
    flash(f"Draft for {name} made from {source}: {', '.join(summary)}. Each change is also written beside its "
          f"item; publish when it looks right.")
    for change in (made + kept)[:CHANGES_LISTED]:
        weeks = change.weeks
        when = f" (week {weeks[0]})" if len(weeks) == 1 else f" (weeks {weeks[0]}-{weeks[-1]})" if weeks else ""
        flash(f"{change.item}: {change.change}{when}, because {change.reason}.")
    if len(made + kept) > CHANGES_LISTED:
        flash(f"And {len(made + kept) - CHANGES_LISTED} more: see the items' reasons.")


def _chosen_client(raw: str | None) -> Client | None:
    """One of the trainer's clients picked in a form, or None."""
    client_id = whole_number(raw, 1, MAX_ID)
    return None if client_id is None else client_of(trainer_id(), client_id)


def _problems(exc: InputError) -> str:
    return "; ".join(message if field == "body" else f"{field.replace('_', ' ')}: {message}"
                     for field, message in exc.errors.items())


@bp.post("/programs/<int:program_id>/template")
def save_program_template(program_id: int):
    program = found(program_of(trainer_id(), program_id))
    try:
        body = validated(TemplateCreate, {"name": request.form.get("name", "")})
        template = save_template(program, current_user, body.name)
        db.session.commit()
    except InputError as exc:
        db.session.rollback()
        flash(f"Not saved as a template: {_problems(exc)}.", "error")
        return redirect(url_for("web.program", program_id=program_id, _anchor="program-templates"))
    flash(f"Saved as the template “{template.name}”. Start a client's program from it on their new-program page.")
    return redirect(url_for("web.program_templates"))


@bp.post("/programs/<int:program_id>/copy")
def copy_program_to_client(program_id: int):
    program = found(program_of(trainer_id(), program_id))
    client = _chosen_client(request.form.get("client_id"))
    if client is None:
        flash("Not copied: choose one of your clients to copy the program to.", "error")
        return redirect(url_for("web.program", program_id=program_id, _anchor="program-templates"))
    try:
        copied, changes = copy_program(program, client, current_user, ProgramCopy(client_id=client.id),
                                       today_in(client.timezone))
        db.session.commit()
    except (InputError, ProgramConflict) as exc:
        db.session.rollback()
        problem = _problems(exc) if isinstance(exc, InputError) else str(exc)
        flash(f"Not copied to {client.name}: {problem}", "error")
        return redirect(url_for("web.program", program_id=program_id, _anchor="program-templates"))
    flash_adaptations(copied, changes, f"{program.client.name}'s program")
    return redirect(url_for("web.program", program_id=copied.id))


@bp.get("/templates")
def program_templates():
    clients = db.session.scalars(db.select(Client).filter_by(trainer_id=trainer_id()).order_by(Client.name)).all()
    return render_template("programs/templates.html", templates=templates_of(trainer_id()), clients=clients,
                           compensation_names=compensation_names())


@bp.get("/templates/<int:template_id>/use")
def use_template(template_id: int):
    """From the list: the chosen client's new-program page, this template picked."""
    template = found(template_of(trainer_id(), template_id))
    client = _chosen_client(request.args.get("client_id"))
    if client is None:
        flash("Choose one of your clients to start the program for.", "error")
        return redirect(url_for("web.program_templates"))
    return redirect(url_for("web.new_program", client_id=client.id, template_id=template.id,
                            _anchor="from-template"))


@bp.post("/templates/<int:template_id>/delete")
def delete_program_template(template_id: int):
    template = found(template_of(trainer_id(), template_id))
    name = template.name
    delete_template(template)
    db.session.commit()
    flash(f"Template “{name}” deleted. Programs started from it are unchanged.")
    return redirect(url_for("web.program_templates"))
