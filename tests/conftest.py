"""Test fixtures: a real database (SQLite by default, PostgreSQL when
DATABASE_URL is set), its schema built only by the migrations, the real
library loaded once, and a clean slate of client data before each test."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production")
# Dramatiq restarts a consumer 3 s after it stops, and pausing a worker
# stops its consumers; tests that pause one should not wait 3 s each time.
os.environ.setdefault("dramatiq_restart_delay", "50")


def _database_url(tmp_path_factory) -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'planner-test.sqlite3'}"


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """A real Redis: REDIS_URL when set (CI's second leg), else an embedded
    one for the session."""
    url = os.environ.get("REDIS_URL")
    if url:
        yield url
        return
    from planner.embedded_redis import EmbeddedRedis

    server = EmbeddedRedis(str(tmp_path_factory.mktemp("redis"))).start()
    os.environ["REDIS_URL"] = server.url
    try:
        yield server.url
    finally:
        os.environ.pop("REDIS_URL", None)
        server.stop()


@pytest.fixture(scope="session")
def fake_twilio():
    from tests.fake_twilio import FakeTwilio

    server = FakeTwilio().start()
    yield server
    server.stop()


TWILIO_TEST_SETTINGS = {
    "SMS_TRANSPORT": "twilio",
    "TWILIO_ACCOUNT_SID": "AC" + "0" * 32,
    "TWILIO_AUTH_TOKEN": "test-auth-token",
    "TWILIO_FROM_NUMBER": "+15005550006",
    "PUBLIC_BASE_URL": "https://planner.example.test",
    "SMS_RATE_PER_SECOND": 0,  # lifted; the rate-limit test sets its own
    "TWILIO_HTTP_TIMEOUT_SECONDS": 1,
}


@pytest.fixture(scope="session")
def app(tmp_path_factory, redis_url, fake_twilio):
    from flask_migrate import upgrade
    from sqlalchemy import MetaData

    from planner.app import create_app
    from planner.config import normalise_database_url
    from planner.extensions import db
    from planner.library.loader import load_library

    app = create_app({
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": normalise_database_url(_database_url(tmp_path_factory)),
        "REDIS_URL": redis_url,
        "TWILIO_API_BASE_URL": fake_twilio.url,
    } | TWILIO_TEST_SETTINGS)
    with app.app_context():
        # Start from nothing, whatever an earlier run left behind.
        existing = MetaData()
        existing.reflect(bind=db.engine)
        existing.drop_all(bind=db.engine)
        upgrade()
        load_library()
        db.session.commit()
        db.session.remove()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


CATALOG_TABLES = {"muscle", "exercise", "exercise_target", "movement_screen", "compensation",
                  "compensation_muscle", "alembic_version"}


def wipe_client_data() -> None:
    from planner.extensions import db
    from planner.models import Exercise

    for table in reversed(db.metadata.sorted_tables):
        if table.name not in CATALOG_TABLES:
            db.session.execute(table.delete())
    # Trainers' own exercises go last: program items may still point at them.
    db.session.execute(db.delete(Exercise).where(Exercise.trainer_id.is_not(None)))
    db.session.commit()


@pytest.fixture
def clean_db(app):
    """Every test starts with the library loaded and no trainers or clients."""
    with app.app_context():
        wipe_client_data()
        yield
        from planner.extensions import db
        db.session.rollback()
        db.session.remove()


@pytest.fixture
def broker(app, fake_twilio):
    """The real Redis broker, emptied, with the test app for its messages."""
    from workers.broker import configure

    broker = configure(app)

    def empty():
        broker.flush_all()
        for key in broker.client.scan_iter("sms-sent:*"):
            broker.client.delete(key)

    empty()
    fake_twilio.reset()
    yield broker
    empty()


@pytest.fixture
def worker(broker, clean_db):
    """A real Dramatiq worker (threads in this process) on the real broker."""
    import dramatiq

    import workers.tasks  # noqa: F401  (declare the actors)

    before = list(broker.middleware)
    worker = dramatiq.Worker(broker, worker_threads=4, worker_timeout=50)
    worker.start()
    yield worker
    worker.stop(timeout=10_000)
    # A stopped worker leaves its middleware on the broker; take it off.
    broker.middleware[:] = before


def wait_for(condition, timeout: float = 30.0, interval: float = 0.05) -> bool:
    """Poll until `condition()` is true or the time is up; say which."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return False


def drain(broker, worker, timeout_ms=30_000):
    """Wait until every queue is empty and the worker idle. The test's own
    transaction ends first, so the worker's writes are seen."""
    from planner.extensions import db

    db.session.commit()
    for _ in range(3):  # actors enqueue more work (replies, retries)
        for queue in ("sms", "inbound", "progress"):
            broker.join(queue, timeout=timeout_ms)
        worker.join()
    db.session.expire_all()


@pytest.fixture
def http(app, clean_db):
    return app.test_client()


@pytest.fixture
def cli(app, clean_db):
    return app.test_cli_runner()


class ApiTrainer:
    """A trainer with a token, and a few helpers to call the API as them."""

    def __init__(self, http, trainer_id: int, token: str):
        self.http = http
        self.id = trainer_id
        self.token = token
        self.headers = {"Authorization": f"Bearer {token}"}

    def get(self, path, **kw):
        return self.http.get(path, headers=self.headers, **kw)

    def post(self, path, json=None, **kw):
        return self.http.post(path, json=json, headers=self.headers, **kw)

    def patch(self, path, json=None, **kw):
        return self.http.patch(path, json=json, headers=self.headers, **kw)

    def create_client(self, **fields) -> dict:
        body = {"name": "Ada Lovelace", "phone": "+14155552671", "timezone": "America/New_York",
                "reminder_time": "07:30", "training_days": ["mon", "wed", "fri"], "sms_consent": True} | fields
        response = self.post("/api/v1/clients", json=body)
        assert response.status_code == 201, response.get_json()
        return response.get_json()


@pytest.fixture
def make_trainer(http):
    from planner.extensions import db
    from planner.people.accounts import create_trainer

    def make(email="ann@clinic.example", name="Ann Trainer", password="correct horse battery") -> ApiTrainer:
        trainer, token = create_trainer(email, name, password)
        db.session.commit()
        return ApiTrainer(http, trainer.id, token)
    return make


@pytest.fixture
def trainer(make_trainer) -> ApiTrainer:
    return make_trainer()


@pytest.fixture
def make_web_trainer(app, clean_db):
    """A trainer signed in to the web app, each with their own cookie jar."""
    from planner.extensions import db
    from planner.people.accounts import create_trainer

    from tests.web_support import WebTrainer

    def make(email="ann@clinic.example", name="Ann Trainer", password="correct horse battery") -> WebTrainer:
        trainer, token = create_trainer(email, name, password)
        db.session.commit()
        web = WebTrainer(app.test_client(), trainer.id, email, password).sign_in()
        web.api = ApiTrainer(app.test_client(), trainer.id, token)  # to set up data quickly
        return web
    return make


@pytest.fixture
def web(make_web_trainer):
    return make_web_trainer()


@pytest.fixture
def live_server(app, clean_db, monkeypatch):
    """The app over real HTTP for a real browser. Plain http on loopback, so
    the session cookie must not insist on HTTPS here."""
    from tests.browser_support import LiveServer

    monkeypatch.setitem(app.config, "SESSION_COOKIE_SECURE", False)
    with LiveServer(app) as server:
        yield server


@pytest.fixture(scope="session")
def chromium():
    from tests.browser_support import chromium_or_skip

    executable = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium, live_server, request):
    """A fresh browser tab (its own cookies) on the live server, at tablet width."""
    from tests.browser_support import Screenshots

    context = chromium.new_context(base_url=live_server.url, viewport={"width": 768, "height": 1024})
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # Script errors only: a 422 answer to a bad form is logged by Chromium too.
    page.on("console", lambda msg: errors.append(msg.text)
            if msg.type == "error" and not msg.text.startswith("Failed to load resource") else None)
    page.screenshots = Screenshots(page, request.node.name)
    page.js_errors = errors
    yield page
    context.close()


@pytest.fixture
def data_dir() -> Path:
    from planner.library import DATA_DIR
    return DATA_DIR
