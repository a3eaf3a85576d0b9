"""Waiting for something to happen: a condition to hold, or the worker to
finish what the broker holds."""
from __future__ import annotations


def wait_for(condition, timeout: float = 30.0, interval: float = 0.05) -> bool:
    """Poll until `condition()` is true or the time is up; say which."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return False


def drain(broker, worker, timeout_ms=30_000):
    """Wait until every queue is empty and the worker idle. The test's own
    transaction ends first, so the worker's writes are seen."""
    from planner.extensions import db

    db.session.commit()
    for _ in range(3):  # actors enqueue more work (replies, retries)
        for queue in ("sms", "inbound", "progress"):
            broker.join(queue, timeout=timeout_ms)
        worker.join()
    db.session.expire_all()
