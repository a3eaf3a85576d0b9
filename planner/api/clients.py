"""Clients of the signed-in trainer."""
from __future__ import annotations

from flask import current_app, jsonify, url_for
from ..extensions import db
from ..models import Client
from ..models.people import utcnow
from ..phones import to_e164
from ..validation import InputError
from . import bp
from .auth import current_trainer, owned_client, token_required
from .errors import validated_body
from .representations import client_json
from .schemas import ClientCreate, ClientUpdate


def _phone(raw: str, exclude_client_id: int | None = None) -> str:
    try:
        phone = to_e164(raw, current_app.config["DEFAULT_PHONE_REGION"])
    except ValueError as exc:
        raise InputError({"phone": str(exc)}) from None
    clash = db.session.scalar(db.select(Client.id).filter_by(trainer_id=current_trainer().id, phone=phone))
    if clash is not None and clash != exclude_client_id:
        raise InputError({"phone": f"{phone} already belongs to another of your clients (id {clash})"})
    return phone


@bp.post("/clients")
@token_required
def create_client():
    body = validated_body(ClientCreate)
    client = Client(trainer=current_trainer(), name=body.name, phone=_phone(body.phone),
                    timezone=body.timezone, reminder_time=body.reminder_time, checkin_time=body.checkin_time,
                    sms_consent=body.sms_consent, sms_consent_at=utcnow() if body.sms_consent else None)
    client.training_days = body.training_days
    db.session.add(client)
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


@bp.patch("/clients/<int:client_id>")
@token_required
def update_client(client_id: int):
    client = owned_client(client_id)
    body = validated_body(ClientUpdate)
    changes = body.model_dump(exclude_unset=True)
    nulls = [k for k, v in changes.items() if v is None]
    if nulls:
        raise InputError({k: "must not be null" for k in nulls})
    if "phone" in changes:
        client.phone = _phone(changes.pop("phone"), exclude_client_id=client.id)
    if "sms_consent" in changes:
        consent = changes.pop("sms_consent")
        if consent and not client.sms_consent:
            client.sms_consent_at = utcnow()
        client.sms_consent = consent
    for key, value in changes.items():
        setattr(client, key, value)
    db.session.commit()
    return jsonify(client_json(client))
