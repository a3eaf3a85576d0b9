"""The client's session page, opened from the link in every reminder: one
signed link per program (planner/messaging/session_links.py), good while
the program runs and until the trainer revokes it. It shows today's
session (dosage, cues, a countdown for each hold, a tick per exercise that
is saved), the week ahead and the past days with what was done; "I did my
session" records the same check-in an SMS reply would.

No login and no CSRF token: the unguessable signed link in the address is
the key, and a page elsewhere cannot know it to forge a post. A link that
does not open the page gets a page saying how to get a new one."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from sqlalchemy.exc import IntegrityError

from planner.extensions import db
from planner.local_time import today_in
from planner.messaging.inbound import record_checkin
from planner.messaging.replies import CheckInReply
from planner.messaging.session_links import (REVOKED, UNKNOWN, Opened, open_daily_link, open_program_link,
                                             program_link_token)
from planner.messaging.settings import SmsSettings
from planner.models import CheckIn, Program
from planner.programs.client_days import NotThisSession, client_days, save_ticks, session_on, ticked_items
from planner.progress.alerts import severe_on
from planner.progress.report_rules import Thresholds
from planner.validation import whole_number
from planner.vocabularies import MAX_PAIN, MIN_PAIN
from workers.broker import commit_then_send
from workers.tasks import check_flare

bp = Blueprint("session_page", __name__)

# The form's scores, as the client reads them (planner/progress/pain_monitoring.py
# uses the last two): usual pain today, during the exercises, on waking.
SCORES = {"pain": "Pain", "exercise_pain": "Pain during the exercises", "morning_pain": "Pain on waking"}


def _today(program: Program) -> date:
    return today_in(program.client.timezone)


def _settings() -> SmsSettings:
    return SmsSettings.from_config(current_app.config)


def _refused(opened: Opened):
    status = 404 if opened.refusal == UNKNOWN else 410
    return render_template("session_link_gone.html", refusal=opened.refusal, revoked=opened.refusal == REVOKED), status


@bp.errorhandler(404)
def _not_found(exc):
    # An edited address (a day the program does not have, say) gets the same page as a bad link.
    return _refused(Opened(None, UNKNOWN))


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _page(token: str, program: Program, day: date | None, status: int = 200, **shown):
    today = _today(program)
    focus = session_on(program, day) if day else None
    focus = focus or session_on(program, today)
    checkin = db.session.scalar(db.select(CheckIn).filter_by(client_id=program.client_id, date=focus.date)) \
        if focus else None
    return render_template(
        "session.html", token=token, program=program, client=program.client,
        practice=program.client.trainer.practice, days=client_days(program, today), today=today,
        session=focus, checkin=checkin, ticked=ticked_items(program, focus.date) if focus else set(),
        errors=shown.pop("errors", None), typed=shown.pop("typed", {}), **shown), status


@bp.get("/p/<token>")
def show(token: str):
    opened = open_program_link(token, _settings(), _today)
    if opened.program is None:
        return _refused(opened)
    program, day = opened.program, _day(request.args.get("day", ""))
    shown = {}
    if request.args.get("done") and day:
        checkin = db.session.scalar(db.select(CheckIn).filter_by(client_id=program.client_id, date=day))
        shown["saved"] = checkin is not None and checkin.done
        shown["severe"] = shown["saved"] and checkin.pain is not None and severe_on(
            program.client_id, day, Thresholds.from_config(current_app.config))
    shown["ticks_saved"] = bool(request.args.get("ticks"))
    return _page(token, program, day, **shown)


def _opened_session(token: str, day_text: str):
    opened = open_program_link(token, _settings(), _today)
    if opened.program is None:
        return opened, None
    day = _day(day_text)
    session = session_on(opened.program, day) if day else None
    if session is None:
        abort(404)
    return opened, session


@bp.post("/p/<token>/days/<day>/ticks")
def ticks(token: str, day: str):
    opened, session = _opened_session(token, day)
    if session is None:
        return _refused(opened)
    chosen = {whole_number(value, 1, 2**31 - 1) for value in request.form.getlist("done_item")}
    try:
        if None in chosen:
            raise NotThisSession("a ticked exercise is not one of this session's")
        try:
            save_ticks(opened.program, session, chosen)
            db.session.commit()
        except IntegrityError:  # two saves of the same new tick at once: the other one won; apply ours over it
            db.session.rollback()
            save_ticks(opened.program, session, chosen)
            db.session.commit()
    except NotThisSession as exc:
        db.session.rollback()
        return _page(token, opened.program, session.date, 422, errors={"ticks": f"Ticks not saved: {exc}."})
    if request.headers.get("X-Requested-With") == "fetch":  # session.js saves each tick as it changes
        return ("", 204)
    return redirect(url_for(".show", token=token, day=session.date.isoformat(), ticks=1,
                            _anchor=f"ticks-{session.date.isoformat()}"), 303)


@bp.post("/p/<token>/days/<day>/done")
def done(token: str, day: str):
    opened, session = _opened_session(token, day)
    if session is None:
        return _refused(opened)
    return _record_done(token, opened.program, session.date)


def _record_done(token: str, program: Program, day: date):
    typed = {name: request.form.get(name, "").strip() for name in SCORES}
    scores, errors = {}, {}
    for name, label in SCORES.items():
        scores[name] = whole_number(typed[name], MIN_PAIN, MAX_PAIN) if typed[name] else None
        if typed[name] and scores[name] is None:
            errors[name] = f"{label} must be a whole number from {MIN_PAIN} to {MAX_PAIN}."
    if day > _today(program):
        errors["day"] = "This session is still to come: you can mark it done on the day."
    if errors:
        return _page(token, program, day, 422, errors=errors, typed=typed)
    record_checkin(program.client, day, CheckInReply(scores["pain"], True, scores["exercise_pain"],
                                                     scores["morning_pain"]), "session_page")
    commit_then_send(check_flare.send, [program.client_id])
    # After a redirect a reload does not post again; the answer opens where the client tapped.
    return redirect(url_for(".show", token=token, day=day.isoformat(), done=1, _anchor="confirmation"), 303)


# Reminders sent before program links carried a daily link; it opens the
# program's page on that day until it expires.

@bp.get("/s/<token>")
def daily(token: str):
    opened = open_daily_link(token, _settings(), _today)
    if opened.program is None:
        return _refused(opened)
    program = opened.program
    return redirect(url_for(".show", token=program_link_token(program.id, program.link_version, _settings()),
                            day=opened.day.isoformat()), 303)


@bp.post("/s/<token>/done")
def daily_done(token: str):
    opened = open_daily_link(token, _settings(), _today)
    if opened.program is None:
        return _refused(opened)
    program = opened.program
    return _record_done(program_link_token(program.id, program.link_version, _settings()), program, opened.day)
