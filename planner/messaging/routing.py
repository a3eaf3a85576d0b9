"""Which practice an inbound SMS reaches.

A reply is routed by the pair (the person's number, the number they wrote
to), as Twilio delivers it. A practice with its own sender number
(Trainer.sms_from_number) is the only one a reply to that number can
reach; a reply to the shared number (TWILIO_FROM_NUMBER) can reach only the
practices without one. Among those, only bindings the person agreed to
(confirmed) receive a reply's content; when several practices share the
person, the one that texted them last, as the reply most likely answers it.
A binding awaiting the person's YES never receives a reply's content; the
person's YES to its opt-in confirmation is what confirms it."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import aliased, contains_eager

from planner.extensions import db
from planner.messaging.bindings import CONFIRMATION_WINDOW, OPT_IN
from planner.models import Client, Message, Trainer
from planner.models.people import AWAITING, CONFIRMED

# Outbound statuses of texts that did not reach the person (not yet, or never).
NOT_RECEIVED = ("pending", "cancelled", "failed", "undelivered")


# Built once: the webhook asks this on every reply, and building an ORM
# statement costs more Python time than running it.
_PHONE, _TO_NUMBER = db.bindparam("phone"), db.bindparam("to_number")
_OWNER = aliased(Trainer)
_CLIENTS_AT_NUMBER = (db.select(Client).join(Client.trainer).options(contains_eager(Client.trainer))
                      .where(Client.phone == _PHONE).order_by(Client.id))
_ON_SHARED_NUMBER = _CLIENTS_AT_NUMBER.where(Trainer.sms_from_number.is_(None))
_ON_NUMBER = _CLIENTS_AT_NUMBER.where(db.or_(
    Trainer.sms_from_number == _TO_NUMBER,  # unique: at most one practice's own number
    db.and_(Trainer.sms_from_number.is_(None),
            ~db.select(_OWNER.id).where(_OWNER.sms_from_number == _TO_NUMBER).exists())))


def channel(phone: str, to_number: str | None) -> list[Client]:
    """This number's clients at the practices that text from `to_number`:
    the one practice whose own number it is, else every practice on the
    shared number. Their trainers are loaded with them. One query, built
    once: this runs in the webhook, on every reply."""
    if not to_number:
        return list(db.session.scalars(_ON_SHARED_NUMBER, {"phone": phone}))
    return list(db.session.scalars(_ON_NUMBER, {"phone": phone, "to_number": to_number}))


def _last_texted(clients: list[Client]) -> tuple[int, datetime] | None:
    """(client id, when) of the last text that reached one of these clients."""
    if not clients:
        return None
    row = db.session.execute(db.select(Message.client_id, Message.created_at).where(
        Message.client_id.in_([c.id for c in clients]), Message.direction == "outbound",
        Message.status.not_in(NOT_RECEIVED))
        .order_by(Message.created_at.desc(), Message.id.desc()).limit(1)).first()
    return (row.client_id, row.created_at) if row else None


def reply_target(bindings: list[Client]) -> Client | None:
    """The client a reply's content reaches: the one confirmed binding, or
    among several the one texted last; None when no binding is confirmed."""
    confirmed = [c for c in bindings if c.phone_binding == CONFIRMED]
    if len(confirmed) <= 1:
        return confirmed[0] if confirmed else None
    last = _last_texted(confirmed)
    return next((c for c in confirmed if last and c.id == last[0]), confirmed[0])


def request_answered(bindings: list[Client], now: datetime) -> Client | None:
    """The practice a bare YES confirms: the latest opt-in request still in
    its window, if no confirmed practice texted the person after it (a
    YES answers the last question they were asked)."""
    requests = [c for c in bindings if c.phone_binding == AWAITING and c.opt_in_sent_at is not None
                and c.opt_in_sent_at >= now - CONFIRMATION_WINDOW]
    if not requests:
        return None
    latest = max(requests, key=lambda c: (c.opt_in_sent_at, c.id))
    last = _last_texted([c for c in bindings if c.phone_binding == CONFIRMED])
    return latest if last is None or last[1] < latest.opt_in_sent_at else None


def answers_opt_in(client: Client) -> bool:
    """Whether the last text that reached this client was its practice's
    opt-in confirmation, so a YES now confirms it rather than a session."""
    last = db.session.scalar(db.select(Message.kind).where(
        Message.client_id == client.id, Message.direction == "outbound", Message.status.not_in(NOT_RECEIVED))
        .order_by(Message.created_at.desc(), Message.id.desc()).limit(1))
    return last == OPT_IN
