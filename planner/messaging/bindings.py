"""Who may text whom: each client row binds a phone number to a practice
(its trainer), and a reply reaches only a practice the person agreed to
hear from.

A binding is `confirmed` when the trainer added a number that no other
practice's confirmed client had: the trainer collected consent in person.
It is `awaiting` the person's YES when the number already belonged to
another practice's confirmed client (carriers and Twilio expect consent
from the number's owner, not from whoever typed it in): then nothing but
the practice's opt-in confirmation goes to the number, and no reply
reaches the practice, until the person answers that text with YES.

Every practice's first text to a number is its opt-in confirmation, for
confirmed and awaiting bindings alike, so a practice's own conversation
looks the same either way. Plain Python: the caller commits."""
from __future__ import annotations

from datetime import datetime, timedelta

from planner.extensions import db
from planner.models import Client, Message
from planner.models.people import AWAITING, CONFIRMED

OPT_IN = "opt_in"  # the message kind of an opt-in confirmation
# Our product choice: a YES confirms a practice's request within a week of
# it; later, the request has lapsed and the practice's next text asks again,
# so a practice the person has not confirmed asks at most once a week.
CONFIRMATION_WINDOW = timedelta(days=7)
# How long an opt-in confirmation can stay unsent: a send is retried for
# about an hour (SEND_RETRIES in workers/tasks.py); twice that, for margin.
OPT_IN_SETTLING = timedelta(hours=2)


def binding_for(phone: str, trainer_id: int, client_id: int | None = None) -> str:
    """The state of a new binding of `phone` to this trainer's practice
    (`client_id`: the client taking the number, when it is an edit)."""
    taken = db.session.scalar(db.select(Client.id).where(
        Client.phone == phone, Client.trainer_id != trainer_id, Client.phone_binding == CONFIRMED,
        Client.id != (client_id or 0)).limit(1))
    return AWAITING if taken is not None else CONFIRMED


def opt_in_due(client, now: datetime) -> bool:
    """Whether the practice's next text to this client (a Client or a row
    with phone_binding and opt_in_sent_at) must be preceded by its opt-in
    confirmation: it never sent one, or it asked the person more than the
    confirmation window ago and got no YES."""
    if client.opt_in_sent_at is None:
        return True
    return client.phone_binding == AWAITING and client.opt_in_sent_at < now - CONFIRMATION_WINDOW


def claim_opt_ins(client_ids: list[int], now: datetime) -> set[int]:
    """Of these clients, those whose opt-in confirmation is due, marked as
    on its way in one conditional UPDATE: of two workers preparing a first
    text to the same client at once, one makes the opt-in confirmation."""
    if not client_ids:
        return set()
    due = Client.opt_in_sent_at.is_(None) | (
        (Client.phone_binding == AWAITING) & (Client.opt_in_sent_at < now - CONFIRMATION_WINDOW))
    claimed = db.session.execute(
        db.update(Client).where(Client.id.in_(client_ids), due).values(opt_in_sent_at=now).returning(Client.id),
        execution_options={"synchronize_session": False})
    return {row.id for row in claimed}


def opt_ins_in_flight(client_ids: list[int]) -> set[int]:
    """Of these clients, those whose opt-in confirmation is made but not yet
    handed to Twilio (by another worker): their texts wait for it."""
    if not client_ids:
        return set()
    return set(db.session.scalars(db.select(Message.client_id).distinct().where(
        Message.client_id.in_(client_ids), Message.kind == OPT_IN, Message.status == "pending")))


def forget_failed_opt_ins(client_ids: list[int]) -> None:
    """An opt-in confirmation that could not be sent was not the person's
    first text: the practice's next text tries it again."""
    if client_ids:
        db.session.execute(db.update(Client).where(Client.id.in_(client_ids)).values(opt_in_sent_at=None),
                           execution_options={"synchronize_session": False})


def confirm(client: Client) -> list[int]:
    """The person answered this practice's opt-in confirmation with YES: the
    binding is confirmed. Returns the practice's texts held until now (in
    the order they were written) for the caller to hand to a worker after
    committing."""
    client.phone_binding = CONFIRMED
    return list(db.session.scalars(db.select(Message.id).where(
        Message.client_id == client.id, Message.direction == "outbound", Message.status == "pending",
        Message.dispatch_id.is_(None), Message.kind != OPT_IN).order_by(Message.id)))
