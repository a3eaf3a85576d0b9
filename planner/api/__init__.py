"""JSON API, version 1. Bearer-token auth; every query scoped to the trainer."""
from planner.api import (assessments, catalog, clients, errors, media, messaging, openapi, programs,  # noqa: F401
                         reports, templates)
from planner.api.blueprint import bp

__all__ = ["bp"]
