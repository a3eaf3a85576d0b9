"""Changing the password on the account page: the NIST SP 800-63B rule for
the new one, the sign-in brake on the current one."""
from __future__ import annotations

import html

import pytest

from tests.support.web import sign_in_from

PASSWORD = "correct horse battery"


def change(web, current, new, confirm=None, **kw):
    return web.post("/account/password", {"current": current, "new": new,
                                          "confirm": new if confirm is None else confirm}, **kw)


def password_is(web, password) -> bool:
    from planner.extensions import db
    from planner.models import Trainer

    db.session.expire_all()
    return db.session.get(Trainer, web.id).check_password(password)


@pytest.mark.parametrize("weak, says", [
    ("1234567890", "too short: it has 10 characters, and at least 12 are needed"),
    ("aaaaaaaaaa", "too short: it has 10 characters"),
    ("password12", "too short: it has 10 characters"),
    (" " * 10, "too short: it has 1 character, counting a run of spaces as one"),
    ("short", "too short: it has 5 characters"),
    ("password1234", "too easy to guess: This is a very common password."),
    ("aaaaaaaaaaaa", 'too easy to guess: Repeats like "aaa" are easy to guess.'),
    ("ann@clinic.example!", "too easy to guess: It contains your email or name."),
])
def test_weak_new_passwords_are_refused_beside_their_field_in_plain_words(web, weak, says):
    response = change(web, PASSWORD, weak)
    assert response.status_code == 422
    page = html.unescape(response.get_data(as_text=True))
    assert f'<span class="field-error" id="new-error">The new password is {says}' in page
    assert 'id="new"' in page and 'aria-describedby="new-error"' in page
    assert password_is(web, PASSWORD)


def test_every_problem_is_shown_at_once_and_no_password_is_echoed(web):
    response = change(web, "not my password", "password1234", "something else")
    assert response.status_code == 422
    page = html.unescape(response.get_data(as_text=True))
    assert "The current password is not right." in page
    assert "The new password is too easy to guess" in page
    assert "The new password and its confirmation differ." in page
    for typed in ("not my password", "password1234", "something else"):
        assert typed not in page
    assert password_is(web, PASSWORD)


def test_a_strong_new_password_is_accepted(web):
    assert change(web, PASSWORD, "glute bridges at dawn").status_code == 302
    assert password_is(web, "glute bridges at dawn")
    assert "Password changed" in web.page("/account")


def test_the_page_names_the_rule_and_its_source(web):
    page = web.page("/account")
    assert "At least 12 characters" in page and "NIST SP 800-63B" in page
    assert 'minlength="12"' in page


def test_the_current_password_check_has_the_sign_in_brake(app, web):
    for _ in range(5):
        response = change(web, "a wrong guess", "glute bridges at dawn")
        assert response.status_code == 422 and "current password is not right" in response.get_data(as_text=True)
    braked = change(web, PASSWORD, "glute bridges at dawn")
    assert braked.status_code == 429
    assert "Too many failed sign-ins from here (5 in 15 minutes, after OWASP's Authentication Cheat Sheet). " \
           "Try again in 15 minutes." in html.unescape(braked.get_data(as_text=True))
    assert 800 < int(braked.headers["Retry-After"]) <= 901
    assert password_is(web, PASSWORD)
    # The same count: sign-in from that address is braked too, not from elsewhere.
    assert sign_in_from(app.test_client(), "127.0.0.1", "ann@clinic.example", PASSWORD).status_code == 429
    assert sign_in_from(app.test_client(), "198.51.100.9", "ann@clinic.example", PASSWORD).status_code == 302


def test_a_right_current_password_clears_the_count(web):
    from planner.extensions import db
    from planner.models import SignInFailure

    for _ in range(4):
        change(web, "a wrong guess", "glute bridges at dawn")
    assert change(web, PASSWORD, "short").status_code == 422  # right current password, weak new one
    assert db.session.scalar(db.select(db.func.count()).select_from(SignInFailure)) == 0
    assert change(web, PASSWORD, "glute bridges at dawn").status_code == 302
