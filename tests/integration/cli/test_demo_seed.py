"""`planner demo seed`: the demo trainer's clients and their weeks of
history, made once, refused in production, and telling on the trainer's
pages the stories they were written for."""
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from planner.commands import DEMO_EMAIL, DEMO_PASSWORD
from planner.extensions import db
from planner.models import (Alert, Assessment, CheckIn, Client, Dispatch, FollowUpAnswer, Message, Program,
                            ProgramReview, Trainer)

from tests.support.web import WebTrainer

PLANNER = str(Path(sys.executable).with_name("planner"))
COUNTED = (Client, Assessment, Program, CheckIn, Message, Alert, ProgramReview, FollowUpAnswer, Dispatch)
# The NANP's numbers for fiction: 555-0100 to 555-0199 in any area code.
FICTIONAL = re.compile(r"^\+1[2-9]\d{2}55501\d{2}$")


def counts() -> dict[str, int]:
    return {model.__name__: db.session.scalar(db.select(db.func.count()).select_from(model)) for model in COUNTED}


@pytest.fixture
def seeded(cli):
    assert cli.invoke(args=["trainer", "demo"]).exit_code == 0
    result = cli.invoke(args=["demo", "seed"])
    assert result.exit_code == 0, result.output
    return result.output


def client_named(name: str) -> Client:
    return db.session.scalar(db.select(Client).filter_by(name=name))


def test_a_second_seed_changes_nothing(cli, seeded):
    assert "6 demo clients added" in seeded
    before = counts()
    assert before["Client"] == 6 and before["CheckIn"] > 50 and before["Message"] > 200
    again = cli.invoke(args=["demo", "seed"])
    assert again.exit_code == 0 and "nothing changed" in again.output
    assert counts() == before


def test_the_seed_is_refused_in_production(app, cli, monkeypatch):
    assert cli.invoke(args=["trainer", "demo"]).exit_code == 0
    monkeypatch.setitem(app.config, "PLANNER_ENV", "production")
    result = cli.invoke(args=["demo", "seed"])
    assert result.exit_code != 0
    assert "Error: no demo clients in production" in result.output
    assert counts()["Client"] == 0


def test_the_seed_needs_the_demo_trainer(cli):
    result = cli.invoke(args=["demo", "seed"])
    assert result.exit_code != 0 and "run `planner trainer demo` first" in result.output
    assert counts()["Client"] == 0


def test_no_demo_client_can_be_texted_unless_texts_go_to_the_console(app, cli, monkeypatch, seeded):
    # The test app texts through (the fake) Twilio: the demo clients have not agreed to texts.
    clients = db.session.scalars(db.select(Client)).all()
    assert all(FICTIONAL.match(c.phone) for c in clients)
    assert not any(c.sms_consent for c in clients)
    for client in clients:
        db.session.delete(client)
    db.session.commit()
    monkeypatch.setitem(app.config, "SMS_TRANSPORT", "console")
    assert cli.invoke(args=["demo", "seed"]).exit_code == 0
    assert all(c.sms_consent for c in db.session.scalars(db.select(Client)))


def test_the_seeded_pages_tell_the_stories(app, seeded):
    demo = WebTrainer(app.test_client(), db.session.scalar(db.select(Trainer.id)), DEMO_EMAIL, DEMO_PASSWORD).sign_in()
    dashboard = demo.page("/dashboard")
    for name in ("Maya Ortiz", "Tom Becker", "Priya Shah", "Sam Okafor", "Lena Fischer", "Noah Kim"):
        assert name in dashboard

    tom = client_named("Tom Becker")
    [flare] = db.session.scalars(db.select(Alert).filter_by(client_id=tom.id, kind="flare")).all()
    assert flare.resolved_at is None and flare.details["score"] == 7
    tom_page = demo.page(f"/clients/{tom.id}")
    assert '<span class="badge bad">flare</span> pain 7/10' in tom_page
    assert "Proposed program change" in tom_page and "<strong>Regress</strong>" in tom_page

    maya = demo.page(f"/clients/{client_named('Maya Ortiz').id}/report")
    assert "Improvement has held for at least 28 days" in maya

    priya = client_named("Priya Shah")
    [proposal] = db.session.scalars(db.select(ProgramReview).filter_by(client_id=priya.id)).all()
    assert (proposal.status, proposal.kind) == ("proposed", "progress")
    assert "<strong>Progress</strong>" in demo.page(f"/clients/{priya.id}")

    sam = client_named("Sam Okafor")
    assert db.session.scalar(db.select(Alert.kind).filter_by(client_id=sam.id)) == "low_adherence"

    lena = client_named("Lena Fischer")
    assert sorted(a.pain for a in db.session.scalars(db.select(FollowUpAnswer).filter_by(client_id=lena.id))) == [1, 2]

    noah = client_named("Noah Kim")
    assert db.session.scalar(db.select(Program.status).filter_by(client_id=noah.id)) == "draft"

    # Every text names the practice; the reminders carry a link and nothing clinical.
    texts = db.session.scalars(db.select(Message.body).filter_by(direction="outbound", kind="reminder")).all()
    assert texts and all(t.startswith("Riverside Movement Clinic: Hi ") and "/p/" in t for t in texts)


def planner(args, env):
    return subprocess.run([PLANNER, *args], env=env, capture_output=True, text=True, timeout=120)


def test_the_cli_hints_use_the_real_address(tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DATABASE_URL", "REDIS_URL", "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "SMS_TRANSPORT",
                        "PUBLIC_BASE_URL", "PORT")}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'hints.sqlite3'}"
    assert planner(["db", "upgrade"], env).returncode == 0
    on_5077 = planner(["trainer", "demo"], env | {"PORT": "5077"})
    assert on_5077.returncode == 0, on_5077.stderr
    assert "sign in at:  http://127.0.0.1:5077/signin" in on_5077.stdout
    assert re.search(r"curl -H 'Authorization: Bearer cpt_\S+' http://127\.0\.0\.1:5077/api/v1/clients", on_5077.stdout)
    public = planner(["trainer", "demo"], env | {"PORT": "5077", "PUBLIC_BASE_URL": "https://planner.clinic.example/"})
    assert "https://planner.clinic.example/api/v1/clients" in public.stdout and ":5077" not in public.stdout
    wrong = planner(["trainer", "demo"], env | {"PORT": "fifty"})
    assert wrong.returncode != 0 and "PORT must be a port number from 1 to 65535, not 'fifty'" in wrong.stderr
