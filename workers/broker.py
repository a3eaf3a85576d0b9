"""The Dramatiq broker, built from the app's settings, and the middleware
that runs each message in an app context with a database session of its own.

Actors (workers/tasks.py) are declared on `current()`: Dramatiq's stand-in
broker until `configure()` runs, the Redis broker after. `configure()` moves
every actor declared so far onto the Redis broker, so it does not matter
whether the actors or the app come first, and nothing here reads the
environment or builds the app: `create_app` configures the broker from its
settings, and the worker process's entry module (workers/main.py) builds
the app."""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import TypeVar

import dramatiq
from dramatiq.brokers.redis import MAINTENANCE_SCALE, RedisBroker
from dramatiq.brokers.stub import StubBroker
from dramatiq.middleware import CurrentMessage, Middleware

from planner.extensions import db

DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"


class AppContext(Middleware):
    """Runs each message inside the Flask app context, with a database
    session of its own that is closed when the message ends."""

    def __init__(self):
        self.app = None
        self._local = threading.local()

    def before_process_message(self, broker, message):
        context = self.app.app_context()
        context.push()
        self._local.context = context

    def _close(self):
        context = getattr(self._local, "context", None)
        if context is None:
            return
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
_standin = StubBroker()  # holds the actors declared before configure()
_current: dramatiq.Broker = _standin
_settings: tuple | None = None
_lock = threading.Lock()


def redis_url(config) -> str | None:
    """REDIS_URL, else the embedded Redis of the running `planner serve`."""
    return config.get("REDIS_URL") or config.get("EMBEDDED_REDIS_URL")


def current() -> dramatiq.Broker:
    """The broker actors are declared on and messages go to."""
    return _current


def configure(app) -> dramatiq.Broker:
    """Make the Redis broker of the app's settings current (built once per
    URL and heartbeat), with `app` for the messages it runs."""
    global _current, _settings
    config = app.config
    url = redis_url(config) or DEFAULT_REDIS_URL
    heartbeat = int(config.get("WORKER_HEARTBEAT_TIMEOUT_MS") or 60_000)
    with _lock:
        app_context.app = app
        if _settings == (url, heartbeat):
            return _current
        # Maintenance (putting a dead worker's unfinished messages back on the
        # queue) runs on a share of fetches, counted per million. Dramatiq's
        # default, 0.1%, can leave a dead worker's reminders waiting for many
        # minutes; 1% brings them back within about a minute of the heartbeat
        # timeout. Short heartbeats (tests) check on every fetch.
        maintenance = MAINTENANCE_SCALE if heartbeat < 10_000 else MAINTENANCE_SCALE // 100
        broker = RedisBroker(url=url, heartbeat_timeout=heartbeat, maintenance_chance=maintenance)
        broker.add_middleware(app_context)
        broker.add_middleware(CurrentMessage())
        for name in _current.get_declared_actors():
            actor = _current.get_actor(name)
            actor.broker = broker
            broker.declare_actor(actor)
        if _current is not _standin:
            _current.close()
        _current, _settings = broker, (url, heartbeat)
        dramatiq.set_broker(broker)
        return broker


T = TypeVar("T")


def commit_then_send(send: Callable[[T], object], items: Iterable[T]) -> None:
    """Commit the transaction, then enqueue: a worker must find the rows its
    message names, so nothing is enqueued before the commit that made them."""
    db.session.commit()
    for item in items:
        send(item)
