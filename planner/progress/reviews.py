"""The nightly review of an active program: read its last two weeks, decide
with planner/progress/review_rules.py, and store the proposal, applied at once
when the trainer turned on automatic adjustment for the client. Approving
or dismissing a proposal is one click for the trainer.

The callers own the transaction: the review actor (workers/tasks.py)
commits the claim before the work and the work after it; the views commit
a trainer's decision."""
from __future__ import annotations

from datetime import date, timedelta

from planner.progress.review_rules import REVIEW_WINDOW_DAYS, Change, FutureItem, WindowCheckIn, plan, review_decision
from planner.progress.alerts import raise_alert
from planner.programs.dosage import Dose
from planner.extensions import db
from planner.models import CheckIn, Client, Program, ProgramChange, ProgramItem, ProgramReview, ProgramSession, Trainer
from planner.models.people import utcnow
from planner.programs.edits import blocked_for, precautions_for
from planner.programs.store import ProgramConflict, refresh_minutes
from planner.programs.catalog import load_catalog
from planner.progress.client_progress import client_progress
from planner.progress.report_rules import DEFAULT_THRESHOLDS, Thresholds

DOSE_FIELDS = ("sets", "reps", "hold_seconds", "tempo", "rest_seconds")


def _future_items(program: Program, today: date) -> list[FutureItem]:
    return [FutureItem(item.id, session.id, item.position, item.phase, item.exercise.slug,
                       Dose(item.sets, item.reps, item.hold_seconds, item.tempo, item.rest_seconds), item.locked)
            for session in program.sessions if session.date >= today for item in session.items]


# A review that fails this often is given up (and shown as failed).
MAX_REVIEW_ATTEMPTS = 3
DECIDED = ("applied", "dismissed")


def claim_review(review_id: int) -> bool:
    """Take a pending review for this worker: one conditional update, so of
    two workers running it at once only one gets it. The caller commits the
    claim before the work, so the other worker (and the scheduler, which
    hands out again a claim left too long) sees it."""
    claimed = db.session.execute(db.update(ProgramReview).where(
        ProgramReview.id == review_id, ProgramReview.status == "pending")
        .values(status="running", claimed_at=utcnow(), attempts=ProgramReview.attempts + 1))
    return claimed.rowcount == 1


