"""The program builder: generate, view by week, edit items, regenerate,
publish, and print a handout. Every change goes through the same domain
functions as the JSON API, so both record it in the program's history."""
from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from planner.inputs import ItemCreate, ItemUpdate, ProgramCreate, ProgramRegenerate
from planner.extensions import db
from planner.models import Assessment, Client, Program, ProgramItem, ProgramSession
from planner.people.ownership import client_of, item_of, program_of, template_of
from planner.assessments.clearance import refusal
from planner.assessments.summary import group_findings
from planner.library.compensations import compensation_names
from planner.programs.edits import add_item, alternatives, remove_item, resolve_exercise, update_item
from planner.library.screening import PRECAUTION, questions
from planner.programs.rationale import RULES
from planner.programs.uncovered import finding_count, summarise
from planner.programs.store import ProgramConflict, create_program, publish_program, regenerate_program
from planner.programs.catalog import load_catalog
from planner.local_time import today_in
from planner.messaging.session_links import program_url, revoke
from planner.messaging.settings import SmsSettings
from planner.programs.templates import start_from_template, templates_of
from planner.web.program_templates import flash_adaptations
from planner.validation import MAX_INTEGER, InputError, whole_number
from planner.vocabularies import EQUIPMENT, SIDES
from planner.web.blueprint import bp, found, trainer_id
from planner.web.form_input import validated, whole_numbers

PARAM_FIELDS = ("weeks", "sessions_per_week", "minutes_per_session")
DOSE_FIELDS = ("sets", "reps", "hold_seconds", "rest_seconds")


def _program_fields(form) -> tuple[dict, dict, dict]:
    """(fields for ProgramCreate, errors, what was typed)."""
    typed = {name: form.get(name, "") for name in PARAM_FIELDS + ("start_date", "assessment_id")}
    typed["equipment"] = form.getlist("equipment")
    fields, errors = whole_numbers(form, PARAM_FIELDS + ("assessment_id",))
    if typed["start_date"]:
        fields["start_date"] = typed["start_date"]
    fields["equipment"] = typed["equipment"]
    return fields, errors, typed


def _item(program: Program, item_id: int) -> ProgramItem:
    return found(item_of(program, item_id))


@bp.route("/clients/<int:client_id>/programs/new", methods=["GET", "POST"])
def new_program(client_id: int):
    client = found(client_of(trainer_id(), client_id))
    assessments = db.session.scalars(db.select(Assessment).filter_by(client_id=client.id)
                                     .order_by(Assessment.performed_on.desc(), Assessment.id.desc())).all()
    today = today_in(client.timezone)
    if request.method == "GET":
        typed = {"assessment_id": request.args.get("assessment_id", str(assessments[0].id) if assessments else ""),
                 "start_date": today.isoformat(), "weeks": "6", "sessions_per_week": str(len(client.training_days)),
                 "minutes_per_session": "20", "equipment": [], "template_id": request.args.get("template_id", "")}
        chosen = next((a for a in assessments if str(a.id) == typed["assessment_id"]), None)
        refused = refusal(chosen) if chosen else None  # red flags: say so before the form is filled in
        return _new_form(client, assessments, typed, {"assessment_id": refused} if refused else {})
    if "template_id" in request.form:
        return _start_from_template(client, assessments, today)
    fields, errors, typed = _program_fields(request.form)
    try:
        program = create_program(client, current_user, validated(ProgramCreate, fields, errors), today)
        db.session.commit()
    except InputError as exc:
        db.session.rollback()
        return _new_form(client, assessments, typed, exc.errors, 422)
    except ProgramConflict as exc:  # red flags without a clearance: refer first
        db.session.rollback()
        return _new_form(client, assessments, typed, {"assessment_id": str(exc)}, 409)
    flash("Draft program generated. Adjust it, then publish it to start the reminders.")
    return redirect(url_for("web.program", program_id=program.id))


