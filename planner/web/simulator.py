"""Dev mode's SMS simulator: reply as a client through the real inbound path.

A reply typed in the simulator is posted to /sms/inbound as Twilio would
post it, form fields and X-Twilio-Signature included, so it takes exactly
the path a real SMS takes. Only with the console transport: with Twilio
configured, real phones reply."""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from xml.etree import ElementTree

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import login_required
from twilio.request_validator import RequestValidator
from werkzeug.test import Client as WsgiClient

from planner.extensions import db
from planner.messaging.settings import SmsSettings
from planner.messaging.signing import webhook_token
from planner.models import Client, Message
from planner.people.ownership import client_of
from planner.validation import id_number
from planner.web.blueprint import trainer_id

bp = Blueprint("simulator", __name__, url_prefix="/simulator")
bp.before_request(login_required(lambda: None))
CONVERSATION_LIMIT = 50
INBOUND_PATH = "/sms/inbound"


def simulator_enabled() -> bool:
    # Console mode on a laptop only: a production server never fakes replies.
    return current_app.config["SMS_TRANSPORT"] == "console" and current_app.config["PLANNER_ENV"] != "production"


@bp.before_request
def _only_in_console_mode():
    if not simulator_enabled():
        abort(404)


@bp.get("/")
def index():
    clients = db.session.execute(db.select(Client.id, Client.name, Client.phone)
                                 .where(Client.trainer_id == trainer_id()).order_by(Client.name)).all()
    chosen = client_of(trainer_id(), request.args.get("client_id", type=id_number) or 0) \
        or (client_of(trainer_id(), clients[0].id) if clients else None)
    messages = []
    if chosen is not None:
        messages = list(reversed(db.session.scalars(
            db.select(Message).filter_by(client_id=chosen.id)
            .order_by(Message.created_at.desc(), Message.id.desc()).limit(CONVERSATION_LIMIT)).all()))
    return render_template("simulator/index.html", clients=clients, chosen=chosen, messages=messages)


@bp.post("/reply")
def reply():
    client = client_of(trainer_id(), request.form.get("client_id", type=id_number) or 0)
    if client is None:
        abort(404)
    body = request.form.get("body", "").strip()
    if not body:
        flash("Type a reply first.", "error")
        return redirect(url_for("simulator.index", client_id=client.id))
    shared = db.session.scalar(db.select(db.func.count(Client.id)).where(Client.phone == client.phone))
    if shared > 1:
        # Replies are routed by number, as Twilio's are: with two clients on
        # one number, a simulated reply could land on someone else's client.
        flash(f"{client.phone} belongs to more than one client in this planner, so a reply from it cannot "
              f"be simulated as {client.name}.", "error")
        return redirect(url_for("simulator.index", client_id=client.id))
    result = simulate_inbound(client.phone, body, client.trainer.sms_from_number)
    if result.status != 200:
        flash(f"The inbound webhook answered {result.status}.", "error")
    else:
        flash(f"Sent as {client.name}." + (f" Immediate answer: “{result.answer}”" if result.answer else "")
              + " A worker reads the reply; refresh to see the check-in.")
    return redirect(url_for("simulator.index", client_id=client.id))


@dataclass
class SimulatedReply:
    status: int
    answer: str | None  # the text Twilio would send back at once (TwiML), if any


def simulate_inbound(from_number: str, body: str, practice_number: str | None = None) -> SimulatedReply:
    """A reply from `from_number` to the practice's own number, or to the
    shared one when it has none."""
    app = current_app._get_current_object()
    to_number = SmsSettings.from_config(app.config).sender_for(practice_number) or ""
    params = {"MessageSid": "SM" + secrets.token_hex(16), "AccountSid": app.config["TWILIO_ACCOUNT_SID"] or "AC",
              "From": from_number, "To": to_number, "Body": body, "NumMedia": "0"}
    signature = RequestValidator(webhook_token(SmsSettings.from_config(app.config))).compute_signature(
        app.config["PUBLIC_BASE_URL"] + INBOUND_PATH, params)
    # Through the whole WSGI app, as a request from Twilio's servers would go.
    response = WsgiClient(app).post(INBOUND_PATH, data=params, headers={"X-Twilio-Signature": signature})
    answer = None
    if response.status_code == 200:
        node = ElementTree.fromstring(response.get_data()).find("Message")
        answer = node.text if node is not None else None
    return SimulatedReply(response.status_code, answer)
