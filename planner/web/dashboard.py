"""The dashboard: the trainer's clients, who needs attention first."""
from __future__ import annotations

from flask import current_app, render_template, request

from planner.caseload.attention import ReassessRules
from planner.caseload.dashboard import dashboard as caseload_dashboard
from planner.extensions import db
from planner.models import Digest
from planner.validation import MAX_INTEGER, whole_number
from planner.web.blueprint import bp, trainer_id

# The worst first, a page at a time: the ranking covers everyone, the page
# shows what a trainer can act on between two clients.
PAGE_SIZE = 100


@bp.get("/dashboard")
def dashboard():
    rows = caseload_dashboard(trainer_id(), ReassessRules.from_config(current_app.config))
    digest = db.session.scalar(db.select(Digest).where(Digest.trainer_id == trainer_id(), Digest.status == "ready")
                               .order_by(Digest.week_start.desc()).limit(1))
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    page = min(whole_number(request.args.get("page"), 1, MAX_INTEGER) or 1, pages)
    return render_template("dashboard/index.html", rows=rows[(page - 1) * PAGE_SIZE:page * PAGE_SIZE],
                           total=len(rows), page=page, pages=pages, first=(page - 1) * PAGE_SIZE + 1,
                           digest=digest, needing=sum(1 for r in rows if r.reasons))
