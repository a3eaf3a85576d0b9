"""A client's progress report: JSON and the raw series as CSV."""
from __future__ import annotations

from flask import Response, current_app, jsonify

from planner.progress.client_progress import ClientProgress, client_progress, series_csv, series_csv_filename
from planner.progress.report_rules import Thresholds
from planner.api.blueprint import bp
from planner.api.auth import owned_client, token_required


@bp.get("/clients/<int:client_id>/report")
@token_required
def report(client_id: int):
    return jsonify(progress_of(owned_client(client_id)).as_dict())


@bp.get("/clients/<int:client_id>/report.csv")
@token_required
def report_csv(client_id: int):
    client = owned_client(client_id)
    return Response(series_csv(progress_of(client)), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{series_csv_filename(client)}"'})


def progress_of(client) -> ClientProgress:
    """The client's progress, judged by the thresholds of the app's settings."""
    return client_progress(client, thresholds=Thresholds.from_config(current_app.config),
                           follow_up_weeks=current_app.config["FOLLOW_UP_WEEKS"])
