"""Alerts for the trainer: raised by workers when check-ins call for it,
at most one open per client and kind (the database enforces it), resolved
by the trainer. The callers (views, actors) commit."""
from __future__ import annotations

from datetime import date

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from planner.extensions import db
from planner.models import Alert, Client
from planner.local_time import today_in
from planner.models.people import utcnow
from planner.progress import recent_pain
from planner.progress.client_progress import client_progress
from planner.progress.flares import AT_OR_BELOW_BASELINE, FLARE, NO_SCORE, NOT_RAISED, SEVERE, SPIKE, UNSETTLED
from planner.progress.report_rules import DEFAULT_THRESHOLDS, Thresholds


def raise_alert(client_id: int, kind: str, details: dict) -> int:
    """Open an alert of this kind for the client, or, when one is open
    already, bring its details up to date (a second flare while the first
    is unread: the trainer sees the latest). Returns the open alert's id.
    Two workers doing this at once still leave one open alert."""
    insert = pg_insert if db.engine.dialect.name == "postgresql" else sqlite_insert
    statement = insert(Alert).values(client_id=client_id, kind=kind, details=details, created_at=utcnow())
    statement = statement.on_conflict_do_update(
        index_elements=["client_id", "kind"], index_where=Alert.resolved_at.is_(None),
        set_={"details": statement.excluded.details}).returning(Alert.id)
    return db.session.execute(statement).scalar()


def resolve_alert(client_id: int, alert_id: int, trainer_id: int) -> Alert | None:
    alert = db.session.scalar(db.select(Alert).filter_by(id=alert_id, client_id=client_id))
    if alert is not None and alert.resolved_at is None:
        alert.resolved_at, alert.resolved_by = utcnow(), trainer_id
        db.session.flush()  # a flare raised next in this transaction opens a new alert
    return alert


def open_alerts(client_ids) -> dict[int, list[Alert]]:
    rows = db.session.scalars(db.select(Alert).where(Alert.client_id.in_(client_ids), Alert.resolved_at.is_(None))
                              .order_by(Alert.created_at))
    found: dict[int, list[Alert]] = {}
    for alert in rows:
        found.setdefault(alert.client_id, []).append(alert)
    return found


def alert_text(alert: Alert) -> str:
    """One line for the trainer, from the alert's details."""
    details = alert.details or {}
    if alert.kind == "flare":
        since = details.get("since")
        raised = f" (raised since {since})" if since and since != details.get("date") else ""
        return f"pain {details.get('score')}/10 on {details.get('date')}{raised}"
    if alert.kind == "severe_pain":
        return f"severe pain: pain {details.get('score')}/10 on {details.get('date')}"
    if alert.kind == "low_adherence":
        return details.get("reason", "few sessions done")
    return ""


def _alerted(client_id: int, kind: str) -> list[Alert]:
    return list(db.session.scalars(db.select(Alert).where(Alert.client_id == client_id, Alert.kind == kind)))


def alert_on_latest_flare(client_id: int, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> int | None:
    """Alert the trainer about the client's latest scored check-in (judged by
    `thresholds`, planner/progress/flares.py, from the recent window the
    rules need: planner/progress/recent_pain.py) when it is:
    - severe: a `severe_pain` alert at once, once per date;
    - a flare day (raised, and still raised at the next check-in): a `flare`
      alert, once per flare: while it is open it carries the latest day; once
      the trainer resolved it, the same flare does not alert again.
    Never on a spike or on a raised score waiting for its next check-in.
    Returns the id of the alert raised or brought up to date, if any."""
    zone = db.session.scalar(db.select(Client.timezone).where(Client.id == client_id))
    if zone is None:
        return None
    latest = recent_pain.latest_pain(client_id, today_in(zone), thresholds)
    if latest is None:
        return None
    raised = None
    day = latest.date.isoformat()
    if latest.is_severe() and not any(
            (a.details or {}).get("date") == day for a in _alerted(client_id, "severe_pain")):
        raised = raise_alert(client_id, "severe_pain", {"date": day, "score": latest.score})
    flare = latest.flare()
    if flare is not None and not any((a.details or {}).get("since") == flare.since.isoformat() and a.resolved_at
                                     for a in _alerted(client_id, "flare")):
        raised = raise_alert(client_id, "flare", {"date": day, "score": latest.score,
                                                  "since": flare.since.isoformat()})
    return raised


def severe_on(client_id: int, day: date, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> bool:
    """Whether the client's check-in of `day` is a severe score: for the
    reply path, which answers it with a safety line."""
    return recent_pain.severe_on(client_id, day, thresholds)


# Why the current rules would not raise an alert about a day (`FLARE_NOTES`
# keys are planner/progress/flares.py's verdicts on a day).
FLARE_RULE = ("a flare now needs usual pain above the baseline, at least {rise:g} points above the client's mean "
              "of the 7 days before, and still raised at the next check-in")
FLARE_NOTES = {
    SPIKE: "was a single raised day that settled by the next check-in (a spike, not a flare)",
    UNSETTLED: "is raised but its next check-in has not come; it alerts again if it is still raised then",
    AT_OR_BELOW_BASELINE: "was at or below the client's baseline pain of {baseline:g}/10",
    NOT_RAISED: "was not {rise:g} points above the client's mean of the 7 days before",
    NO_SCORE: "has no pain score any more",
}
PAIN_ALERT_KINDS = ("flare", "severe_pain")


def reevaluate_open_alerts(thresholds: Thresholds = DEFAULT_THRESHOLDS) -> list[Alert]:
    """Judge every open pain alert again by the current rules (after an
    upgrade that changed them) and resolve, with a note saying why, those
    the rules would not raise now. Returns the alerts it resolved; running
    it again finds nothing more to do. The caller commits."""
    unresolved = db.session.scalars(db.select(Alert).where(
        Alert.kind.in_(PAIN_ALERT_KINDS), Alert.resolved_at.is_(None)).order_by(Alert.client_id, Alert.id)).all()
    resolved = []
    reports = {}
    for alert in unresolved:
        if alert.client_id not in reports:
            reports[alert.client_id] = client_progress(db.session.get(Client, alert.client_id),
                                                       thresholds=thresholds).report
        report = reports[alert.client_id]
        try:
            day = date.fromisoformat(str((alert.details or {}).get("date")))
        except ValueError:
            continue  # not an alert about a day: nothing to judge it by
        verdict = report.events.verdict_on(day)
        still_raised = verdict in (FLARE, SEVERE) if alert.kind == "flare" else report.is_severe(day)
        if still_raised:
            continue
        if alert.kind == "severe_pain":
            why = (f"is no longer severe: severe means {thresholds.severe_pain_score} or more and at least "
                   f"{thresholds.severe_rise_points:g} points above the client's mean of the 7 days before")
        else:
            why = FLARE_NOTES.get(verdict, FLARE_NOTES[NOT_RAISED]).format(
                rise=thresholds.flare_rise_points, baseline=report.baseline_pain or 0)
            why += "; " + FLARE_RULE.format(rise=thresholds.flare_rise_points)
        alert.resolved_at = utcnow()
        alert.resolution_note = (f"Resolved when the pain rules changed: pain {(alert.details or {}).get('score')}/10 "
                                 f"on {day.isoformat()} {why}.")
        resolved.append(alert)
    db.session.flush()
    return resolved
