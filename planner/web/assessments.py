"""Entering an assessment: the muscle test grid, the overhead squat checklist, pain by region."""
from __future__ import annotations

from . import bp  # noqa: F401
