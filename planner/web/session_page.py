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
from planner.progress.alerts import severe_on
from planner.progress.report_rules import Thresholds
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


# The form's scores, as the client reads them (planner/progress/pain_monitoring.py
# uses the last two): usual pain today, during the exercises, on waking.
SCORES = {"pain": "Pain", "exercise_pain": "Pain during the exercises", "morning_pain": "Pain on waking"}


@bp.post("/s/<token>/done")
def done(token: str):
    client, session = _session_from(token)
    typed = {name: request.form.get(name, "").strip() for name in SCORES}
    scores, errors = {}, {}
    for name, label in SCORES.items():
        scores[name] = whole_number(typed[name], MIN_PAIN, MAX_PAIN) if typed[name] else None
        if typed[name] and scores[name] is None:
            errors[name] = f"{label} must be a whole number from {MIN_PAIN} to {MAX_PAIN}."
    if errors:
        checkin = db.session.scalar(db.select(CheckIn).filter_by(client_id=client.id, date=session.date))
        return render_template("session.html", client=client, session=session, checkin=checkin, token=token,
                               errors=errors, typed=typed), 422
    checkin = record_checkin(client, session.date, CheckInReply(scores["pain"], True, scores["exercise_pain"],
                                                                scores["morning_pain"]), "session_page")
    db.session.flush()
    severe = scores["pain"] is not None and severe_on(client.id, session.date,
                                                      Thresholds.from_config(current_app.config))
    commit_then_send(check_flare.send, [client.id])
    return render_template("session.html", client=client, session=session, checkin=checkin, token=token,
                           saved=True, severe=severe, practice=client.trainer.practice)
