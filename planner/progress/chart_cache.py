"""Charts the report page has just drawn, kept for the image requests that follow it.

The page builds the client's progress anyway; it draws its charts then (a
few milliseconds) and names each by a hash of its SVG in the image's
address. The image request finds the chart here instead of reading and
judging the whole history again (some 30 ms for two years of check-ins).
A hash names one content, so a chart found is never stale: it is what the
page was drawn from. A chart not found (expired, or drawn on another
machine) is drawn afresh by the caller.

Files, not memory: a gunicorn worker's image request often lands on
another worker than the page's. They sit in the private instance folder
(charts are health data) and are deleted after MAX_AGE_SECONDS."""
from __future__ import annotations

import hashlib
import os
import re
import tempfile
import time
from pathlib import Path

# Long enough for a browser to fetch a page's images, short enough that
# health data does not linger: our choice.
MAX_AGE_SECONDS = 600
# Sweeping old files costs a directory listing: at most once a minute a process.
SWEEP_EVERY_SECONDS = 60
KEY = re.compile(r"[0-9a-f]{32}")


class ChartCache:
    def __init__(self, directory: Path, max_age: float = MAX_AGE_SECONDS):
        self.directory = Path(directory)
        self.max_age = max_age
        self._swept_at = 0.0

    def _path(self, client_id: int, name: str, key: str) -> Path:
        return self.directory / f"{client_id}-{name}-{key}.svg"

    def put(self, client_id: int, name: str, svg: str) -> str:
        """Keep `svg` and return its key (a hash of its text)."""
        body = svg.encode()
        key = hashlib.blake2b(body, digest_size=16).hexdigest()
        path = self._path(client_id, name, key)
        try:
            os.utime(path)  # drawn again: kept for another MAX_AGE_SECONDS
        except FileNotFoundError:
            self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            # Written aside, then renamed: a reader sees the whole chart or none.
            handle, temporary = tempfile.mkstemp(dir=self.directory, suffix=".part")
            with os.fdopen(handle, "wb") as file:
                file.write(body)
            os.replace(temporary, path)
        self._sweep()
        return key

    def get(self, client_id: int, name: str, key: str | None) -> str | None:
        """The chart kept under `key` for this client, or None."""
        if not key or not KEY.fullmatch(key):
            return None
        path = self._path(client_id, name, key)
        try:
            if time.time() - path.stat().st_mtime > self.max_age:
                return None
            return path.read_text()
        except FileNotFoundError:
            return None

    def _sweep(self) -> None:
        now = time.time()
        if now - self._swept_at < SWEEP_EVERY_SECONDS:
            return
        self._swept_at = now
        for path in self.directory.iterdir():
            try:
                if now - path.stat().st_mtime > self.max_age:
                    path.unlink()
            except FileNotFoundError:  # another worker swept it first
                pass
