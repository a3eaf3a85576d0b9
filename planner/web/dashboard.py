"""The dashboard: the trainer's clients, who needs attention first."""
from __future__ import annotations

from flask import render_template

from ..caseload import dashboard as caseload_dashboard
from ..extensions import db
from ..models import Digest
from . import bp, trainer_id


@bp.get("/dashboard")
def dashboard():
    rows = caseload_dashboard(trainer_id())
    digest = db.session.scalar(db.select(Digest).where(Digest.trainer_id == trainer_id(), Digest.status == "ready")
                               .order_by(Digest.week_start.desc()).limit(1))
    return render_template("dashboard/index.html", rows=rows, digest=digest,
                           needing=sum(1 for r in rows if r.reasons))
