"""The trainer's web app: server-rendered pages behind a session sign-in.

`bp` ("web") holds the pages about clients (dashboard, clients, assessments,
programs, conversation); the library, the SMS simulator and sign-in have
their own blueprints. Every form is CSRF-checked by Flask-WTF; the JSON API
(bearer tokens, no cookies), the Twilio webhooks (signatures) and the
client's session page (a signed token in the URL, no session) are exempt.
"""
from __future__ import annotations

from flask import Flask, current_app, request, session
from flask_login import current_user, logout_user

from planner.extensions import csrf, db, login_manager
from planner.local_time import readable_day, readable_moment
from planner.models import Trainer
from planner.people import web_sessions
from planner.people.web_sessions import WebSessionSettings
from planner.web import (account, assessments, clients, dashboard, program_templates, programs,  # noqa: F401
                        reports)  # (routes on bp)
from planner.web.auth import bp as auth_bp
from planner.web.blueprint import bp
from planner.web.library import bp as library_bp
from planner.web import figures  # noqa: F401  (the figure route and template globals, on library_bp)
from planner.web.media import bp as media_bp
from planner.web.session_page import bp as session_page_bp
from planner.web.simulator import bp as simulator_bp, simulator_enabled
from planner.web.twilio_webhooks import bp as sms_bp


@login_manager.user_loader
def _load_trainer(token: str) -> Trainer | None:
    # The cookie's id is the token of a server-side sign-in: ended, expired
    # or unknown means signed out (planner/people/web_sessions.py).
    return web_sessions.resume(token, WebSessionSettings.from_config(current_app.config))


def local_time(moment, zone_name: str | None = None) -> str:
    """A stored UTC time as its reader sees it: in `zone_name` (a client's,
    on a page for the client), else in the signed-in trainer's zone."""
    if moment is None:
        return ""
    if zone_name is None:
        zone_name = current_user.timezone if current_user.is_authenticated else "UTC"
    return readable_moment(moment, zone_name)


def day(value) -> str:
    """A date (or the date of a date-time) as "Mon 30 Nov 2026"."""
    if value is None:
        return ""
    return readable_day(value.date() if hasattr(value, "date") and callable(value.date) else value)


SECURITY_HEADERS = {
    # Everything is served by the app itself: no CDN, no inline script.
    "Content-Security-Policy": ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                "frame-ancestors 'none'; form-action 'self'; base-uri 'none'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def init_web(app: Flask) -> None:
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    # Behind HTTPS the cookie is never sent in clear; on a laptop's http:// it must be.
    app.config["SESSION_COOKIE_SECURE"] = app.config["PUBLIC_BASE_URL"].startswith("https://")
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", 12 * 3600)  # a working day with the page left open

    login_manager.init_app(app)
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = "Please sign in to see that page."
    login_manager.login_message_category = "error"
    login_manager.session_protection = "basic"
    csrf.init_app(app)
    for exempt in (sms_bp, session_page_bp):
        csrf.exempt(exempt)
    for blueprint in (auth_bp, bp, library_bp, media_bp, simulator_bp, sms_bp, session_page_bp):
        app.register_blueprint(blueprint)
    app.jinja_env.globals["simulator_enabled"] = simulator_enabled
    app.jinja_env.filters["local"] = local_time
    app.jinja_env.filters["day"] = day
    # Pain figures to one decimal, without a trailing ".0".
    app.jinja_env.filters["points"] = lambda value: "–" if value is None else f"{round(value, 1):g}"

    @app.before_request
    def _resume_sign_in():
        # The sign-in is checked, and its activity written, before any view
        # runs: that write is committed on its own, never with a view's work.
        if "_user_id" not in session or request.endpoint == "static":
            return
        if current_user.is_authenticated:
            db.session.commit()
        else:
            logout_user()  # an ended sign-in: its id leaves the cookie too

    @app.after_request
    def _security_headers(response):
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if request.endpoint != "static":
            # Pages, API answers, charts and exports carry health data: no
            # cache, shared or on the trainer's disk, may keep them.
            response.headers.setdefault("Cache-Control", "no-store")
        return response