def fill_in_review(review_id: int, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> ProgramReview:
    """Do the work of a review this worker claimed: decide, propose, alert,
    and apply when the client's adjustment is automatic. A review tried
    too often is given up instead."""
    review = db.session.get(ProgramReview, review_id)
    if review.attempts > MAX_REVIEW_ATTEMPTS:
        review.status = "failed"
        return review
    return _review(review, thresholds)


def release_review(review_id: int) -> None:
    """Give a claimed review back (its work failed and was rolled back), so
    the actor's retry can take it."""
    db.session.execute(db.update(ProgramReview).where(ProgramReview.id == review_id).values(status="pending"))


def review_window(program: Program, today: date) -> date:
    """The first day the review looks at: two weeks back, but never before
    the program's first session nor on days a trainer's decision (or an
    automatic one) already answered, so one good fortnight or one flare
    leads to one change, not one a night."""
    since = today - timedelta(days=REVIEW_WINDOW_DAYS)
    first_session = min((s.date for s in program.sessions), default=since)
    last_decided = db.session.scalar(db.select(db.func.max(ProgramReview.reviewed_on)).where(
        ProgramReview.program_id == program.id, ProgramReview.status.in_(DECIDED)))
    return max(since, first_session, last_decided or since)


def _review(review: ProgramReview, thresholds: Thresholds) -> ProgramReview:
    program, client = review.program, db.session.get(Client, review.client_id)
    today = review.reviewed_on
    since = review_window(program, today)
    rows = db.session.execute(
        db.select(CheckIn.id, CheckIn.date, CheckIn.pain, CheckIn.done, CheckIn.exercise_pain, CheckIn.morning_pain)
        .where(CheckIn.client_id == client.id, CheckIn.date >= since, CheckIn.date < today)
        .order_by(CheckIn.date)).all()
    checkins = [WindowCheckIn(*row) for row in rows]
    sessions = [s.date for s in program.sessions if since <= s.date < today]
    report = client_progress(client, today - timedelta(days=1), thresholds).report
    decision = review_decision(report, checkins, sessions, since, today)
    review.reason, review.kind = decision.reason, decision.kind
    review.evidence = [c.as_dict() for c in decision.evidence]
    changes: list[Change] = []
    if decision.kind is not None and program.status == "active":
        catalog = load_catalog(client.trainer_id)
        changes = plan(decision.kind, _future_items(program, today), {e.slug: e for e in catalog.exercises},
                       tuple(program.equipment), blocked_for(program), precautions_for(program))
    review.changes = [c.as_dict() for c in changes]
    if not changes:
        review.status = "no_change"
        if decision.kind is not None:
            review.reason += "; but nothing in the sessions to come can change"
        return review
    for older in db.session.scalars(db.select(ProgramReview).where(
            ProgramReview.program_id == program.id, ProgramReview.status == "proposed")):
        older.status = "superseded"
    review.status = "proposed"
    if decision.alert:  # with the proposal only: a settled matter does not alert every night
        raise_alert(client.id, decision.alert, {"reason": decision.reason, "review_id": review.id})
    if client.auto_adjust:
        apply_review(review, None)
    return review


def apply_review(review: ProgramReview, trainer: Trainer | None) -> ProgramReview:
    """Make the proposed changes, skipping any item the trainer has changed
    or removed since, and record them with their reason and evidence."""
    if review.status != "proposed":
        raise ProgramConflict(f"this proposal is {review.status.replace('_', ' ')}, not waiting for approval")
    program = review.program
    if program.status != "active":
        raise ProgramConflict("the program is no longer the active one")
    catalog = load_catalog(program.client.trainer_id)
    items = {item.id: item for session in program.sessions for item in session.items}
    applied, skipped = [], []
    touched: dict[int, ProgramSession] = {}
    for change in review.changes:
        item: ProgramItem | None = items.get(change["item_id"])
        if item is None or item.locked or not _unchanged(item, change["before"]):
            skipped.append(change)
            continue
        if change["action"] == "swap":
            exercise = catalog.row(change["after"]["exercise"])
            if exercise is None:
                skipped.append(change)
                continue
            item.exercise = exercise
        elif change["action"] == "dose":
            for name, value in change["after"].items():
                setattr(item, name, value)
        elif change["action"] == "remove":
            item.session.items.remove(item)
            for number, other in enumerate(item.session.items, start=1):
                other.position = number
        applied.append(change)
        touched[item.session.id] = item.session
    for session in touched.values():
        refresh_minutes(session)
    program.changes.append(ProgramChange(
        trainer_id=trainer.id if trainer else None, action="adjusted", at=utcnow(),
        details={"review_id": review.id, "kind": review.kind, "reason": review.reason, "evidence": review.evidence,
                 "applied": applied, "skipped": skipped, "automatic": trainer is None}))
    review.status, review.decided_at, review.decided_by = "applied", utcnow(), trainer.id if trainer else None
    db.session.flush()
    return review


def _unchanged(item: ProgramItem, before: dict) -> bool:
    for name, value in before.items():
        current = item.exercise.slug if name == "exercise" else getattr(item, name)
        if current != value:
            return False
    return True


def dismiss_review(review: ProgramReview, trainer: Trainer) -> ProgramReview:
    if review.status != "proposed":
        raise ProgramConflict(f"this proposal is {review.status.replace('_', ' ')}, not waiting for approval")
    review.status, review.decided_at, review.decided_by = "dismissed", utcnow(), trainer.id
    db.session.flush()
    return review


def review_of(trainer_id: int, review_id: int) -> ProgramReview | None:
    return db.session.scalar(db.select(ProgramReview).join(Client, Client.id == ProgramReview.client_id).where(
        ProgramReview.id == review_id, Client.trainer_id == trainer_id))
