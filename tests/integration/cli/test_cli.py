"""Operator commands on the `planner` CLI."""
import pytest

from planner.commands import DEMO_PASSWORD
from planner.extensions import db
from planner.models import Trainer
from planner.models.people import hash_token


def test_trainer_create_prints_a_working_token(cli, http):
    result = cli.invoke(args=["trainer", "create", "--email", "Coach@Clinic.example", "--name", "Coach",
                              "--password", "a long enough password"])
    assert result.exit_code == 0, result.output
    token = result.output.strip().split()[-1]
    trainer = db.session.scalar(db.select(Trainer))
    assert trainer.email == "coach@clinic.example"
    assert trainer.api_token_hash == hash_token(token) and token not in trainer.api_token_hash
    assert trainer.password_hash != "a long enough password" and trainer.check_password("a long enough password")
    assert http.get("/api/v1/clients", headers={"Authorization": f"Bearer {token}"}).status_code == 200


def test_trainer_create_refuses_bad_input_and_duplicates(cli):
    args = ["trainer", "create", "--name", "Coach", "--password", "a long enough password"]
    assert "not valid" in cli.invoke(args=args + ["--email", "not-an-email"]).output
    assert "at least 12" in cli.invoke(args=["trainer", "create", "--email", "a@b.example", "--name", "C",
                                             "--password", "short"]).output
    assert cli.invoke(args=args + ["--email", "a@b.example"]).exit_code == 0
    again = cli.invoke(args=args + ["--email", "A@b.example"])
    assert again.exit_code != 0 and "already exists" in again.output
    assert db.session.scalar(db.select(db.func.count(Trainer.id))) == 1


def test_demo_trainer_is_created_once_and_gets_a_fresh_token_each_time(cli, http):
    first = cli.invoke(args=["trainer", "demo"])
    second = cli.invoke(args=["trainer", "demo"])
    assert first.exit_code == 0 and second.exit_code == 0
    assert f"demo@example.com / {DEMO_PASSWORD}" in first.output
    token_of = lambda out: next(line.split()[-1] for line in out.splitlines() if "API token" in line)  # noqa: E731
    old, new = token_of(first.output), token_of(second.output)
    assert old != new
    assert http.get("/api/v1/clients", headers={"Authorization": f"Bearer {old}"}).status_code == 401
    assert http.get("/api/v1/clients", headers={"Authorization": f"Bearer {new}"}).status_code == 200
    assert db.session.scalar(db.select(db.func.count(Trainer.id))) == 1


@pytest.mark.parametrize("weak, says", [
    ("1234567890", "password is too short: it has 10 characters, and at least 12 are needed"),
    ("aaaaaaaaaa", "password is too short"),
    ("password12", "password is too short"),
    (" " * 10, "password is too short: it has 1 character, counting a run of spaces as one"),
    ("password1234", "password is too easy to guess: This is a very common password."),
    ("coach@clinic.example", "password is too easy to guess: It contains your email or name."),
])
def test_trainer_create_refuses_weak_passwords_in_plain_words(cli, weak, says):
    result = cli.invoke(args=["trainer", "create", "--email", "coach@clinic.example", "--name", "Coach",
                              "--password", weak])
    assert result.exit_code != 0
    assert f"Error: {says}" in result.output
    assert db.session.scalar(db.select(db.func.count(Trainer.id))) == 0


def test_trainer_create_takes_a_strong_password_at_its_prompt(cli):
    result = cli.invoke(args=["trainer", "create", "--email", "coach@clinic.example", "--name", "Coach"],
                        input="glute bridges at dawn\nglute bridges at dawn\n")
    assert result.exit_code == 0, result.output
    assert db.session.scalar(db.select(Trainer)).check_password("glute bridges at dawn")


def test_the_demo_login_printed_always_works(cli):
    from planner.people.sign_in import authenticate

    cli.invoke(args=["trainer", "demo"])
    trainer = db.session.scalar(db.select(Trainer))
    trainer.set_password("changed on the account page")
    db.session.commit()
    assert cli.invoke(args=["trainer", "demo"]).exit_code == 0
    assert authenticate("demo@example.com", DEMO_PASSWORD, "127.0.0.1").id == trainer.id


@pytest.mark.parametrize("instant", ["9999-12-31T23:00-05:00", "0001-01-01T00:30+01:00"])
def test_scheduler_tick_refuses_an_instant_beyond_the_calendar_in_plain_words(cli, instant):
    result = cli.invoke(args=["scheduler", "tick", "--now", instant])
    assert result.exit_code == 2
    assert "beyond the calendar in UTC" in result.output
