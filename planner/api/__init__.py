"""JSON API, version 1. Bearer-token auth; every query scoped to the trainer."""
from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from . import assessments, catalog, clients, errors, messaging, openapi, programs, reports  # noqa: E402,F401
