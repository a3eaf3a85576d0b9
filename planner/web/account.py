"""The signed-in trainer's own account: name, time zone, how texts to
clients are signed and sent, password, API token."""
from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from planner.extensions import db
from planner.messaging.segments import name_note
from planner.people.accounts import PasswordChangeRefused, change_password, change_texting
from planner.people.passwords import MAX_LENGTH, MIN_LENGTH
from planner.time_zones import UnknownZone, zone_choices, zone_named
from planner.validation import InputError, control_character_problem
from planner.web.auth import remote_addr
from planner.web.blueprint import bp

MAX_NAME = 120  # Trainer.name's width


def _page(errors: dict | None = None, token: str | None = None, status: int = 200):
    return render_template("account.html", errors=errors or {}, token=token, zones=zone_choices(),
                           password_min_length=MIN_LENGTH, password_max_length=MAX_LENGTH), status


@bp.route("/account", methods=["GET", "POST"])
def account():
    if request.method == "GET":
        return _page()
    name, zone = request.form.get("name", "").strip(), request.form.get("timezone", "").strip()
    errors = {}
    if not name:
        errors["name"] = "must not be empty"
    elif len(name) > MAX_NAME:
        errors["name"] = f"must be at most {MAX_NAME} characters"
    elif problem := control_character_problem(name):
        errors["name"] = problem
    try:
        zone = zone_named(zone)
    except UnknownZone as unknown:
        errors["timezone"] = str(unknown)
    if errors:
        return _page(errors, status=422)
    current_user.name, current_user.timezone = name, zone
    db.session.commit()
    flash("Saved.")
    return redirect(url_for("web.account"))


@bp.post("/account/texting")
def texting():
    config = current_app.config
    try:
        change_texting(current_user, request.form.get("practice_name", ""), request.form.get("sms_from_number", ""),
                       config["DEFAULT_PHONE_REGION"], config["TWILIO_FROM_NUMBER"])
    except InputError as exc:
        db.session.rollback()
        return _page(exc.errors, status=422)
    db.session.commit()
    note = name_note(current_user.practice) if current_user.practice_name else None
    flash(f"Saved. {note}" if note else "Saved.")
    return redirect(url_for("web.account"))


@bp.post("/account/password")
def password():
    try:
        change_password(current_user, request.form.get("current", ""), request.form.get("new", ""),
                        request.form.get("confirm", ""), remote_addr(), keep_session=current_user.session_token)
    except PasswordChangeRefused as refused:
        db.session.commit()  # a wrong current password counts towards the brake; nothing else changed
        headers = {"Retry-After": str(refused.retry_after_seconds)} if refused.retry_after_seconds else {}
        return *_page(refused.errors, status=429 if refused.braked else 422), headers
    db.session.commit()
    flash("Password changed. Other devices signed in as you have been signed out.")
    return redirect(url_for("web.account"))


@bp.post("/account/token")
def token():
    new_token = current_user.issue_api_token()
    db.session.commit()
    return _page(token=new_token)