def _start_from_template(client, assessments, today):
    """The new-program page's second form: a template, adapted to the client."""
    typed = {"template_id": request.form.get("template_id", ""), "assessment_id": request.form.get("assessment_id", ""),
             "start_date": request.form.get("start_date", ""), "from": "template"}
    fields, errors = whole_numbers(request.form, ("template_id", "assessment_id"))
    if typed["start_date"]:
        fields["start_date"] = typed["start_date"]
    template = template_of(trainer_id(), fields["template_id"]) if "template_id" in fields else None
    if template is None and "template_id" not in errors:
        errors["template_id"] = "choose one of your templates"
    try:
        body = validated(ProgramCreate, fields, errors)
        program, changes = start_from_template(client, current_user, template, body, today)
        db.session.commit()
    except InputError as exc:
        db.session.rollback()
        return _new_form(client, assessments, typed, exc.errors, 422)
    except ProgramConflict as exc:  # red flags without a clearance: refer first
        db.session.rollback()
        return _new_form(client, assessments, typed, {"assessment_id": str(exc)}, 409)
    flash_adaptations(program, changes, f"the template “{template.name}”")
    return redirect(url_for("web.program", program_id=program.id))


def _new_form(client, assessments, typed, errors, status=200):
    return render_template("programs/new.html", client=client, assessments=assessments, typed=typed,
                           errors=errors, equipment=EQUIPMENT, templates=templates_of(trainer_id())), status


@bp.get("/programs/<int:program_id>")
def program(program_id: int):
    return _program_page(found(program_of(trainer_id(), program_id)), _week(request.args))


def _week(values) -> int | None:
    """The week asked for in a query string or form; None (the default
    week) when it is no number. A number the program lacks is 404."""
    return whole_number(values.get("week"), 1, MAX_INTEGER)


def _program_page(program: Program, week: int | None, errors: dict | None = None, typed: dict | None = None,
                  status: int = 200):
    weeks = sorted({s.week for s in program.sessions})
    today = today_in(program.client.timezone)
    current = next((s.week for s in program.sessions if s.date >= today), weeks[-1] if weeks else 1)
    week = week or (current if program.status == "active" else 1)
    if weeks and week not in weeks:
        abort(404)
    assessment = db.session.get(Assessment, program.assessment_id) if program.assessment_id else None
    return render_template("programs/show.html", program=program, client=program.client, weeks=weeks, week=week,
                           sessions=[s for s in program.sessions if s.week == week],
                           exercises=load_catalog(trainer_id()).exercises, equipment=EQUIPMENT,
                           uncovered=summarise(program.uncovered), uncovered_count=finding_count(program.uncovered),
                           assessment=assessment, groups=group_findings(assessment.findings if assessment else []),
                           compensation_names=compensation_names(), rules=RULES,
                           precautions=[q for q in questions(PRECAUTION) if q.slug in program.client.precautions],
                           client_link=program_url(program.id, program.link_version, SmsSettings.from_config(
                               current_app.config)) if program.status == "active" else None,
                           errors=errors or {}, typed=typed or {},
                           copy_clients=db.session.scalars(db.select(Client).filter_by(trainer_id=trainer_id())
                                                           .order_by(Client.name)).all()), status


def _back(program: Program, item: ProgramItem | None = None):
    week = item.session.week if item else _week(request.form)
    anchor = f"item-{item.id}" if item else None
    return redirect(url_for("web.program", program_id=program.id, week=week, _anchor=anchor))


@bp.route("/programs/<int:program_id>/items/<int:item_id>", methods=["GET", "POST"])
def program_item(program_id: int, item_id: int):
    """One item: its dose, lock and side, and the exercises it could swap to."""
    program = found(program_of(trainer_id(), program_id))
    item = _item(program, item_id)
    if request.method == "GET":
        return _item_page(program, item, {}, {})
    numbers, errors = whole_numbers(request.form, DOSE_FIELDS + ("position",))
    fields = dict(numbers)
    for name in ("tempo", "side", "exercise"):
        if request.form.get(name):
            fields[name] = request.form[name].strip()
    if "locked" in request.form:
        fields["locked"] = request.form["locked"] == "yes"
    fields["apply_to"] = "following" if request.form.get("apply_to") == "following" else "item"
    typed = dict(request.form)
    try:
        body = validated(ItemUpdate, fields, errors)
        changes = body.model_dump(exclude_unset=True, exclude={"apply_to"})
        if changes:
            update_item(program, item, changes, body.apply_to, current_user, load_catalog(trainer_id()))
        db.session.commit()
    except (InputError, ProgramConflict) as exc:
        db.session.rollback()
        problems = exc.errors if isinstance(exc, InputError) else {"body": str(exc)}
        return _item_page(program, item, problems, typed, 409 if isinstance(exc, ProgramConflict) else 422)
    flash(_saved_message(fields))
    return _back(program, item)


