"""The dashboard: the trainer's clients, who needs attention first."""
from __future__ import annotations

from flask import render_template

from ..caseload import dashboard as caseload_dashboard
from . import bp, trainer_id


@bp.get("/dashboard")
def dashboard():
    rows = caseload_dashboard(trainer_id())
    return render_template("dashboard/index.html", rows=rows,
                           needing=sum(1 for r in rows if r.reasons))
