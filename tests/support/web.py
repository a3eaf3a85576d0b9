"""Driving the trainer's web app from tests: a signed-in test client that
sends the CSRF token the way a browser form does, and page-reading helpers."""
from __future__ import annotations

import re

CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


def csrf_token_in(html: str) -> str:
    match = CSRF_META.search(html)
    assert match, "the page carries no CSRF token"
    return match.group(1)


def fresh_request() -> None:
    """Tests hold one app context open, so `g` (where Flask-Login caches
    the user and Flask-WTF the CSRF token) would outlive a request and
    leak between trainers and browsers; in the server it never does."""
    from flask import g
    for key in list(g):
        g.pop(key)


def sign_in_from(http, address: str, email: str, password: str):
    """A sign-in through the form from a browser at that address."""
    fresh_request()
    page = http.get("/signin", environ_base={"REMOTE_ADDR": address}).get_data(as_text=True)
    fresh_request()
    return http.post("/signin", data={"email": email, "password": password, "csrf_token": csrf_token_in(page)},
                     environ_base={"REMOTE_ADDR": address})


class WebTrainer:
    """A trainer signed in to the web app through its sign-in form."""

    def __init__(self, http, trainer_id: int, email: str, password: str):
        self.http = http
        self.id = trainer_id
        self.email = email
        self.password = password
        self.csrf = ""

    def sign_in(self) -> "WebTrainer":
        page = self.get("/signin").get_data(as_text=True)
        self._fresh_request()
        response = self.http.post("/signin", data={"email": self.email, "password": self.password,
                                                   "csrf_token": csrf_token_in(page)})
        assert response.status_code == 302, response.get_data(as_text=True)
        self.csrf = csrf_token_in(self.get("/dashboard").get_data(as_text=True))
        return self

    def _fresh_request(self) -> None:
        fresh_request()

    def get(self, path, **kw):
        self._fresh_request()
        return self.http.get(path, **kw)

    def page(self, path) -> str:
        response = self.get(path)
        assert response.status_code == 200, (path, response.status_code)
        return response.get_data(as_text=True)

    def post(self, path, data=None, csrf=True, **kw):
        """A form post; `data` may be a dict or a list of pairs (repeated names)."""
        pairs = list(data.items()) if isinstance(data, dict) else list(data or [])
        if csrf:
            pairs.append(("csrf_token", self.csrf))
        from werkzeug.datastructures import MultiDict
        self._fresh_request()
        return self.http.post(path, data=MultiDict(pairs), **kw)
