"""The trainer pages' blueprint ("web") and what every page view needs:
the signed-in trainer's id, and 404 for a row that is not theirs."""
from __future__ import annotations

from flask import Blueprint, abort
from flask_login import current_user, login_required

bp = Blueprint("web", __name__)

# Trainers' pages need a signed-in trainer; the whole blueprint says so once.
bp.before_request(login_required(lambda: None))


def trainer_id() -> int:
    return current_user.id


def found(row):
    """The row, or 404: the ownership lookups return None for "not yours"."""
    if row is None:
        abort(404)
    return row
