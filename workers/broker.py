"""The Dramatiq broker, built from the environment, with one Flask app
context and one database session per message.

Import this before any actor module: Dramatiq binds actors to the broker
that is current when they are declared."""
from __future__ import annotations

import os
import threading

import dramatiq
from dramatiq.brokers.redis import MAINTENANCE_SCALE, RedisBroker
from dramatiq.middleware import Middleware

DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"


class AppContext(Middleware):
    """Runs each message inside the Flask app context, with a database
    session of its own that is closed when the message ends."""

    def __init__(self):
        self.app = None
        self._local = threading.local()
        self._creating = threading.Lock()

    def get_app(self):
        with self._creating:  # one app per process, not one per thread that races here first
            if self.app is None:
                from planner import create_app
                self.app = create_app()
        return self.app

    def before_worker_boot(self, broker, worker):
        # Built before the threads take messages: otherwise the first
        # messages of a fan-out wait for it (imports, mappers, URL rules).
        self.get_app()

    def before_process_message(self, broker, message):
        context = self.get_app().app_context()
        context.push()
        self._local.context = context

    def _close(self):
        context = getattr(self._local, "context", None)
        if context is None:
            return
        from planner.extensions import db
        try:
            db.session.remove()
        finally:
            self._local.context = None
            context.pop()

    def after_process_message(self, broker, message, *, result=None, exception=None):
        self._close()

    def after_skip_message(self, broker, message):
        self._close()


app_context = AppContext()


def build_broker() -> RedisBroker:
    url = os.environ.get("REDIS_URL") or DEFAULT_REDIS_URL
    heartbeat = int(os.environ.get("WORKER_HEARTBEAT_TIMEOUT_MS") or 60_000)
    # Maintenance (putting a dead worker's unfinished messages back on the
    # queue) runs on a share of fetches, counted per million. Dramatiq's
    # default, 0.1%, can leave a dead worker's reminders waiting for many
    # minutes; 1% brings them back within about a minute of the heartbeat
    # timeout. Short heartbeats (tests) check on every fetch.
    maintenance = MAINTENANCE_SCALE if heartbeat < 10_000 else MAINTENANCE_SCALE // 100
    broker = RedisBroker(url=url, heartbeat_timeout=heartbeat, maintenance_chance=maintenance)
    broker.add_middleware(app_context)
    return broker


broker = build_broker()
dramatiq.set_broker(broker)
