"""Dev mode's SMS simulator: reply as a client through the real inbound path."""
from __future__ import annotations

from flask import Blueprint, current_app, render_template
from flask_login import login_required

bp = Blueprint("simulator", __name__, url_prefix="/simulator")
bp.before_request(login_required(lambda: None))


def simulator_enabled() -> bool:
    return current_app.config["SMS_TRANSPORT"] == "console"


@bp.get("/")
def index():
    return render_template("simulator/index.html")
