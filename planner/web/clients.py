"""Clients: list, create, edit, and each client's page."""
from __future__ import annotations

from flask import render_template

from . import bp


@bp.get("/clients")
def clients():
    return render_template("clients/index.html")
