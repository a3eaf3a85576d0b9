"""Trainer accounts: creation, passwords and API tokens. The callers (CLI
commands, views) commit."""
from __future__ import annotations

from datetime import datetime

from email_validator import EmailNotValidError, validate_email

from planner.extensions import db
from planner.models import Trainer
from planner.models.people import PRACTICE_NAME_MAX
from planner.people.passwords import password_problem
from planner.people.phones import to_e164
from planner.people.sign_in_brake import record_failure, record_success, refusal
from planner.people.web_sessions import carry_over_password_change
from planner.validation import InputError


class AccountError(Exception):
    pass


class PasswordChangeRefused(AccountError):
    """Every problem with a password change at once, by form field."""

    def __init__(self, errors: dict[str, str], retry_after_seconds: int = 0, braked: bool = False):
        super().__init__(" ".join(errors.values()))
        self.errors, self.retry_after_seconds, self.braked = errors, retry_after_seconds, braked


def normalise_email(email: str) -> str:
    try:
        return validate_email(email.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise AccountError(f"email {email!r} is not valid: {exc}") from None


def create_trainer(email: str, name: str, password: str) -> tuple[Trainer, str]:
    email = normalise_email(email)
    if not name.strip():
        raise AccountError("name must not be empty")
    problem = password_problem(password, email, name)
    if problem:
        raise AccountError(f"password {problem}")
    if db.session.scalar(db.select(Trainer).filter_by(email=email)):
        raise AccountError(f"a trainer with email {email} already exists")
    trainer = Trainer(email=email, name=name.strip())
    trainer.set_password(password)
    token = trainer.issue_api_token()
    db.session.add(trainer)
    db.session.flush()  # the caller may need the new trainer's id
    return trainer, token


def find_trainer(email: str) -> Trainer:
    trainer = db.session.scalar(db.select(Trainer).filter_by(email=normalise_email(email)))
    if trainer is None:
        raise AccountError(f"no trainer with email {email}")
    return trainer


def rotate_token(email: str) -> str:
    return find_trainer(email).issue_api_token()


def ensure_demo_trainer(email: str, name: str, password: str) -> str:
    """The demo trainer, created or with the given password back (so the
    login printed beside it works); returns a fresh API token."""
    trainer = db.session.scalar(db.select(Trainer).filter_by(email=email))
    if trainer is None:
        return create_trainer(email, name, password)[1]
    if not trainer.check_password(password):
        trainer.set_password(password)
    return trainer.issue_api_token()


def change_password(trainer: Trainer, current: str, new: str, confirm: str, remote_addr: str,
                    keep_session: str | None, now: datetime | None = None) -> None:
    """The new password, if the current one is right (behind the same brake
    as sign-in) and the new one follows the rule; else PasswordChangeRefused
    naming every problem by field. The sign-in whose token is keep_session
    goes on; every other one of the trainer's ends. The caller commits
    either way: a wrong current password counts towards the brake."""
    refused = refusal(trainer.email, trainer, remote_addr, now)
    if refused:
        raise PasswordChangeRefused({"current": refused.message}, refused.retry_after_seconds, braked=True)
    errors = {}
    if trainer.check_password(current):
        record_success(trainer)
    else:
        record_failure(trainer.email, trainer, remote_addr, now)
        errors["current"] = "The current password is not right."
    problem = password_problem(new, trainer.email, trainer.name)
    if problem:
        errors["new"] = f"The new password {problem}"
    if new != confirm:
        errors["confirm"] = "The new password and its confirmation differ."
    if errors:
        raise PasswordChangeRefused(errors)
    trainer.set_password(new)
    carry_over_password_change(trainer, keep_session)


def change_texting(trainer: Trainer, practice_name: str, sms_from_number: str, region: str | None,
                   shared_number: str | None) -> None:
    """How the trainer's texts to clients are signed and sent: the practice's
    name (empty: the trainer's name) and its own Twilio number (empty: the
    planner's shared number). InputError names every problem at once."""
    errors = {}
    name = practice_name.strip()
    if len(name) > PRACTICE_NAME_MAX:
        errors["practice_name"] = (f"must be at most {PRACTICE_NAME_MAX} characters, so the first text to a "
                                   f"client fits two SMS (it has {len(name)})")
    elif any(not character.isprintable() for character in name):
        errors["practice_name"] = "must be one line of text"
    number = None
    if sms_from_number.strip():
        try:
            number = to_e164(sms_from_number, region)
        except ValueError as exc:
            errors["sms_from_number"] = str(exc)
    if number is not None and number == shared_number:
        errors["sms_from_number"] = f"{number} is the planner's shared number: leave this empty to send from it"
    elif number is not None and db.session.scalar(db.select(Trainer.id).where(
            Trainer.sms_from_number == number, Trainer.id != trainer.id)) is not None:
        errors["sms_from_number"] = f"{number} already sends another practice's texts; each practice needs its own"
    if errors:
        raise InputError(errors)
    trainer.practice_name = name or None
    trainer.sms_from_number = number
