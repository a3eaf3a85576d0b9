"""What every test needs, pure or integration: environment defaults that
must be in place before any of planner's modules (or Dramatiq) is imported.
Nothing here builds an app, opens a database or starts a server; that is
tests/integration/conftest.py's job, so tests/unit runs without them."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production")
# Dramatiq restarts a consumer 3 s after it stops, and pausing a worker
# stops its consumers; tests that pause one should not wait 3 s each time.
# Dramatiq reads this when it is first imported, hence here at the root.
os.environ.setdefault("dramatiq_restart_delay", "50")


@pytest.fixture
def data_dir() -> Path:
    from planner.library import DATA_DIR
    return DATA_DIR
