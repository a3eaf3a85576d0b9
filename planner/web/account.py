"""The signed-in trainer's own account: name, time zone, password, API token."""
from __future__ import annotations

from zoneinfo import available_timezones

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user

from planner.people.accounts import AccountError, change_password
from planner.extensions import db
from planner.validation import control_character_problem, quoted
from planner.web.blueprint import bp

ZONES = frozenset(available_timezones())
MAX_NAME = 120  # Trainer.name's width


def _page(errors: dict | None = None, token: str | None = None, status: int = 200):
    return render_template("account.html", errors=errors or {}, token=token, zones=sorted(ZONES)), status


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
    if zone not in ZONES:
        errors["timezone"] = f"{quoted(zone)} is not an IANA time zone, such as Europe/Berlin"
    if errors:
        return _page(errors, status=422)
    current_user.name, current_user.timezone = name, zone
    db.session.commit()
    flash("Saved.")
    return redirect(url_for("web.account"))


@bp.post("/account/password")
def password():
    try:
        change_password(current_user, request.form.get("current", ""), request.form.get("new", ""),
                        request.form.get("confirm", ""))
    except AccountError as exc:
        return _page({"password": str(exc)}, status=422)
    db.session.commit()
    login_user(current_user)  # this session carries on under the new password
    flash("Password changed. Other devices signed in as you have been signed out.")
    return redirect(url_for("web.account"))


@bp.post("/account/token")
def token():
    new_token = current_user.issue_api_token()
    db.session.commit()
    return _page(token=new_token)