def _saved_message(fields: dict) -> str:
    if "exercise" in fields:
        return "Exercise swapped" + (" here and in every later session." if fields["apply_to"] == "following" else ".")
    if "position" in fields:
        return "Order changed."
    if "locked" in fields and len(fields) == 2:
        return "Locked: regenerating keeps this item." if fields["locked"] else "Unlocked."
    return "Saved" + (" here; later sessions keep their progression, shifted the same."
                      if fields["apply_to"] == "following" else ".")


def _item_page(program, item, errors, typed, status=200):
    options = alternatives(program, item, load_catalog(trainer_id())) if program.status == "draft" or \
        program.status == "active" else []
    return render_template("programs/item.html", program=program, client=program.client, item=item,
                           alternatives=options, errors=errors, typed=typed, sides=SIDES), status


@bp.post("/programs/<int:program_id>/items/<int:item_id>/remove")
def remove_program_item(program_id: int, item_id: int):
    program = found(program_of(trainer_id(), program_id))
    item = _item(program, item_id)
    week, name = item.session.week, item.exercise.name
    try:
        remove_item(program, item, current_user)
        db.session.commit()
    except ProgramConflict as exc:
        flash(str(exc), "error")
        return _back(program, item)
    flash(f"{name} removed.")
    return redirect(url_for("web.program", program_id=program.id, week=week))


@bp.post("/programs/<int:program_id>/sessions/<int:session_id>/items")
def add_program_item(program_id: int, session_id: int):
    program = found(program_of(trainer_id(), program_id))
    session: ProgramSession | None = next((s for s in program.sessions if s.id == session_id), None)
    if session is None:
        abort(404)
    fields = {"exercise": request.form.get("exercise", "").strip()}
    try:
        catalog = load_catalog(trainer_id())
        body = validated(ItemCreate, {"exercise": resolve_exercise(catalog, fields["exercise"])})
        item = add_item(program, session, body, current_user, catalog)
        db.session.commit()
    except (InputError, ProgramConflict) as exc:
        db.session.rollback()
        message = "; ".join(exc.errors.values()) if isinstance(exc, InputError) else str(exc)
        flash(f"Could not add {fields['exercise'] or 'an exercise'}: {message}", "error")
        return redirect(url_for("web.program", program_id=program.id, week=session.week))
    flash(f"{item.exercise.name} added.")
    return _back(program, item)


@bp.post("/programs/<int:program_id>/regenerate")
def regenerate(program_id: int):
    program = found(program_of(trainer_id(), program_id))
    fields, errors, typed = _program_fields(request.form)
    fields.pop("assessment_id", None)
    try:
        regenerate_program(program, current_user, validated(ProgramRegenerate, fields, errors))
        db.session.commit()
    except InputError as exc:
        db.session.rollback()
        return _program_page(found(program_of(trainer_id(), program_id)), None, exc.errors, typed, 422)
    except ProgramConflict as exc:
        db.session.rollback()
        flash(f"Not regenerated: {exc}", "error")
        return redirect(url_for("web.program", program_id=program.id))
    flash("Regenerated; locked items kept their place.")
    return redirect(url_for("web.program", program_id=program.id))


@bp.post("/programs/<int:program_id>/publish")
def publish(program_id: int):
    program = found(program_of(trainer_id(), program_id))
    try:
        publish_program(program, current_user)
        db.session.commit()
    except ProgramConflict as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return redirect(url_for("web.program", program_id=program.id))
    flash(f"Published. {program.client.name} gets reminders on training days from "
          f"{program.start_date.isoformat()}; any earlier program is archived.")
    return redirect(url_for("web.program", program_id=program.id))


@bp.post("/programs/<int:program_id>/link/revoke")
def revoke_link(program_id: int):
    program = found(program_of(trainer_id(), program_id))
    revoke(program, current_user)
    db.session.commit()
    flash(f"The old link no longer opens {program.client.name}'s sessions. The next reminder carries the new one.")
    return redirect(url_for("web.program", program_id=program.id, _anchor="client-link"))


@bp.get("/programs/<int:program_id>/handout")
def handout(program_id: int):
    program = found(program_of(trainer_id(), program_id))
    return render_template("programs/handout.html", program=program, client=program.client)
