"""Integration fixtures: a real database (SQLite by default, PostgreSQL when
DATABASE_URL is set), its schema built only by the migrations, the real
library loaded once, and a clean slate of client data before each test;
the app on it, a real Redis (embedded unless REDIS_URL is set), the fake
Twilio server, the Dramatiq broker and a worker, the test HTTP client and
CLI runner, and trainers signed in to the API (`trainer`) or the web app
(`web`). The browser's fixtures are in browser/conftest.py."""
from __future__ import annotations

import os

import pytest

from tests.support.api import ApiTrainer
from tests.support.fake_twilio import TWILIO_TEST_SETTINGS


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
    from tests.support.fake_twilio import FakeTwilio

    server = FakeTwilio().start()
    yield server
    server.stop()


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
        # Photos the tests upload stay out of the instance folder.
        "MEDIA_DIR": str(tmp_path_factory.mktemp("media")),
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
                  "compensation_muscle", "screening_question", "length_test", "alembic_version"}


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


@pytest.fixture
def http(app, clean_db):
    return app.test_client()


@pytest.fixture
def cli(app, clean_db):
    return app.test_cli_runner()


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

    from tests.support.web import WebTrainer

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

