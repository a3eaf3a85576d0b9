"""The schema comes from the migrations alone, and they match the models."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from planner.app import create_app
from planner.extensions import db


def test_migrated_schema_equals_the_models(app, clean_db):
    with db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), db.metadata)
    assert diff == []


def test_migrations_go_down_to_empty_and_back_up(tmp_path):
    # On a database of its own, so the shared test database stays loaded.
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'roundtrip.sqlite3'}"})
    with app.app_context():
        upgrade()
        assert "assessment" in inspect(db.engine).get_table_names()
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade()
        assert set(db.metadata.tables) <= set(inspect(db.engine).get_table_names())
        db.engine.dispose()


def test_0006_keeps_a_shared_number_with_the_practice_that_added_it_first(tmp_path):
    """Before 0006 any trainer could add any number; after it, a number two
    practices share replies only to the one that added it first until the
    person says YES to the other, and clients already texted are not sent
    an opt-in confirmation they never needed."""
    from sqlalchemy import text

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'sms_routing.sqlite3'}"})
    with app.app_context():
        upgrade(revision="0005_progress")
        with db.engine.begin() as connection:
            for trainer in (1, 2):
                connection.execute(text(
                    "INSERT INTO trainer (id, email, name, password_hash, timezone, created_at) "
                    "VALUES (:id, :email, 'T', 'x', 'UTC', '2026-01-01 00:00:00')"), {"id": trainer,
                                                                                     "email": f"t{trainer}@x.example"})
            for client, trainer, phone in ((1, 1, "+14155552671"), (2, 2, "+14155552671"), (3, 2, "+14155552672")):
                connection.execute(text(
                    "INSERT INTO client (id, trainer_id, name, phone, timezone, reminder_time, checkin_time, "
                    "training_days, sms_consent, auto_adjust, created_at, updated_at) VALUES (:id, :trainer, 'C', "
                    ":phone, 'UTC', '08:00:00', '19:00:00', 'mon', 1, 0, '2026-01-01 00:00:00', "
                    "'2026-01-01 00:00:00')"), {"id": client, "trainer": trainer, "phone": phone})
            for message, client in ((1, 1), (2, 2)):
                connection.execute(text(
                    "INSERT INTO message (id, client_id, direction, kind, body, status, attempts, created_at, "
                    "updated_at) VALUES (:id, :client, 'outbound', 'manual', 'hi', 'queued', 1, "
                    "'2026-02-0' || :id || ' 10:00:00', '2026-02-01 10:00:00')"), {"id": message, "client": client})
        upgrade()
        with db.engine.connect() as connection:
            rows = connection.execute(text(
                "SELECT id, phone_binding, opt_in_sent_at FROM client ORDER BY id")).all()
        assert [(r.id, r.phone_binding, r.opt_in_sent_at is not None) for r in rows] == [
            (1, "confirmed", True),  # texted before: counts as opted in then
            (2, "awaiting", False),  # the second practice on the number asks first
            (3, "confirmed", False)]  # never texted: its first text will be the opt-in confirmation
        assert str(rows[0].opt_in_sent_at).startswith("2026-02-01 10:00:00")
        db.engine.dispose()
