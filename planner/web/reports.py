"""What the check-ins lead to, in the trainer's app: the progress report
(its page, SVG charts drawn on the server, the CSV export), alerts to
resolve, and the nightly review's proposals to approve or dismiss."""
from __future__ import annotations

from pathlib import Path

from flask import Response, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from planner.extensions import db
from planner.progress.reviews import apply_review, dismiss_review, review_of
from planner.progress.alerts import alert_text, resolve_alert
from planner.progress.chart_cache import ChartCache
from planner.progress.charts import adherence_chart, grades_chart, pain_chart
from planner.people.ownership import client_of
from planner.programs.store import ProgramConflict
from planner.progress.client_progress import ClientProgress, client_progress, series_csv, series_csv_filename
from planner.progress.report_rules import Thresholds
from planner.progress.report import RELIEF_REASONS
from planner.web.blueprint import bp, found, trainer_id

# An SVG opened on its own is a document: it may load and run nothing (the
# charts are drawn with presentation attributes, no styles or scripts).
SVG_POLICY = "default-src 'none'"


def _progress(client_id: int) -> ClientProgress:
    return _judged(found(client_of(trainer_id(), client_id)))


def _judged(client) -> ClientProgress:
    """The client's progress, judged by the thresholds of the app's settings."""
    return client_progress(client, thresholds=Thresholds.from_config(current_app.config),
                           follow_up_weeks=current_app.config["FOLLOW_UP_WEEKS"])


def _chart_cache() -> ChartCache:
    extensions = current_app.extensions
    if "chart_cache" not in extensions:
        extensions["chart_cache"] = ChartCache(Path(current_app.instance_path) / "chart-cache")
    return extensions["chart_cache"]


def _pain_chart(progress: ClientProgress) -> str:
    report = progress.report
    baseline = report.baseline_pain
    improving_at = None
    if baseline is not None:
        t = report.thresholds
        improving_at = min(baseline - t.min_drop_points, baseline * (1 - t.mcid_percent / 100))
    scores = [(p.date, p.score) for p in report.pain_series if p.source == "checkin"]
    return pain_chart(scores, [(m.date, m.value) for m in report.rolling_mean],
                      [(f.date, f.score) for f in report.flares], progress.bands, baseline, improving_at,
                      progress.chart_span(), spikes=[(s.date, s.score) for s in report.spikes],
                      follow_ups=progress.follow_up_answers())


def _grades_chart(progress: ClientProgress) -> str:
    retests = [(f"{r.name} ({r.side})", list(r.grades)) for r in progress.retests]
    return grades_chart(retests, progress.chart_span())


def _adherence_chart(progress: ClientProgress) -> str:
    return adherence_chart([(w.week_start, w.done, w.prescribed) for w in progress.report.adherence.by_week])


CHARTS = {"pain": _pain_chart, "grades": _grades_chart, "adherence": _adherence_chart}


@bp.get("/clients/<int:client_id>/report")
def report(client_id: int):
    progress = _progress(client_id)
    # The page draws its charts while it has the progress at hand; its
    # images then come from the cache by their hash (see chart_cache).
    shown = [name for name in CHARTS if name != "grades" or progress.retests]
    cache = _chart_cache()
    chart_keys = {name: cache.put(progress.client.id, name, CHARTS[name](progress)) for name in shown}
    return render_template("reports/show.html", client=progress.client, progress=progress,
                           report=progress.report, reasons=RELIEF_REASONS, alert_text=alert_text,
                           chart_keys=chart_keys)


def _chart(client_id: int, name: str) -> Response:
    """The chart the page drew (by the hash in `v`), or drawn now from the client's data."""
    client = found(client_of(trainer_id(), client_id))
    svg = _chart_cache().get(client.id, name, request.args.get("v"))
    if svg is None:
        svg = CHARTS[name](_judged(client))
    response = Response(svg, mimetype="image/svg+xml")
    response.headers["Content-Security-Policy"] = SVG_POLICY
    response.add_etag()
    return response.make_conditional(request)


@bp.get("/clients/<int:client_id>/report/pain.svg")
def pain_svg(client_id: int):
    return _chart(client_id, "pain")


@bp.get("/clients/<int:client_id>/report/grades.svg")
def grades_svg(client_id: int):
    return _chart(client_id, "grades")


@bp.get("/clients/<int:client_id>/report/adherence.svg")
def adherence_svg(client_id: int):
    return _chart(client_id, "adherence")


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
