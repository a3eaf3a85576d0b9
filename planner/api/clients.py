"""Clients of the signed-in trainer."""
from __future__ import annotations

from flask import current_app, jsonify, url_for
from planner.extensions import db
from planner.people.clients import create_client, update_client
from planner.models import Client
from planner.api.blueprint import bp
from planner.api.auth import current_trainer, owned_client, token_required
from planner.api.errors import validated_body
from planner.api.representations import client_json
from planner.inputs import ClientCreate, ClientUpdate


@bp.post("/clients", endpoint="create_client")
@token_required
def create_client_route():
    body = validated_body(ClientCreate)
    client = create_client(current_trainer(), body, current_app.config["DEFAULT_PHONE_REGION"])
    db.session.commit()
    response = jsonify(client_json(client))
    response.headers["Location"] = url_for("api.get_client", client_id=client.id)
    return response, 201


@bp.get("/clients")
@token_required
def list_clients():
    rows = db.session.scalars(db.select(Client).filter_by(trainer_id=current_trainer().id)
                              .order_by(Client.name, Client.id))
    return jsonify([client_json(c) for c in rows])


@bp.get("/clients/<int:client_id>")
@token_required
def get_client(client_id: int):
    return jsonify(client_json(owned_client(client_id)))


@bp.patch("/clients/<int:client_id>", endpoint="update_client")
@token_required
def update_client_route(client_id: int):
    client = owned_client(client_id)
    body = validated_body(ClientUpdate)
    update_client(client, body.model_dump(exclude_unset=True), current_app.config["DEFAULT_PHONE_REGION"])
    db.session.commit()
    return jsonify(client_json(client))
