"""The exercise library: browse, filter, search; a trainer's own exercises."""
from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import login_required

bp = Blueprint("library", __name__, url_prefix="/library")
bp.before_request(login_required(lambda: None))


@bp.get("/")
def index():
    return render_template("library/index.html")
