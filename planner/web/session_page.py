"""The client's session page, opened from the reminder's link: that day's
exercises with their dosage and cues, a countdown for each hold, a tick per
exercise, and a "done" button that records the same check-in an SMS reply
would. No login: the signed, expiring link is the key, and it opens this
one session of this one client."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request

from planner.extensions import db
from planner.messaging.inbound import record_checkin
from planner.messaging.session_links import read_session_link
from planner.messaging.settings import SmsSettings
from planner.models import CheckIn, Client, Program, ProgramItem, ProgramSession
from planner.messaging.replies import CheckInReply
from planner.validation import whole_number
from planner.vocabularies import MAX_PAIN, MIN_PAIN
from workers.broker import commit_then_send
from workers.tasks import check_flare

bp = Blueprint("session_page", __name__)


def _session_from(token: str) -> tuple[Client, ProgramSession]:
    found = read_session_link(token, SmsSettings.from_config(current_app.config))
    if found is None:
        abort(404)
    client_id, session_id = found
    session = db.session.scalar(
        db.select(ProgramSession).join(Program).where(ProgramSession.id == session_id,
                                                      Program.client_id == client_id)
        .options(db.selectinload(ProgramSession.items).joinedload(ProgramItem.exercise)))
    if session is None:
        abort(404)
    return db.session.get(Client, client_id), session


@bp.get("/s/<token>")
def show(token: str):
    client, session = _session_from(token)
    checkin = db.session.scalar(db.select(CheckIn).filter_by(client_id=client.id, date=session.date))
    return render_template("session.html", client=client, session=session, checkin=checkin, token=token)


@bp.post("/s/<token>/done")
def done(token: str):
    client, session = _session_from(token)
    raw = request.form.get("pain", "").strip()
    pain = None
    if raw:
        pain = whole_number(raw, MIN_PAIN, MAX_PAIN)
        if pain is None:
            checkin = db.session.scalar(db.select(CheckIn).filter_by(client_id=client.id, date=session.date))
            return render_template("session.html", client=client, session=session, checkin=checkin, token=token,
                                   error=f"Pain must be a whole number from {MIN_PAIN} to {MAX_PAIN}."), 422
    checkin = record_checkin(client, session.date, CheckInReply(pain, True), "session_page")
    commit_then_send(check_flare.send, [client.id])
    return render_template("session.html", client=client, session=session, checkin=checkin, token=token,
                           saved=True)
