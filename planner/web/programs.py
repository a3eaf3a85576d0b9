"""The program builder: generate, view by week, edit items, regenerate, publish, print."""
from __future__ import annotations

from . import bp  # noqa: F401
