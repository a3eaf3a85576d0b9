"""What the check-ins lead to, in the trainer's app: the progress report
(its page, SVG charts drawn on the server, the CSV export), alerts to
resolve, and the nightly review's proposals to approve or dismiss."""
from __future__ import annotations

from flask import Response, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from planner.extensions import db
from planner.progress.reviews import apply_review, dismiss_review, review_of
from planner.progress.alerts import alert_text, resolve_alert
from planner.progress.charts import adherence_chart, grades_chart, pain_chart
from planner.people.ownership import client_of
from planner.programs.store import ProgramConflict
from planner.progress.client_progress import ClientProgress, client_progress, series_csv, series_csv_filename
from planner.progress.report_rules import Thresholds
from planner.progress.report import RELIEF_REASONS
from planner.web.blueprint import bp, found, trainer_id

# An SVG opened on its own is a document: let matplotlib's inline styles apply, and nothing else.
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'"


def _progress(client_id: int) -> ClientProgress:
    return _judged(found(client_of(trainer_id(), client_id)))


def _judged(client) -> ClientProgress:
    """The client's progress, judged by the thresholds of the app's settings."""
    return client_progress(client, thresholds=Thresholds.from_config(current_app.config),
                           follow_up_weeks=current_app.config["FOLLOW_UP_WEEKS"])


@bp.get("/clients/<int:client_id>/report")
def report(client_id: int):
    progress = _progress(client_id)
    return render_template("reports/show.html", client=progress.client, progress=progress,
                           report=progress.report, reasons=RELIEF_REASONS, alert_text=alert_text)


def _svg(body: str) -> Response:
    response = Response(body, mimetype="image/svg+xml")
    response.headers["Content-Security-Policy"] = SVG_POLICY
    response.add_etag()
    return response.make_conditional(request)


@bp.get("/clients/<int:client_id>/report/pain.svg")
def pain_svg(client_id: int):
    progress = _progress(client_id)
    report = progress.report
    baseline = report.baseline_pain
    improving_at = None
    if baseline is not None:
        t = report.thresholds
        improving_at = min(baseline - t.min_drop_points, baseline * (1 - t.mcid_percent / 100))
    scores = [(p.date, p.score) for p in report.pain_series if p.source == "checkin"]
    return _svg(pain_chart(scores, [(m.date, m.value) for m in report.rolling_mean],
                           [(f.date, f.score) for f in report.flares], progress.bands, baseline, improving_at,
                           progress.chart_span(), spikes=[(s.date, s.score) for s in report.spikes],
                           follow_ups=progress.follow_up_answers()))


@bp.get("/clients/<int:client_id>/report/grades.svg")
def grades_svg(client_id: int):
    progress = _progress(client_id)
    retests = [(f"{r.name} ({r.side})", list(r.grades)) for r in progress.retests]
    return _svg(grades_chart(retests, progress.chart_span()))


@bp.get("/clients/<int:client_id>/report/adherence.svg")
def adherence_svg(client_id: int):
    weeks = _progress(client_id).report.adherence.by_week
    return _svg(adherence_chart([(w.week_start, w.done, w.prescribed) for w in weeks]))


@bp.get("/clients/<int:client_id>/report.csv")
def report_csv(client_id: int):
    client = found(client_of(trainer_id(), client_id))
    return Response(series_csv(_judged(client)), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{series_csv_filename(client)}"'})


@bp.post("/clients/<int:client_id>/alerts/<int:alert_id>/resolve")
def resolve(client_id: int, alert_id: int):
    client = found(client_of(trainer_id(), client_id))
    found(resolve_alert(client.id, alert_id, trainer_id()))
    db.session.commit()
    flash("Alert resolved.")
    # Back to the page the button was on; a fixed choice, never a URL from the form.
    back = "web.report" if request.form.get("back") == "report" else "web.client"
    return redirect(url_for(back, client_id=client.id))


@bp.post("/reviews/<int:review_id>/<any(approve, dismiss):decision>")
def decide_review(review_id: int, decision: str):
    review = found(review_of(trainer_id(), review_id))
    try:
        (apply_review if decision == "approve" else dismiss_review)(review, current_user)
    except ProgramConflict as exc:
        flash(f"Not done: {exc}.", "error")
    else:
        db.session.commit()
        flash("Program adjusted." if decision == "approve" else "Proposal dismissed.")
    return redirect(url_for("web.client", client_id=review.client_id, _anchor="proposals"))
