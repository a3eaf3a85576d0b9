"""Signing in and out of the trainer's app."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user, logout_user

from planner.extensions import db
from planner.people.sign_in import SignInRefused, authenticate

bp = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str:
    # Only a path on this site: an open redirect would make a fine phishing link.
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("web.dashboard")


@bp.route("/signin", methods=["GET", "POST"])
def sign_in():
    if current_user.is_authenticated:
        return redirect(url_for("web.dashboard"))
    if request.method == "GET":
        return render_template("auth/sign_in.html", email="", next=request.args.get("next", ""))
    email = request.form.get("email", "")
    try:
        trainer = authenticate(email, request.form.get("password", ""), request.remote_addr or "unknown")
    except SignInRefused as refused:
        db.session.commit()  # the failed attempt counts towards the brake
        status = 429 if refused.retry_after_seconds else 401
        response = render_template("auth/sign_in.html", email=email, error=refused.message,
                                   next=request.form.get("next", ""))
        headers = {"Retry-After": str(refused.retry_after_seconds)} if refused.retry_after_seconds else {}
        return response, status, headers
    db.session.commit()
    login_user(trainer)
    return redirect(_safe_next(request.form.get("next")))


@bp.post("/signout")
def sign_out():
    logout_user()
    flash("You are signed out.")
    return redirect(url_for("auth.sign_in"))
