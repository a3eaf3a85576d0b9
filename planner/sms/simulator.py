"""Dev mode's stand-in for a phone: a reply typed in the simulator is posted
to /sms/inbound as Twilio would post it, form fields and X-Twilio-Signature
included, so it takes exactly the path a real SMS takes."""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from xml.etree import ElementTree

from flask import current_app
from twilio.request_validator import RequestValidator
from werkzeug.test import Client

from ..messaging import webhook_token

INBOUND_PATH = "/sms/inbound"


@dataclass
class SimulatedReply:
    status: int
    answer: str | None  # the text Twilio would send back at once (TwiML), if any


def simulate_inbound(from_number: str, body: str) -> SimulatedReply:
    app = current_app._get_current_object()
    params = {"MessageSid": "SM" + secrets.token_hex(16), "AccountSid": app.config["TWILIO_ACCOUNT_SID"] or "AC",
              "From": from_number, "To": app.config["TWILIO_FROM_NUMBER"] or "", "Body": body, "NumMedia": "0"}
    signature = RequestValidator(webhook_token()).compute_signature(
        app.config["PUBLIC_BASE_URL"] + INBOUND_PATH, params)
    # Through the whole WSGI app, as a request from Twilio's servers would go.
    response = Client(app).post(INBOUND_PATH, data=params, headers={"X-Twilio-Signature": signature})
    answer = None
    if response.status_code == 200:
        node = ElementTree.fromstring(response.get_data()).find("Message")
        answer = node.text if node is not None else None
    return SimulatedReply(response.status_code, answer)
