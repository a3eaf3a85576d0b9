"""Sending a batch of reminders and prompts (dispatches): three steps, with
a commit after the first and the last (workers/tasks.py).

1. claim_and_prepare: claim the dispatches and make their messages; the
   claim is committed before anything is sent, so no other worker sends them.
2. send_claimed: each successful send leaves a marker in Redis
   (`sent_markers`) at once; nothing is written to the database.
3. record_outcomes (planner/messaging/outbound.py): the batch's outcomes
   reach the database together.

A worker that dies mid-batch is followed by one that finds the markers of
what already went out and does not send it again: a crash repeats at most
the one send in flight. Whether a client can be messaged is read once, in
step 1, with a few statements for the whole batch, none per message.

When a dispatch is a practice's first text to a number, the practice's
opt-in confirmation goes first, in the same batch; the dispatch names it
(opt_in_message_id), so a worker taking over after a crash finds it as it
finds the dispatch's own message. To a binding that awaits the person's YES
the dispatch carries only the opt-in confirmation, and the slot is skipped."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import NamedTuple

from sqlalchemy import bindparam

from planner.extensions import db
from planner.messaging import bindings, texts
from planner.messaging.bindings import OPT_IN, OPT_IN_SETTLING
from planner.messaging.outbound import (OPT_IN_FAILED, WAITING, Outcome, Result, attempt, can_message, compose,
                                        give_up_on_message)
from planner.messaging.session_links import program_urls
from planner.messaging.settings import SmsSettings
from planner.models import Client, Dispatch, Message, Trainer
from planner.models.people import AWAITING, utcnow

# A claim older than this is taken over by another worker.
CLAIM_LEASE = timedelta(minutes=10)
DONE_DISPATCH_STATES = ("sent", "failed", "missed", "skipped")

# What a batch reads of each message and client: plain rows, not ORM objects,
# so nothing is tracked by the session or expired by its commits.
_MESSAGE_COLUMNS = (Message.id, Message.dispatch_id, Message.client_id, Message.kind, Message.to_number,
                    Message.from_number, Message.body, Message.status, Message.twilio_sid, Message.attempts,
                    Message.created_at)
_CLIENT_COLUMNS = (Client.id, Client.name, Client.phone, Client.sms_consent, Client.sms_opted_out_at,
                   Client.phone_binding, Client.opt_in_sent_at, Trainer.name.label("trainer_name"),
                   Trainer.practice_name, Trainer.sms_from_number)


class Outgoing(NamedTuple):
    dispatch_id: int | None  # the dispatch whose state this send settles, if any
    message: object  # a plain row of _MESSAGE_COLUMNS
    waits: bool = False  # another worker's opt-in confirmation to this client must go first


def claim_dispatches(dispatch_ids: list[int], owner: str, now: datetime | None = None) -> list:
    """Take the dispatches this Dramatiq message may send: pending ones, and
    ones it (or a worker whose claim has lapsed) already held. Returns them
    as plain rows (id, client_id, kind, program_session_id,
    opt_in_message_id) by id, in the one UPDATE that claims them. The
    caller commits, before sending anything."""
    now = now or utcnow()
    claimed = db.session.execute(
        db.update(Dispatch)
        .where(Dispatch.id.in_(dispatch_ids))
        .where((Dispatch.state == "pending") | (
            (Dispatch.state == "sending") & ((Dispatch.claimed_by == owner) | (Dispatch.claimed_at < now - CLAIM_LEASE))))
        .values(state="sending", claimed_by=owner, claimed_at=now)
        .returning(Dispatch.id, Dispatch.client_id, Dispatch.kind, Dispatch.program_session_id,
                   Dispatch.opt_in_message_id),
        execution_options={"synchronize_session": False})
    return sorted(claimed, key=lambda row: row.id)


def claim_and_prepare(dispatch_ids: list[int], owner: str, settings: SmsSettings,
                      now: datetime | None = None) -> list[Outgoing]:
    """Claim what this Dramatiq message may send and make the messages of
    each claimed dispatch, in the order they are to be sent. The caller
    commits before sending."""
    now = now or utcnow()
    claimed = claim_dispatches(dispatch_ids, owner, now)
    if not claimed:
        return []
    return _messages_for(claimed, settings, now)


def send_claimed(claimed: list[Outgoing], transport, settings: SmsSettings, sent_markers,
                 limiter=None) -> list[Result]:
    """Send the claimed messages that are still to go out, in order; the
    outcome of each, for record_outcomes. Writes nothing to the database,
    only a marker in Redis per message sent. A text whose opt-in
    confirmation did not go out does not go either."""
    already_sent = sent_markers.get_many([out.message for out in claimed if out.message.status == "pending"])
    opt_in_not_sent: dict[int, Outcome] = {}  # by client id
    results: list[Result] = []
    for dispatch_id, message, waits in claimed:
        if message.status != "pending":  # recorded before a crash: only the dispatch is left to close
            outcome = Outcome(message.status, sid=message.twilio_sid)
        elif message.id in already_sent:  # sent before a crash, not yet recorded: never again
            outcome = Outcome("queued", sid=already_sent[message.id])
        elif waits or message.client_id in opt_in_not_sent:
            before = opt_in_not_sent.get(message.client_id)
            outcome = replace(OPT_IN_FAILED, error_code=before.error_code) if before and not before.transient \
                else WAITING
        else:
            outcome = attempt(message, transport, settings, limiter)
            if outcome.sid:
                sent_markers.put(message, outcome.sid)
        if message.kind == OPT_IN and not outcome.sid:
            opt_in_not_sent[message.client_id] = outcome
        results.append((dispatch_id, message, outcome))
    return results


def _practice(client) -> str:
    return client.practice_name or client.trainer_name


_CARRIES_OPT_IN = Dispatch.__table__.update().where(Dispatch.__table__.c.id == bindparam("b_id")).values(
    opt_in_message_id=bindparam("b_message"))


def _messages_for(claimed: list, settings: SmsSettings, now: datetime) -> list[Outgoing]:
    """The messages of the claimed dispatches that may be sent, in sending
    order: those an earlier try made, and new ones (inserted in one
    executemany). Dispatches to clients who can no longer be messaged are
    skipped, and their unsent messages cancelled; so are those to a
    practice the person has not confirmed, but for the opt-in confirmation
    that asks them."""
    ids = [d.id for d in claimed]
    opt_in_ids = [d.opt_in_message_id for d in claimed if d.opt_in_message_id is not None]
    clients = {c.id: c for c in db.session.execute(
        db.select(*_CLIENT_COLUMNS).join(Trainer, Client.trainer_id == Trainer.id)
        .where(Client.id.in_({d.client_id for d in claimed})))}
    rows = list(db.session.execute(db.select(*_MESSAGE_COLUMNS).where(
        Message.dispatch_id.in_(ids) | Message.id.in_(opt_in_ids))))
    own = {m.dispatch_id: m for m in rows if m.dispatch_id is not None}
    opt_ins = {m.id: m for m in rows if m.kind == OPT_IN}
    live = [d for d in claimed if d.client_id in clients and can_message(clients[d.client_id])]
    live_ids = {d.id for d in live}

    # Each client's opt-in confirmation rides with its first dispatch here:
    # one an earlier try made, else a new one if it is due and this worker
    # is the one to make it.
    carrier: dict[int, int] = {}  # client id -> dispatch id
    for d in live:
        if d.opt_in_message_id in opt_ins:
            carrier.setdefault(d.client_id, d.id)
    due = sorted({d.client_id for d in live if d.client_id not in carrier
                  and bindings.opt_in_due(clients[d.client_id], now)})
    new_opt_ins = bindings.claim_opt_ins(due, now)
    for d in live:
        if d.client_id in new_opt_ins:
            carrier.setdefault(d.client_id, d.id)
    # Another worker's opt-in confirmation may still be on its way: only
    # recent ones can be, so only those are looked up.
    unsure = [cid for cid in {d.client_id for d in live} if cid not in carrier and (
        clients[cid].opt_in_sent_at is None or clients[cid].opt_in_sent_at >= now - OPT_IN_SETTLING)]
    waiting = bindings.opt_ins_in_flight(unsure)

    awaiting = {cid for cid, c in clients.items() if c.phone_binding == AWAITING}
    skipped = [d.id for d in claimed
               if d.id not in live_ids or (d.client_id in awaiting and carrier.get(d.client_id) != d.id)]
    if skipped:
        db.session.execute(db.update(Dispatch).where(Dispatch.id.in_(skipped)).values(state="skipped"),
                           execution_options={"synchronize_session": False})
        db.session.execute(db.update(Message).where(Message.dispatch_id.in_(skipped), Message.status == "pending")
                           .values(status="cancelled", error_message="client opted out before sending"),
                           execution_options={"synchronize_session": False})
    skip = set(skipped)

    # Each reminder's link: its program's current one, for the batch in one query.
    links = program_urls([d.program_session_id for d in claimed if d.id not in skip and d.id not in own
                          and d.program_session_id and d.kind in ("reminder", "morning_reminder")], settings)
    new_rows = []
    for d in claimed:
        if d.id in skip:
            continue
        client = clients[d.client_id]
        row = {"client_id": d.client_id, "direction": "outbound", "to_number": client.phone,
               "from_number": settings.sender_for(client.sms_from_number), "status": "pending", "attempts": 0,
               "created_at": now, "updated_at": now}
        if d.client_id in new_opt_ins and carrier[d.client_id] == d.id:
            new_rows.append(row | {"dispatch_id": None, "kind": OPT_IN,
                                   "body": texts.opt_in_confirmation(_practice(client))})
        if d.client_id not in awaiting and d.id not in own:
            body = compose(d, client, settings, links.get(d.program_session_id))
            new_rows.append(row | {"dispatch_id": d.id, "kind": d.kind, "body": body})
    if new_rows:  # one executemany, returning the rows as they were stored
        for m in db.session.execute(Message.__table__.insert().returning(*_MESSAGE_COLUMNS), new_rows):
            if m.kind == OPT_IN:
                opt_ins[m.id] = m
            else:
                own[m.dispatch_id] = m
    opt_in_of = {m.client_id: m for m in opt_ins.values() if m.client_id in new_opt_ins}
    if opt_in_of:
        db.session.execute(_CARRIES_OPT_IN, [{"b_id": carrier[cid], "b_message": m.id} for cid, m in opt_in_of.items()])
    opt_in_of |= {d.client_id: opt_ins[d.opt_in_message_id] for d in live if d.opt_in_message_id in opt_ins}

    outgoing = []
    for d in claimed:
        if d.id in skip:
            continue
        opt_in = opt_in_of.get(d.client_id) if carrier.get(d.client_id) == d.id else None
        if d.client_id in awaiting:  # only the request for the person's YES, which settles the slot
            outgoing.append(Outgoing(d.id, opt_in))
            continue
        if opt_in is not None:
            outgoing.append(Outgoing(None, opt_in))
        outgoing.append(Outgoing(d.id, own[d.id], waits=d.client_id in waiting))
    return outgoing


def give_up_on_dispatches(dispatch_ids: list[int]) -> None:
    """After the last retry: what is still unsent is failed, for the trainer to see."""
    for dispatch in db.session.scalars(db.select(Dispatch).where(Dispatch.id.in_(dispatch_ids),
                                                                  Dispatch.state.not_in(DONE_DISPATCH_STATES))):
        dispatch.state = "failed"
        for message_id in (dispatch.opt_in_message_id, db.session.scalar(
                db.select(Message.id).filter_by(dispatch_id=dispatch.id))):
            if message_id is not None:
                give_up_on_message(message_id)
    db.session.flush()
