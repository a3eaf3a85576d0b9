"""The movement screens' compensations, by name (screens.yaml, loaded)."""
from __future__ import annotations

from planner.extensions import db
from planner.models import Compensation


def compensation_names() -> dict[str, str]:
    """Every screen compensation's name, by slug."""
    return dict(db.session.execute(db.select(Compensation.slug, Compensation.name)).all())
