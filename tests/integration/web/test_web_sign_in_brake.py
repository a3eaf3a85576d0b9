"""The brake on password guessing counts an account with the address it is
tried from, so a guesser elsewhere cannot lock the trainer out; NIST's
ceiling of 100 failures in a row holds for the account as a whole."""
from __future__ import annotations

from tests.integration.web.test_web_auth import sign_in_form
from tests.support.web import sign_in_from

ATTACKER, TRAINERS_DESK = "203.0.113.7", "198.51.100.9"
PASSWORD = "correct horse battery"


def test_an_attacker_elsewhere_cannot_lock_the_trainer_out_while_their_own_address_is_braked(app, make_trainer):
    make_trainer()
    attacker, trainer = app.test_client(), app.test_client()
    for _ in range(5):
        assert sign_in_from(attacker, ATTACKER, "ann@clinic.example", "guess guess guess").status_code == 401
    braked = sign_in_from(attacker, ATTACKER, "ann@clinic.example", PASSWORD)
    assert braked.status_code == 429 and "Too many failed sign-ins" in braked.get_data(as_text=True)
    assert sign_in_from(trainer, TRAINERS_DESK, "ann@clinic.example", PASSWORD).status_code == 302


def test_failures_from_one_address_on_one_account_leave_its_other_accounts_open(app, make_trainer):
    make_trainer(email="ann@clinic.example")
    make_trainer(email="bob@clinic.example", name="Bob Trainer")
    for _ in range(5):
        sign_in_from(app.test_client(), TRAINERS_DESK, "ann@clinic.example", "guess guess guess")
    assert sign_in_from(app.test_client(), TRAINERS_DESK, "ann@clinic.example", PASSWORD).status_code == 429
    assert sign_in_from(app.test_client(), TRAINERS_DESK, "bob@clinic.example", PASSWORD).status_code == 302


def test_after_100_failures_in_a_row_the_account_opens_only_where_its_trainer_signed_in_before(
        app, make_trainer, cli):
    from planner.extensions import db
    from planner.models import Trainer

    make_trainer()
    # The trainer's usual desk, known from an earlier sign-in.
    assert sign_in_from(app.test_client(), TRAINERS_DESK, "ann@clinic.example", PASSWORD).status_code == 302
    # 95 failures spread over many addresses, then the last 5 through HTTP.
    db.session.execute(db.update(Trainer).values(consecutive_failures=95))
    db.session.commit()
    for i in range(5):
        sign_in_from(app.test_client(), f"192.0.2.{i}", "ann@clinic.example", "guess guess guess")
    db.session.expire_all()
    assert db.session.scalar(db.select(Trainer.consecutive_failures)) == 100

    elsewhere = sign_in_from(app.test_client(), "192.0.2.200", "ann@clinic.example", PASSWORD)
    assert elsewhere.status_code == 429
    assert "100 failed sign-ins in a row" in elsewhere.get_data(as_text=True)
    assert "planner trainer unlock" in elsewhere.get_data(as_text=True)
    # At the desk the right password still works, and ends the run of failures.
    assert sign_in_from(app.test_client(), TRAINERS_DESK, "ann@clinic.example", PASSWORD).status_code == 302
    db.session.expire_all()
    assert db.session.scalar(db.select(Trainer.consecutive_failures)) == 0
    assert sign_in_from(app.test_client(), "192.0.2.200", "ann@clinic.example", PASSWORD).status_code == 302


def test_the_operator_unlocks_an_account_at_its_ceiling(app, make_trainer, cli):
    from planner.extensions import db
    from planner.models import Trainer

    make_trainer()
    db.session.execute(db.update(Trainer).values(consecutive_failures=100))
    db.session.commit()
    assert sign_in_from(app.test_client(), "192.0.2.200", "ann@clinic.example", PASSWORD).status_code == 429
    result = cli.invoke(args=["trainer", "unlock", "--email", "Ann@Clinic.example"])
    assert result.exit_code == 0, result.output
    assert sign_in_from(app.test_client(), "192.0.2.200", "ann@clinic.example", PASSWORD).status_code == 302
    unknown = cli.invoke(args=["trainer", "unlock", "--email", "nobody@clinic.example"])
    assert unknown.exit_code != 0 and "no trainer" in unknown.output


def test_a_password_change_forgets_the_addresses_signed_in_from_before(app, web, make_trainer):
    from planner.extensions import db
    from planner.models import Trainer

    # An intruder who knew the old password signed in from their address.
    assert sign_in_from(app.test_client(), ATTACKER, "ann@clinic.example", PASSWORD).status_code == 302
    assert web.post("/account/password", {"current": PASSWORD, "new": "a brand new passphrase",
                                          "confirm": "a brand new passphrase"}).status_code == 302
    db.session.execute(db.update(Trainer).values(consecutive_failures=100))
    db.session.commit()
    assert sign_in_from(app.test_client(), ATTACKER, "ann@clinic.example", "a brand new passphrase"
                        ).status_code == 429


def test_the_same_address_is_still_braked_across_accounts(http, make_trainer):
    # The per-address limit of the old brake holds as it did.
    for i in range(20):
        assert sign_in_form(http, f"person{i}@clinic.example", "guess guess guess").status_code == 401
    make_trainer()
    assert sign_in_form(http, "ann@clinic.example", PASSWORD).status_code == 429
