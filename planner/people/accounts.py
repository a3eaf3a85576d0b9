"""Trainer accounts: creation and API tokens. The callers (CLI commands, views) commit."""
from __future__ import annotations

from email_validator import EmailNotValidError, validate_email

from planner.extensions import db
from planner.models import Trainer
from planner.models.people import PRACTICE_NAME_MAX
from planner.people.phones import to_e164
from planner.validation import InputError

MIN_PASSWORD_LENGTH = 10  # NIST SP 800-63B asks for at least 8; we ask a little more.


class AccountError(Exception):
    pass


def normalise_email(email: str) -> str:
    try:
        return validate_email(email.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise AccountError(f"email {email!r} is not valid: {exc}") from None


def create_trainer(email: str, name: str, password: str) -> tuple[Trainer, str]:
    email = normalise_email(email)
    if not name.strip():
        raise AccountError("name must not be empty")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"password must be at least {MIN_PASSWORD_LENGTH} characters")
    if db.session.scalar(db.select(Trainer).filter_by(email=email)):
        raise AccountError(f"a trainer with email {email} already exists")
    trainer = Trainer(email=email, name=name.strip())
    trainer.set_password(password)
    token = trainer.issue_api_token()
    db.session.add(trainer)
    db.session.flush()  # the caller may need the new trainer's id
    return trainer, token


def rotate_token(email: str) -> str:
    trainer = db.session.scalar(db.select(Trainer).filter_by(email=normalise_email(email)))
    if trainer is None:
        raise AccountError(f"no trainer with email {email}")
    return trainer.issue_api_token()


def ensure_demo_trainer(email: str, name: str, password: str) -> str:
    trainer = db.session.scalar(db.select(Trainer).filter_by(email=email))
    if trainer is None:
        return create_trainer(email, name, password)[1]
    return rotate_token(email)


def change_password(trainer: Trainer, current: str, new: str, confirm: str) -> None:
    """Raises AccountError naming the problem. The new hash changes the
    session id, so other signed-in sessions end once the caller commits."""
    if not trainer.check_password(current):
        raise AccountError("the current password is not right")
    if len(new) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"the new password must be at least {MIN_PASSWORD_LENGTH} characters")
    if new != confirm:
        raise AccountError("the new password and its confirmation differ")
    trainer.set_password(new)


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
