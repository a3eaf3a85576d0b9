"""The dashboard: the trainer's clients, who needs attention first."""
from __future__ import annotations

from flask import render_template

from . import bp


@bp.get("/dashboard")
def dashboard():
    return render_template("dashboard/index.html")
