"""Creating and changing a trainer's clients, shared by the API and the web
app, which commit.

A client's number binds it to the trainer's practice; whether the person
must first confirm that practice by SMS (planner/messaging/bindings.py) is
settled here and never shown: adding a number another practice knows
answers exactly as adding any other."""
from __future__ import annotations

from planner.extensions import db
from planner.library.screening import PRECAUTION, unknown_answers
from planner.messaging.bindings import binding_for
from planner.models import Client, Trainer
from planner.models.people import utcnow
from planner.people.phones import to_e164
from planner.validation import InputError


def checked_phone(trainer: Trainer, raw: str, region: str, exclude_client_id: int | None = None) -> str:
    """`raw` in E.164, or InputError if it is not a number or another of
    this trainer's clients already has it."""
    try:
        phone = to_e164(raw, region)
    except ValueError as exc:
        raise InputError({"phone": str(exc)}) from None
    clash = db.session.scalar(db.select(Client.id).filter_by(trainer_id=trainer.id, phone=phone))
    if clash is not None and clash != exclude_client_id:
        raise InputError({"phone": f"{phone} already belongs to another of your clients (id {clash})"})
    return phone


def _checked(phone, precautions: list[str] | None):
    """Call `phone` (a checked_phone call) and check the precautions, raising
    every problem of the two at once."""
    errors = unknown_answers(PRECAUTION, precautions or [], "precautions")
    try:
        number = phone()
    except InputError as exc:
        raise InputError(exc.errors | errors) from None
    if errors:
        raise InputError(errors)
    return number


def create_client(trainer: Trainer, body, region: str) -> Client:
    """A new client from a validated ClientCreate, flushed (it has an id)."""
    phone = _checked(lambda: checked_phone(trainer, body.phone, region), body.precautions)
    client = Client(trainer=trainer, name=body.name, phone=phone, phone_binding=binding_for(phone, trainer.id),
                    timezone=body.timezone, reminder_time=body.reminder_time, checkin_time=body.checkin_time,
                    sms_consent=body.sms_consent, sms_consent_at=utcnow() if body.sms_consent else None,
                    auto_adjust=body.auto_adjust, precautions=list(body.precautions))
    client.training_days = body.training_days
    db.session.add(client)
    db.session.flush()
    return client


def update_client(client: Client, changes: dict, region: str) -> Client:
    """Apply a ClientUpdate's set fields. Null is not a value."""
    nulls = [k for k, v in changes.items() if v is None]
    if nulls:
        raise InputError({k: "must not be null" for k in nulls})
    changes = dict(changes)
    if "phone" in changes:
        raw = changes.pop("phone")
        phone = _checked(lambda: checked_phone(client.trainer, raw, region, exclude_client_id=client.id),
                         changes.get("precautions"))
        if phone != client.phone:  # a new binding: its own state, and its own first text
            client.phone = phone
            client.phone_binding = binding_for(phone, client.trainer_id, client.id)
            client.opt_in_sent_at = None
    elif "precautions" in changes:
        _checked(lambda: None, changes["precautions"])
    if "sms_consent" in changes:
        consent = changes.pop("sms_consent")
        if consent and not client.sms_consent:
            client.sms_consent_at = utcnow()
        client.sms_consent = consent
    for key, value in changes.items():
        setattr(client, key, value)
    return client
