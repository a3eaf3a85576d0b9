"""Twilio's webhooks: inbound SMS and delivery status callbacks.

Both check X-Twilio-Signature with the twilio library's validator against
PUBLIC_BASE_URL (the address Twilio called, which behind a proxy is not
the one Flask sees). A bad or missing signature is 403 and nothing is
stored. They answer at once with TwiML; parsing replies is a worker's job."""
from __future__ import annotations

import logging
from functools import wraps

from flask import Blueprint, Response, abort, current_app, request
from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse

from planner.extensions import db
from planner.messaging.inbound import receive
from planner.messaging.outbound import CALLBACK_STATUSES, record_status
from planner.messaging.settings import SmsSettings
from planner.messaging.signing import webhook_token
from planner.validation import quoted, whole_number
from workers.broker import commit_then_send
from workers.tasks import process_inbound, send_messages

bp = Blueprint("sms", __name__, url_prefix="/sms")
log = logging.getLogger(__name__)
# Twilio's error codes have five digits at most (twilio.com/docs/api/errors).
MAX_TWILIO_ERROR_CODE = 99_999


def public_url() -> str:
    query = request.query_string.decode()
    return current_app.config["PUBLIC_BASE_URL"] + request.path + (f"?{query}" if query else "")


def signed_by_twilio(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        signature = request.headers.get("X-Twilio-Signature", "")
        validator = RequestValidator(webhook_token(SmsSettings.from_config(current_app.config)))
        if not signature or not validator.validate(public_url(), request.form.to_dict(), signature):
            abort(403)
        return view(*args, **kwargs)
    return wrapper


def twiml(text: str | None = None) -> Response:
    response = MessagingResponse()
    if text:
        response.message(text)
    return Response(str(response), mimetype="text/xml")


@bp.post("/inbound")
@signed_by_twilio
def inbound():
    form = request.form
    sid = form.get("MessageSid") or form.get("SmsSid")
    sender = form.get("From")
    if not sid or not sender:
        abort(400)
    # No phone sends NUL, and PostgreSQL text cannot hold it.
    body = form.get("Body", "").replace("\x00", "\ufffd")
    result = receive(sid, sender, form.get("To"), body, SmsSettings.from_config(current_app.config))
    commit_then_send(process_inbound.send, [result.message_id] if result.needs_processing else [])
    to_send = result.released + result.queued
    commit_then_send(send_messages.send, [to_send] if to_send else [])
    return twiml(result.reply)


@bp.post("/status")
@signed_by_twilio
def status():
    form = request.form
    sid = form.get("MessageSid") or form.get("SmsSid")
    if not sid:
        abort(400)
    status_text = form.get("MessageStatus") or form.get("SmsStatus") or ""
    status = status_text if status_text in CALLBACK_STATUSES else None
    if status is None:
        log.warning("status callback for %s: ignored the unknown status %s", quoted(sid), quoted(status_text))
    code_text = form.get("ErrorCode") or ""
    code = whole_number(code_text, 0, MAX_TWILIO_ERROR_CODE)
    if code_text and code is None:
        log.warning("status callback for %s: ignored the malformed ErrorCode %s", quoted(sid), quoted(code_text))
    if status is not None or code is not None:
        record_status(sid, status, code)
        db.session.commit()
    return ("", 204)
