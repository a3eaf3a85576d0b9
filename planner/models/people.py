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
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    clients: Mapped[list[Client]] = relationship(back_populates="trainer", cascade="all, delete-orphan")

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    # Flask-Login: the session names the trainer and a piece of the password
    # hash, so changing the password signs out every other session.
    is_active = True
    is_authenticated = True
    is_anonymous = False

    def get_id(self) -> str:
        return f"{self.id}:{self.password_hash[-12:]}"

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
