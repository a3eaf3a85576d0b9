"""The Monday digest: the clients who need the trainer's attention this
week, kept for the dashboard and emailed when SMTP is configured. The
email names clients and what kind of attention they need, never a score
or a finding: mailboxes are not the place for health data."""
from __future__ import annotations

import smtplib
from datetime import timedelta
from email.message import EmailMessage

from flask import current_app

from planner.caseload.dashboard import dashboard
from planner.extensions import db
from planner.models import Alert, Client, Digest, ProgramReview, Trainer
from planner.models.people import utcnow

# The email's words for each reason: the kind of attention, not the numbers.
EMAIL_WORDS = {
    "opted_out": "opted out of SMS", "alert": "open alert", "pain_rising": "pain trend",
    "failed_messages": "messages not delivered", "unparsed_replies": "replies to read",
    "proposal": "program change to approve", "quiet": "no recent check-in", "low_adherence": "few sessions done",
}


def digest_entries(trainer_id: int) -> list[dict]:
    """Each client who needs attention, worst first, with their reasons."""
    alerts: dict[int, int] = dict(db.session.execute(
        db.select(Alert.client_id, db.func.count()).join(Client, Client.id == Alert.client_id)
        .where(Client.trainer_id == trainer_id, Alert.resolved_at.is_(None)).group_by(Alert.client_id)).all())
    proposals: dict[int, int] = dict(db.session.execute(
        db.select(ProgramReview.client_id, db.func.count()).join(Client, Client.id == ProgramReview.client_id)
        .where(Client.trainer_id == trainer_id, ProgramReview.status == "proposed")
        .group_by(ProgramReview.client_id)).all())
    entries = []
    for row in dashboard(trainer_id):
        client_id = row.numbers.client_id
        reasons = [{"kind": r.kind, "text": r.text} for r in row.reasons]
        if alerts.get(client_id):
            reasons.insert(0, {"kind": "alert", "text": f"{alerts[client_id]} open alert(s)"})
        if proposals.get(client_id):
            reasons.append({"kind": "proposal", "text": "a program change waits for your approval"})
        if reasons:
            entries.append({"client_id": client_id, "name": row.numbers.name, "reasons": reasons})
    entries.sort(key=lambda e: (0 if e["reasons"][0]["kind"] == "alert" else 1))
    return entries


def build_digest(digest_id: int) -> Digest | None:
    """Fill in a pending digest and email it. Safe to run twice: a ready
    digest is not rebuilt, and one already emailed is not sent again."""
    digest = db.session.get(Digest, digest_id)
    if digest is None:
        return None
    if digest.status == "pending":
        digest.entries = digest_entries(digest.trainer_id)
        digest.status = "ready"
        db.session.commit()
    if digest.emailed_at is None and current_app.config["SMTP_HOST"] and _claim_email(digest.id):
        trainer = db.session.get(Trainer, digest.trainer_id)
        try:
            send_email(trainer.email, f"Your clients this week: {_needing(len(digest.entries))}",
                       email_text(trainer, digest))
        except Exception:
            # Let the actor's retry send it: give the claim back first.
            db.session.execute(db.update(Digest).where(Digest.id == digest.id).values(email_claimed_at=None))
            db.session.commit()
            raise
        digest.emailed_at = utcnow()
        db.session.commit()
    return digest


# A worker that took the email and died is assumed gone after this long.
EMAIL_CLAIM_TIMEOUT = timedelta(minutes=10)


def _claim_email(digest_id: int) -> bool:
    """Take the sending of this digest's email, so that of two workers
    running it at once only one sends."""
    now = utcnow()
    claimed = db.session.execute(db.update(Digest).where(
        Digest.id == digest_id, Digest.emailed_at.is_(None),
        (Digest.email_claimed_at.is_(None)) | (Digest.email_claimed_at < now - EMAIL_CLAIM_TIMEOUT))
        .values(email_claimed_at=now))
    db.session.commit()
    db.session.expire_all()
    return claimed.rowcount == 1


def email_text(trainer: Trainer, digest: Digest) -> str:
    base = current_app.config["PUBLIC_BASE_URL"]
    lines = [f"Hello {trainer.name.split()[0]},", "",
             f"The week of {digest.week_start.strftime('%-d %B %Y')}: {_needing(len(digest.entries))}.", ""]
    for entry in digest.entries:
        words = sorted({EMAIL_WORDS.get(r["kind"], r["kind"]) for r in entry["reasons"]})
        lines.append(f"- {entry['name']}: {', '.join(words)}")
    lines += ["", f"The details are in the planner: {base}/dashboard", ""]
    return "\n".join(lines)


def _needing(count: int) -> str:
    if count == 0:
        return "no client needs attention"
    return f"{count} client{' needs' if count == 1 else 's need'} attention"


def send_email(to: str, subject: str, body: str) -> None:
    config = current_app.config
    message = EmailMessage()
    message["From"] = config["SMTP_FROM"] or config["SMTP_USERNAME"] or "planner@localhost"
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    with smtplib.SMTP(config["SMTP_HOST"], config["SMTP_PORT"], timeout=30) as smtp:
        if config["SMTP_STARTTLS"]:
            smtp.starttls()
        if config["SMTP_USERNAME"]:
            smtp.login(config["SMTP_USERNAME"], config["SMTP_PASSWORD"] or "")
        smtp.send_message(message)
