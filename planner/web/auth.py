"""Signing in and out of the trainer's app."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user

from planner.extensions import db
from planner.people import web_sessions
from planner.people.sign_in import authenticate
from planner.people.sign_in_brake import SignInRefused
from planner.people.web_sessions import WebSessionSettings

bp = Blueprint("auth", __name__)


def remote_addr() -> str:
    """The client's address as the brakes count it (the real one behind
    TRUSTED_PROXIES)."""
    return request.remote_addr or "unknown"


def _safe_next(target: str | None) -> str:
    # Only a path on this site: an open redirect would make a fine phishing link.
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("web.dashboard")


def _clear_session() -> None:
    session.clear()
    g.pop("csrf_token", None)  # Flask-WTF's copy of the token just cleared; a new one comes with the next form


@bp.route("/signin", methods=["GET", "POST"])
def sign_in():
    if current_user.is_authenticated:
        return redirect(url_for("web.dashboard"))
    if request.method == "GET":
        return render_template("auth/sign_in.html", email="", next=request.args.get("next", ""))
    email = request.form.get("email", "")
    try:
        trainer = authenticate(email, request.form.get("password", ""), remote_addr())
    except SignInRefused as refused:
        db.session.commit()  # the failed attempt counts towards the brake
        response = render_template("auth/sign_in.html", email=email, error=refused.message,
                                   next=request.form.get("next", ""))
        headers = {"Retry-After": str(refused.retry_after_seconds)} if refused.retry_after_seconds else {}
        return response, 429 if refused.braked else 401, headers
    web_sessions.start(trainer, remote_addr(), WebSessionSettings.from_config(current_app.config))
    db.session.commit()
    _clear_session()  # nothing from before the sign-in carries over into it
    login_user(trainer)
    return redirect(_safe_next(request.form.get("next")))


@bp.post("/signout")
def sign_out():
    if current_user.is_authenticated:
        web_sessions.end(current_user.session_token)
        db.session.commit()
    logout_user()
    _clear_session()
    flash("You are signed out.")
    return redirect(url_for("auth.sign_in"))
