"""Program templates: save a program as one, list, read and delete them,
and copy a program to another client. Starting a client's program from a
template is POST /clients/<id>/programs with template_id (programs.py)."""
from __future__ import annotations

from flask import abort, jsonify, url_for

from planner.api.auth import current_trainer, owned_client, token_required
from planner.api.blueprint import bp
from planner.api.errors import validated_body
from planner.api.programs import adapted_json, owned_program
from planner.api.representations import template_json, template_summary_json
from planner.extensions import db
from planner.inputs import ProgramCopy, TemplateCreate
from planner.local_time import today_in
from planner.models import ProgramTemplate
from planner.people.ownership import template_of
from planner.programs.templates import copy_program, delete_template, save_template, templates_of


def owned_template(template_id: int) -> ProgramTemplate:
    """The signed-in trainer's template, or 404."""
    template = template_of(current_trainer().id, template_id)
    if template is None:
        abort(404)
    return template


@bp.post("/programs/<int:program_id>/template")
@token_required
def save_as_template(program_id: int):
    program = owned_program(program_id)
    body = validated_body(TemplateCreate)
    template = save_template(program, current_trainer(), body.name)
    db.session.commit()
    response = jsonify(template_json(template))
    response.headers["Location"] = url_for("api.get_template", template_id=template.id)
    return response, 201


@bp.get("/templates")
@token_required
def list_templates():
    return jsonify([template_summary_json(t) for t in templates_of(current_trainer().id)])


@bp.get("/templates/<int:template_id>")
@token_required
def get_template(template_id: int):
    return jsonify(template_json(owned_template(template_id)))


@bp.delete("/templates/<int:template_id>")
@token_required
def remove_template(template_id: int):
    delete_template(owned_template(template_id))
    db.session.commit()
    return "", 204


@bp.post("/programs/<int:program_id>/copy")
@token_required
def copy(program_id: int):
    program = owned_program(program_id)
    body = validated_body(ProgramCopy)
    client = owned_client(body.client_id)  # another trainer's client: 404, as any id not yours
    copied, changes = copy_program(program, client, current_trainer(), body, today_in(client.timezone))
    db.session.commit()
    response = jsonify(adapted_json(copied.id, changes))
    response.headers["Location"] = url_for("api.get_program", program_id=copied.id)
    return response, 201
