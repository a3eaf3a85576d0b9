"""A client's SMS conversation and check-ins."""
from __future__ import annotations

from flask import current_app, jsonify

from planner.extensions import db
from planner.messaging.conversation import CannotMessage, record_trainer_checkin, send_manual_message
from planner.messaging.settings import SmsSettings
from planner.models import CheckIn, Message
from planner.local_time import today_in
from planner.api.blueprint import bp
from workers.broker import commit_then_send
from workers.tasks import check_flare, send_messages
from planner.api.auth import owned_client, token_required
from planner.api.errors import validated_body
from planner.api.representations import iso
from planner.inputs import CheckInCreate, ManualMessage


def message_json(message: Message) -> dict:
    return {"id": message.id, "direction": message.direction, "kind": message.kind, "body": message.body,
            "status": message.status, "error_code": message.error_code, "created_at": iso(message.created_at),
            "corrects_message_id": message.corrects_message_id}


def checkin_json(checkin: CheckIn) -> dict:
    return {"id": checkin.id, "date": checkin.date.isoformat(), "pain": checkin.pain, "done": checkin.done,
            "exercise_pain": checkin.exercise_pain, "morning_pain": checkin.morning_pain,
            "source": checkin.source, "message_id": checkin.message_id}


@bp.get("/clients/<int:client_id>/messages")
@token_required
def list_messages(client_id: int):
    client = owned_client(client_id)
    rows = db.session.scalars(db.select(Message).filter_by(client_id=client.id)
                              .order_by(Message.created_at, Message.id))
    return jsonify([message_json(m) for m in rows])


@bp.post("/clients/<int:client_id>/messages")
@token_required
def send_manual(client_id: int):
    client = owned_client(client_id)
    body = validated_body(ManualMessage)
    try:
        queued = send_manual_message(client, body.body, SmsSettings.from_config(current_app.config))
    except CannotMessage as refused:
        return jsonify(error=str(refused)), 409
    commit_then_send(send_messages.send, [queued.send_order])
    return jsonify(message_json(queued.message)), 201


@bp.get("/clients/<int:client_id>/checkins")
@token_required
def list_checkins(client_id: int):
    client = owned_client(client_id)
    rows = db.session.scalars(db.select(CheckIn).filter_by(client_id=client.id).order_by(CheckIn.date))
    return jsonify([checkin_json(c) for c in rows])


@bp.post("/clients/<int:client_id>/checkins")
@token_required
def create_checkin(client_id: int):
    client = owned_client(client_id)
    body = validated_body(CheckInCreate)
    checkin = record_trainer_checkin(client, body.date, body.pain, body.done, today_in(client.timezone),
                                     body.exercise_pain, body.morning_pain)
    commit_then_send(check_flare.send, [client.id])
    return jsonify(checkin_json(checkin)), 201
