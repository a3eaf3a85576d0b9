"""A fake Twilio REST API on a loopback port, for the real twilio library
to talk HTTP to. It records every message it is asked to send and can be
told to answer the next requests with 429, 500, an error code, or to hang.
TWILIO_TEST_SETTINGS are the app settings the tests send SMS with.

A hang stands for a Twilio that does not answer: it holds the request (the
client times out meanwhile), then drops it and creates no message. reset()
releases any hang and waits until every request has been answered, so
nothing a test started can land in the next test's records."""
from __future__ import annotations

import itertools
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

ERRORS = {
    21211: (400, "The 'To' number is not a valid phone number."),
    21610: (400, "Attempt to send to unsubscribed recipient"),
}


TWILIO_TEST_SETTINGS = {
    "SMS_TRANSPORT": "twilio",
    "TWILIO_ACCOUNT_SID": "AC" + "0" * 32,
    "TWILIO_AUTH_TOKEN": "test-auth-token",
    "TWILIO_FROM_NUMBER": "+15005550006",
    "PUBLIC_BASE_URL": "https://planner.example.test",
    "SMS_RATE_PER_SECOND": 0,  # lifted; the rate-limit test sets its own
    "TWILIO_HTTP_TIMEOUT_SECONDS": 1,
}

class FakeTwilio:
    def __init__(self):
        self.sent: list[dict] = []
        self.requests = 0
        self.script: list = []  # what to answer next: "ok", 429, 500, 21610, ("hang", seconds)
        self.delay = 0.0  # seconds each successful send takes
        self.lock = threading.Lock()
        self.answered = threading.Condition(self.lock)  # notified as each request ends
        self.in_flight = 0
        self._release_hangs = threading.Event()
        self._sids = itertools.count(1)
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                with fake.lock:
                    fake.requests += 1
                    fake.in_flight += 1
                    action = fake.script.pop(0) if fake.script else "ok"
                    release = fake._release_hangs
                try:
                    self._answer(action, form, release)
                finally:
                    with fake.lock:
                        fake.in_flight -= 1
                        fake.answered.notify_all()

            def _answer(self, action, form, release):
                if isinstance(action, tuple) and action[0] == "hang":
                    release.wait(action[1])
                    self.close_connection = True  # the client gave up long ago: nothing is created
                    return
                if action == "ok":
                    time.sleep(fake.delay)
                    sid = f"SM{next(fake._sids):032d}"
                    with fake.lock:
                        fake.sent.append(form | {"Sid": sid, "at": time.monotonic()})
                    self._json(201, {"sid": sid, "status": "queued", "to": form.get("To"),
                                     "from": form.get("From"), "body": form.get("Body")})
                elif action in (429, 500, 503):
                    self._json(action, {"code": 20429 if action == 429 else 20500, "status": action,
                                        "message": "Too Many Requests" if action == 429 else "Server error"})
                else:
                    status, text = ERRORS[action]
                    self._json(status, {"code": action, "status": status, "message": text})

            def _json(self, status, payload):
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> FakeTwilio:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def reset(self, timeout: float = 30.0) -> None:
        """Forget everything, once every request made so far has ended."""
        with self.lock:
            self._release_hangs.set()
            assert self.answered.wait_for(lambda: self.in_flight == 0, timeout), "a request is still in flight"
            self._release_hangs = threading.Event()
            self.sent.clear()
            self.script.clear()
            self.requests = 0
            self.delay = 0.0

    def bodies_to(self, number: str) -> list[str]:
        with self.lock:
            return [m["Body"] for m in self.sent if m.get("To") == number]
