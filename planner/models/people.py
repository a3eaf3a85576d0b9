"""Trainers and their clients. Every client-owned row hangs off a trainer."""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, time, timezone

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from planner.extensions import db

TOKEN_PREFIX = "cpt_"
# Our product choice: long enough for a clinic's name, short enough that the
# opt-in confirmation naming it stays within two SMS segments.
PRACTICE_NAME_MAX = 40
# A client row binds a phone number to a practice (planner/messaging/bindings.py).
CONFIRMED, AWAITING = "confirmed", "awaiting"


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def hash_token(token: str) -> str:
    # API tokens are 256-bit random strings, so a fast hash is enough: it
    # keeps a leaked database from handing out working tokens.
    return hashlib.sha256(token.encode()).hexdigest()


class Trainer(db.Model):
    __tablename__ = "trainer"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    api_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    # The trainer's own zone: when their weekly digest goes out.
    timezone: Mapped[str] = mapped_column(String(64), default="UTC", server_default="UTC")
    # The name clients see in texts (the opt-in confirmation, HELP); None: the trainer's name.
    practice_name: Mapped[str | None] = mapped_column(String(PRACTICE_NAME_MAX))
    # The practice's own Twilio number (E.164): its texts go out from it, and
    # replies to it reach only this practice. None: the shared TWILIO_FROM_NUMBER.
    sms_from_number: Mapped[str | None] = mapped_column(String(16), unique=True, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Raised by every password change: a sign-in made under an older
    # password no longer opens the app, whichever path changed it.
    password_version: Mapped[int] = mapped_column(default=0, server_default="0")
    # Failed password checks since the last success, for NIST SP 800-63B
    # §5.2.2's ceiling of 100 in a row (planner/people/sign_in_brake.py).
    consecutive_failures: Mapped[int] = mapped_column(default=0, server_default="0")

    clients: Mapped[list[Client]] = relationship(back_populates="trainer", cascade="all, delete-orphan")

    @property
    def practice(self) -> str:
        """How texts to clients name this trainer."""
        return self.practice_name or self.name

    def set_password(self, password: str) -> None:
        """Store the new password's hash (callers check it against the rule
        in planner/people/passwords.py first)."""
        self.password_hash = generate_password_hash(password)
        self.password_version = (self.password_version or 0) + 1

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    # Flask-Login: the id it keeps in the cookie is the random token of this
    # sign-in (planner/people/web_sessions.py), set on the trainer when the
    # sign-in starts or is resumed; nothing of the password goes there.
    is_active = True
    is_authenticated = True
    is_anonymous = False
    session_token = None  # not a column: the token of the request's own sign-in

    def get_id(self) -> str:
        if self.session_token is None:
            raise RuntimeError("no sign-in token: start one with planner.people.web_sessions.start")
        return self.session_token

    def issue_api_token(self) -> str:
        """Make a new token, keep only its hash, return it once to show."""
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        self.api_token_hash = hash_token(token)
        return token


class Client(db.Model):
    __tablename__ = "client"
    __table_args__ = (UniqueConstraint("trainer_id", "phone"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    trainer_id: Mapped[int] = mapped_column(ForeignKey("trainer.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str] = mapped_column(String(16))  # E.164
    timezone: Mapped[str] = mapped_column(String(64))  # IANA name
    reminder_time: Mapped[time]
    # The evening check-in prompt's local time.
    checkin_time: Mapped[time] = mapped_column(default=time(19, 0), server_default="19:00:00")
    # Comma-separated day codes, Monday first: "mon,wed,fri".
    training_days_csv: Mapped[str] = mapped_column("training_days", String(27))
    sms_consent: Mapped[bool] = mapped_column(default=False)
    sms_consent_at: Mapped[datetime | None]
    sms_opted_out_at: Mapped[datetime | None]
    # Apply the nightly review's proposals without waiting for the trainer.
    auto_adjust: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Whether this practice may text the number and hear its replies:
    # confirmed, or awaiting the person's YES (planner/messaging/bindings.py).
    phone_binding: Mapped[str] = mapped_column(String(16), default=CONFIRMED, server_default=CONFIRMED)
    # When this practice's opt-in confirmation (its first text to the number)
    # was queued; None: not yet, so the next text is preceded by it.
    opt_in_sent_at: Mapped[datetime | None]
    # Screening precautions (ScreeningQuestion slugs), e.g. anticoagulants.
    precautions: Mapped[list] = mapped_column(JSON, default=list, server_default=text("'[]'"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    trainer: Mapped[Trainer] = relationship(back_populates="clients")
    assessments: Mapped[list["Assessment"]] = relationship(  # noqa: F821
        back_populates="client", cascade="all, delete-orphan",
        order_by="(Assessment.performed_on.desc(), Assessment.id.desc())")

    @property
    def training_days(self) -> list[str]:
        return [d for d in self.training_days_csv.split(",") if d]

    @training_days.setter
    def training_days(self, days: list[str]) -> None:
        self.training_days_csv = ",".join(days)

    @property
    def sms_opted_out(self) -> bool:
        return self.sms_opted_out_at is not None


class SignInFailure(db.Model):
    """A failed web sign-in, counted to slow down password guessing."""
    __tablename__ = "sign_in_failure"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    remote_addr: Mapped[str] = mapped_column(String(45), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class WebSession(db.Model):
    """One sign-in to the web app. The cookie carries its random token; only
    the token's hash is stored, so a leaked database opens no session."""
    __tablename__ = "web_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    trainer_id: Mapped[int] = mapped_column(ForeignKey("trainer.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The trainer's password_version when signed in: a later change ends it.
    password_version: Mapped[int]
    # Where the sign-in came from: addresses the trainer signed in from
    # before stay open when the account reaches its failure ceiling.
    remote_addr: Mapped[str] = mapped_column(String(45))
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]

    trainer: Mapped[Trainer] = relationship()
