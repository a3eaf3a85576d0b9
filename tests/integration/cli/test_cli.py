"""Operator commands on the `planner` CLI."""
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
    assert "at least 10" in cli.invoke(args=["trainer", "create", "--email", "a@b.example", "--name", "C",
                                             "--password", "short"]).output
    assert cli.invoke(args=args + ["--email", "a@b.example"]).exit_code == 0
    again = cli.invoke(args=args + ["--email", "A@b.example"])
    assert again.exit_code != 0 and "already exists" in again.output
    assert db.session.scalar(db.select(db.func.count(Trainer.id))) == 1


def test_demo_trainer_is_created_once_and_gets_a_fresh_token_each_time(cli, http):
    first = cli.invoke(args=["trainer", "demo"])
    second = cli.invoke(args=["trainer", "demo"])
    assert first.exit_code == 0 and second.exit_code == 0
    assert "demo@example.com / demo-password" in first.output
    token_of = lambda out: next(line.split()[-1] for line in out.splitlines() if "API token" in line)  # noqa: E731
    old, new = token_of(first.output), token_of(second.output)
    assert old != new
    assert http.get("/api/v1/clients", headers={"Authorization": f"Bearer {old}"}).status_code == 401
    assert http.get("/api/v1/clients", headers={"Authorization": f"Bearer {new}"}).status_code == 200
    assert db.session.scalar(db.select(db.func.count(Trainer.id))) == 1
