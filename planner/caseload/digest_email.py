"""The Monday digest's email: its text and its sending over SMTP. The email
names clients and what kind of attention they need, never a score or a
finding: mailboxes are not the place for health data."""
from __future__ import annotations

import smtplib
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage

from planner.models import Digest, Trainer

# The email's words for each reason: the kind of attention, not the numbers.
EMAIL_WORDS = {
    "opted_out": "opted out of SMS", "alert": "open alert", "pain_rising": "pain trend",
    "failed_messages": "messages not delivered", "unparsed_replies": "replies to read",
    "proposal": "program change to approve", "quiet": "no recent check-in", "low_adherence": "few sessions done",
}


@dataclass(frozen=True)
class EmailSettings:
    """How the digest is emailed. No host: no email, the dashboard only."""
    host: str | None = None
    port: int = 587
    username: str | None = None
    password: str | None = field(default=None, repr=False)  # kept out of logs
    starttls: bool = True
    sender: str | None = None
    # The planner's address, for the link to the dashboard.
    public_base_url: str = "http://127.0.0.1:5000"

    @classmethod
    def from_config(cls, config: Mapping) -> EmailSettings:
        """The settings of planner/config.py (SMTP_* and PUBLIC_BASE_URL)."""
        return cls(host=config.get("SMTP_HOST"), port=config.get("SMTP_PORT") or 587,
                   username=config.get("SMTP_USERNAME"), password=config.get("SMTP_PASSWORD"),
                   starttls=config.get("SMTP_STARTTLS", True), sender=config.get("SMTP_FROM"),
                   public_base_url=config.get("PUBLIC_BASE_URL") or cls.public_base_url)

    @property
    def enabled(self) -> bool:
        return bool(self.host)


def email_text(trainer: Trainer, digest: Digest, public_base_url: str) -> str:
    lines = [f"Hello {trainer.name.split()[0]},", "",
             f"The week of {digest.week_start.strftime('%-d %B %Y')}: {needing(len(digest.entries))}.", ""]
    for entry in digest.entries:
        words = sorted({EMAIL_WORDS.get(r["kind"], r["kind"]) for r in entry["reasons"]})
        lines.append(f"- {entry['name']}: {', '.join(words)}")
    lines += ["", f"The details are in the planner: {public_base_url}/dashboard", ""]
    return "\n".join(lines)


def needing(count: int) -> str:
    if count == 0:
        return "no client needs attention"
    return f"{count} client{' needs' if count == 1 else 's need'} attention"


def email_digest(trainer: Trainer, digest: Digest, settings: EmailSettings) -> None:
    """Send the digest to its trainer; writes nothing to the database."""
    send_email(trainer.email, f"Your clients this week: {needing(len(digest.entries))}",
               email_text(trainer, digest, settings.public_base_url), settings)


def send_email(to: str, subject: str, body: str, settings: EmailSettings) -> None:
    message = EmailMessage()
    message["From"] = settings.sender or settings.username or "planner@localhost"
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    with smtplib.SMTP(settings.host, settings.port, timeout=30) as smtp:
        if settings.starttls:
            smtp.starttls()
        if settings.username:
            smtp.login(settings.username, settings.password or "")
        smtp.send_message(message)
