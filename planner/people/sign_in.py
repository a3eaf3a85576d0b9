"""Web sign-in: credentials checked behind the brake on password guessing
(planner/people/sign_in_brake.py)."""
from __future__ import annotations

from datetime import datetime

from werkzeug.security import generate_password_hash

from planner.extensions import db
from planner.models import Trainer
from planner.models.people import utcnow
from planner.people.accounts import AccountError, normalise_email
from planner.people.sign_in_brake import SignInRefused, record_failure, record_success, refusal

# Compared against when the email is unknown, so a wrong email takes as long
# as a wrong password and does not reveal who has an account.
_DUMMY_HASH = generate_password_hash("not-a-password")


def authenticate(email: str, password: str, remote_addr: str, now: datetime | None = None) -> Trainer:
    """The trainer these credentials belong to, or SignInRefused saying why
    not (without telling which of email and password was wrong). Either way
    the caller commits: a failure is recorded to count towards the brake,
    a success clears the account's count."""
    now = now or utcnow()
    try:
        email = normalise_email(email)
    except AccountError:
        # Not an address, so no account's: kept (without NUL, which
        # PostgreSQL text cannot hold) only to count the failure.
        email = email.strip().lower().replace("\x00", "\ufffd")[:254]
    trainer = db.session.scalar(db.select(Trainer).filter_by(email=email))
    refused = refusal(email, trainer, remote_addr, now)
    if refused:
        raise refused
    if trainer is not None and trainer.check_password(password):
        record_success(trainer)
        return trainer
    if trainer is None:
        Trainer(password_hash=_DUMMY_HASH).check_password(password)
    record_failure(email, trainer, remote_addr, now)
    raise SignInRefused("That email and password do not match an account.")
