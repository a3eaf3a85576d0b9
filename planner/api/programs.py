"""Programs: generate from an assessment, edit, regenerate, publish."""
from __future__ import annotations

from flask import abort, current_app, jsonify, request, url_for

from planner.extensions import db
from planner.models import Program, ProgramItem
from planner.people.ownership import item_of, program_of, template_of
from planner.local_time import today_in
from planner.programs.adaptation import Adaptation
from planner.programs.edits import add_item, alternatives, remove_item, update_item
from planner.api.representations import change_json, iso, item_json, program_json
from planner.messaging.session_links import program_url, revoke
from planner.messaging.settings import SmsSettings
from planner.programs.templates import start_from_template
from planner.validation import InputError
from planner.programs.store import ProgramConflict, create_program, publish_program, regenerate_program
from planner.programs.catalog import load_catalog
from planner.api.blueprint import bp
from planner.api.auth import current_trainer, owned_client, token_required
from planner.api.errors import validated_body
from planner.inputs import ItemCreate, ItemUpdate, ProgramCreate, ProgramRegenerate


@bp.app_errorhandler(ProgramConflict)
def _conflict(exc: ProgramConflict):
    return jsonify(error=str(exc)), 409


def owned_program(program_id: int) -> Program:
    """The signed-in trainer's program, or 404."""
    program = program_of(current_trainer().id, program_id)
    if program is None:
        abort(404)
    return program


def program_item(program: Program, item_id: int) -> ProgramItem:
    item = item_of(program, item_id)
    if item is None:
        abort(404)
    return item


def _fresh(program_id: int) -> dict:
    db.session.expire_all()
    return program_json(owned_program(program_id))


def adapted_json(program_id: int, changes: list[Adaptation]) -> dict:
    """A program made from a template or a copy, with what was changed for its client."""
    return _fresh(program_id) | {"adaptations": [c.as_dict() for c in changes]}


@bp.post("/clients/<int:client_id>/programs")
@token_required
def create(client_id: int):
    client = owned_client(client_id)
    body = validated_body(ProgramCreate)
    today = today_in(client.timezone)
    if body.template_id is not None:
        template = template_of(current_trainer().id, body.template_id)
        if template is None:
            raise InputError({"template_id": f"you have no template {body.template_id}; see GET /api/v1/templates"})
        program, changes = start_from_template(client, current_trainer(), template, body, today)
        db.session.commit()
        response = jsonify(adapted_json(program.id, changes))
    else:
        program = create_program(client, current_trainer(), body, today)
        db.session.commit()
        response = jsonify(_fresh(program.id))
    response.headers["Location"] = url_for("api.get_program", program_id=program.id)
    return response, 201


@bp.get("/clients/<int:client_id>/programs")
@token_required
def list_for_client(client_id: int):
    client = owned_client(client_id)
    rows = db.session.scalars(db.select(Program).filter_by(client_id=client.id)
                              .order_by(Program.created_at.desc(), Program.id.desc()))
    return jsonify([{"id": p.id, "status": p.status, "assessment_id": p.assessment_id,
                     "start_date": p.start_date.isoformat(), "weeks": p.weeks,
                     "created_at": p.created_at.isoformat(timespec="seconds") + "Z"} for p in rows])


@bp.get("/programs/<int:program_id>")
@token_required
def get_program(program_id: int):
    return jsonify(program_json(owned_program(program_id)))


@bp.patch("/programs/<int:program_id>/items/<int:item_id>")
@token_required
def patch_item(program_id: int, item_id: int):
    program = owned_program(program_id)
    item = program_item(program, item_id)
    body = validated_body(ItemUpdate)
    changes = body.model_dump(exclude_unset=True, exclude={"apply_to"})
    if not changes:  # nothing to change: the program as it is, as documented
        return jsonify(program_json(program))
    update_item(program, item, changes, body.apply_to, current_trainer(), load_catalog(current_trainer().id))
    db.session.commit()
    return jsonify(_fresh(program_id))


@bp.delete("/programs/<int:program_id>/items/<int:item_id>")
@token_required
def delete_item(program_id: int, item_id: int):
    program = owned_program(program_id)
    remove_item(program, program_item(program, item_id), current_trainer())
    db.session.commit()
    return jsonify(_fresh(program_id))


@bp.post("/programs/<int:program_id>/sessions/<int:session_id>/items")
@token_required
def post_item(program_id: int, session_id: int):
    program = owned_program(program_id)
    session = next((s for s in program.sessions if s.id == session_id), None)
    if session is None:
        abort(404)
    body = validated_body(ItemCreate)
    item = add_item(program, session, body, current_trainer(), load_catalog(current_trainer().id))
    db.session.commit()
    return jsonify(item_json(item)), 201


@bp.get("/programs/<int:program_id>/items/<int:item_id>/alternatives")
@token_required
def get_alternatives(program_id: int, item_id: int):
    program = owned_program(program_id)
    item = program_item(program, item_id)
    return jsonify(alternatives(program, item, load_catalog(current_trainer().id)))


@bp.post("/programs/<int:program_id>/regenerate")
@token_required
def regenerate(program_id: int):
    program = owned_program(program_id)
    body = validated_body(ProgramRegenerate) if request.data else ProgramRegenerate()
    regenerate_program(program, current_trainer(), body)
    db.session.commit()
    return jsonify(_fresh(program_id))


@bp.post("/programs/<int:program_id>/publish")
@token_required
def publish(program_id: int):
    program = owned_program(program_id)
    publish_program(program, current_trainer())
    db.session.commit()
    return jsonify(_fresh(program_id))


@bp.post("/programs/<int:program_id>/link/revoke")
@token_required
def revoke_link(program_id: int):
    program = owned_program(program_id)
    revoke(program, current_trainer())
    db.session.commit()
    return jsonify(program_id=program.id,
                   url=program_url(program.id, program.link_version, SmsSettings.from_config(current_app.config)),
                   link_version=program.link_version, revoked_at=iso(program.link_revoked_at))


@bp.get("/programs/<int:program_id>/changes")
@token_required
def changes(program_id: int):
    program = owned_program(program_id)
    return jsonify([change_json(c) for c in program.changes])

