"""JSON API, version 1. Bearer-token auth; every query scoped to the trainer."""
from planner.api import assessments, catalog, clients, errors, messaging, openapi, programs, reports, templates  # noqa: F401
from planner.api.blueprint import bp

__all__ = ["bp"]
