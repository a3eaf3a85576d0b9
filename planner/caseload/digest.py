"""The Monday digest: the clients who need the trainer's attention this
week, kept for the dashboard and emailed when SMTP is configured
(planner/caseload/digest_email.py writes and sends the email).

Building one is a few steps, and the caller (the build_digest actor in
workers/tasks.py) commits between them: fill in the entries; claim the
email and commit the claim, so that of two workers only one sends; send;
then mark it emailed, or give the claim back when sending failed."""
from __future__ import annotations

from datetime import timedelta

from planner.caseload.dashboard import dashboard
from planner.extensions import db
from planner.models import Alert, Client, Digest, ProgramReview
from planner.models.people import utcnow


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


def fill_in_digest(digest_id: int) -> Digest | None:
    """The digest with its entries filled in if it was pending; a ready one
    is not rebuilt (the actor may run twice). None if there is no such
    digest."""
    digest = db.session.get(Digest, digest_id)
    if digest is not None and digest.status == "pending":
        digest.entries = digest_entries(digest.trainer_id)
        digest.status = "ready"
    return digest


# A worker that took the email and died is assumed gone after this long.
EMAIL_CLAIM_TIMEOUT = timedelta(minutes=10)


def claim_email(digest_id: int) -> bool:
    """Take the sending of this digest's email, so that of two workers
    running it at once only one sends: a conditional update, which the
    caller commits before sending."""
    now = utcnow()
    claimed = db.session.execute(db.update(Digest).where(
        Digest.id == digest_id, Digest.emailed_at.is_(None),
        (Digest.email_claimed_at.is_(None)) | (Digest.email_claimed_at < now - EMAIL_CLAIM_TIMEOUT))
        .values(email_claimed_at=now))
    return claimed.rowcount == 1


def release_email(digest_id: int) -> None:
    """Give the claim back after a failed send, so the actor's retry sends."""
    db.session.execute(db.update(Digest).where(Digest.id == digest_id).values(email_claimed_at=None))


def mark_emailed(digest: Digest) -> None:
    digest.emailed_at = utcnow()
