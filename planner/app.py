"""The app factory: settings, extensions, blueprints, the broker; wiring only."""
from __future__ import annotations

import os
from pathlib import Path

from flask import Flask, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import event, make_url
from sqlalchemy.engine import Engine
from werkzeug.routing import IntegerConverter, UnicodeConverter

from planner import models  # noqa: F401  (register the tables on the metadata)
from planner.api import bp as api_bp
from planner.commands import register_commands
from planner.config import settings_from_env
from planner.extensions import csrf, db, migrate
from planner.models import Exercise, Muscle
from planner.validation import MAX_ID
from planner.web import init_web
from workers.broker import configure as configure_broker

PROJECT_DIR = Path(__file__).resolve().parent.parent
MIGRATIONS_DIR = str(PROJECT_DIR / "migrations")


class IdConverter(IntegerConverter):
    """`<int:...>` in every route: an id too large for the database's integer
    columns reads as 0, which no row has, so the view answers 404 as for any
    other missing row. (Refusing the match instead would answer 405 where
    the same path takes another method.)"""

    def to_python(self, value: str) -> int:
        number = super().to_python(value)
        return number if number <= MAX_ID else 0


class TextConverter(UnicodeConverter):
    """`<slug>`, `<token>` and every other text segment of a route: one
    with a control character names nothing we store (and NUL cannot even be
    looked up in PostgreSQL), so no route matches it and the answer is 404."""

    def __init__(self, map, *args, **kwargs):
        super().__init__(map, *args, **kwargs)
        self.regex = self.regex.replace("[^/]", r"[^/\x00-\x1f\x7f-\x9f]")


def create_app(overrides: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True, template_folder=str(PROJECT_DIR / "templates"),
                static_folder=str(PROJECT_DIR / "static"))
    app.config.from_mapping(settings_from_env(app.instance_path))
    if overrides:
        app.config.update(overrides)
    _keep_instance_private(app)
    app.url_map.converters["int"] = IdConverter
    app.url_map.converters["default"] = app.url_map.converters["string"] = TextConverter
    app.json.sort_keys = False  # keep fields in the order the API documents them

    if app.config.get("TRUSTED_PROXIES"):
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    db.init_app(app)
    migrate.init_app(app, db, directory=MIGRATIONS_DIR, render_as_batch=True)

    configure_broker(app)
    init_web(app)
    app.register_blueprint(api_bp)
    csrf.exempt(api_bp)  # bearer tokens, no cookies: nothing to forge
    register_commands(app)

    @app.get("/healthz")
    def healthz():
        return {"status": "ok"}

    @app.get("/")
    def index():
        # Trainers are who come here: to their dashboard, or to sign in first.
        return redirect(url_for("web.dashboard" if current_user.is_authenticated else "auth.sign_in"))

    @app.get("/integrators")
    def integrators():
        count = lambda model: db.session.scalar(db.select(db.func.count()).select_from(model))  # noqa: E731
        return render_template("integrators.html", muscles=count(Muscle), exercises=count(Exercise))

    return app


def _keep_instance_private(app: Flask) -> None:
    """Health data at rest is the owner's alone: the instance folder (the
    SQLite database, the secret key, the embedded Redis's file) and the
    database file are readable by the owner only."""
    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    instance.chmod(0o700)
    url = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        database = Path(url.database)
        database.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(database, os.O_CREAT | os.O_RDWR, 0o600))  # SQLite's -wal and -shm files follow its mode
        database.chmod(0o600)


@event.listens_for(Engine, "connect")
def _sqlite_settings(dbapi_connection, connection_record):
    # SQLite ignores foreign keys unless asked, per connection; WAL and a
    # busy timeout let the web app, a worker and the scheduler share the
    # file without "database is locked" errors.
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=15000")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()
