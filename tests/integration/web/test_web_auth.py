"""Signing in and out of the trainer's app, CSRF, and the brakes on guessing."""
from __future__ import annotations

import re
from datetime import timedelta

from planner.models.people import utcnow

from tests.support.web import csrf_token_in


def sign_in_form(http, email, password, **extra):
    token = csrf_token_in(http.get("/signin").get_data(as_text=True))
    return http.post("/signin", data={"email": email, "password": password, "csrf_token": token} | extra)


def test_pages_need_a_signed_in_trainer(http):
    for path in ("/dashboard", "/clients", "/library/", "/simulator/"):
        response = http.get(path)
        assert response.status_code == 302, path
        assert response.headers["Location"].startswith("/signin?next="), path


def test_sign_in_then_out(http, make_trainer):
    make_trainer(email="ann@clinic.example", password="correct horse battery")
    response = sign_in_form(http, "Ann@Clinic.example", "correct horse battery", next="/clients")
    assert response.status_code == 302 and response.headers["Location"] == "/clients"
    page = http.get("/dashboard").get_data(as_text=True)
    assert "Ann Trainer" in page
    response = http.post("/signout", data={"csrf_token": csrf_token_in(page)})
    assert response.status_code == 302
    assert http.get("/dashboard").status_code == 302


def test_a_wrong_password_does_not_say_which_part_was_wrong(http, make_trainer):
    make_trainer(email="ann@clinic.example")
    wrong_password = sign_in_form(http, "ann@clinic.example", "not the password")
    unknown_email = sign_in_form(http, "nobody@clinic.example", "not the password")
    assert wrong_password.status_code == unknown_email.status_code == 401
    assert "do not match an account" in wrong_password.get_data(as_text=True)
    assert "do not match an account" in unknown_email.get_data(as_text=True)
    # What was typed stays in the form (but never the password).
    assert 'value="ann@clinic.example"' in wrong_password.get_data(as_text=True)
    assert "not the password" not in wrong_password.get_data(as_text=True)


def test_sign_in_redirects_only_within_the_site(http, make_trainer):
    make_trainer()
    response = sign_in_form(http, "ann@clinic.example", "correct horse battery", next="https://evil.example/x")
    assert response.headers["Location"] == "/dashboard"
    http.post("/signout", data={"csrf_token": csrf_token_in(http.get("/dashboard").get_data(as_text=True))})
    response = sign_in_form(http, "ann@clinic.example", "correct horse battery", next="//evil.example/x")
    assert response.headers["Location"] == "/dashboard"


def test_five_failures_lock_the_account_for_a_while_even_with_the_right_password(http, make_trainer):
    from planner.extensions import db
    from planner.models import SignInFailure

    make_trainer()
    for _ in range(5):
        assert sign_in_form(http, "ann@clinic.example", "guess guess guess").status_code == 401
    locked = sign_in_form(http, "ann@clinic.example", "correct horse battery")
    assert locked.status_code == 429
    assert re.search(r"Try again in 1[45] minutes", locked.get_data(as_text=True))
    assert 800 < int(locked.headers["Retry-After"]) <= 901
    # Once the failures are older than the window, the right password works again.
    db.session.execute(db.update(SignInFailure).values(at=utcnow() - timedelta(minutes=16)))
    db.session.commit()
    assert sign_in_form(http, "ann@clinic.example", "correct horse battery").status_code == 302


def test_one_address_guessing_many_accounts_is_slowed_too(http, make_trainer):
    for i in range(20):
        assert sign_in_form(http, f"person{i}@clinic.example", "guess guess guess").status_code == 401
    make_trainer(email="ann@clinic.example")
    assert sign_in_form(http, "ann@clinic.example", "correct horse battery").status_code == 429


def test_a_success_clears_the_accounts_failures(http, make_trainer):
    from planner.extensions import db
    from planner.models import SignInFailure

    make_trainer()
    for _ in range(4):
        sign_in_form(http, "ann@clinic.example", "guess guess guess")
    assert sign_in_form(http, "ann@clinic.example", "correct horse battery").status_code == 302
    assert db.session.scalar(db.select(db.func.count()).select_from(SignInFailure)
                             .where(SignInFailure.email == "ann@clinic.example")) == 0


def test_forms_without_the_csrf_token_are_refused(web):
    response = web.post("/signout", csrf=False)
    assert response.status_code == 400
    assert "CSRF" in response.get_data(as_text=True)
    assert web.get("/dashboard").status_code == 200  # still signed in
    response = web.http.post("/signout", data={"csrf_token": "forged"})
    assert response.status_code == 400


def test_changing_the_password_signs_out_other_sessions(app, web):
    from planner.extensions import db
    from planner.models import Trainer

    assert web.get("/dashboard").status_code == 200
    trainer = db.session.get(Trainer, web.id)
    trainer.set_password("a brand new password")
    db.session.commit()
    assert web.get("/dashboard").status_code == 302


def test_pages_carry_security_headers_and_are_not_cached(web):
    response = web.get("/dashboard")
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"
    cookie = next(v for k, v in response.headers.items() if k == "Set-Cookie") if "Set-Cookie" in response.headers \
        else web.http.get_cookie("session")
    assert cookie is not None


def test_session_cookie_is_http_only_and_same_site(http, make_trainer):
    make_trainer()
    response = sign_in_form(http, "ann@clinic.example", "correct horse battery")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_the_api_and_webhooks_need_no_csrf_token(trainer):
    assert trainer.create_client()["id"]


def test_the_account_page_changes_name_zone_password_and_token(make_web_trainer):
    from planner.extensions import db
    from planner.models import Trainer

    web = make_web_trainer()
    assert web.post("/account", {"name": "Ann T.", "timezone": "Mars/Base"}).status_code == 422
    assert web.post("/account", {"name": "Ann T.", "timezone": "Europe/Paris"}).status_code == 302
    trainer = db.session.get(Trainer, web.id)
    assert (trainer.name, trainer.timezone) == ("Ann T.", "Europe/Paris")

    response = web.post("/account/password", {"current": "wrong", "new": "a new long password",
                                              "confirm": "a new long password"})
    assert response.status_code == 422 and "current password is not right" in response.get_data(as_text=True)
    response = web.post("/account/password", {"current": "correct horse battery", "new": "a new long password",
                                              "confirm": "a new long password"})
    assert response.status_code == 302
    assert web.get("/dashboard").status_code == 200  # this session carries on
    db.session.expire_all()
    assert db.session.get(Trainer, web.id).check_password("a new long password")

    old = web.api.get("/api/v1/clients")
    assert old.status_code == 200
    page = web.post("/account/token").get_data(as_text=True)
    token = re.search(r'<code class="token">(cpt_[^<]+)</code>', page).group(1)
    assert web.api.get("/api/v1/clients").status_code == 401
    assert web.api.http.get("/api/v1/clients", headers={"Authorization": f"Bearer {token}"}).status_code == 200


def test_behind_a_trusted_proxy_failures_count_by_the_real_address(app, make_trainer):
    from planner.app import create_app
    from planner.extensions import db
    from planner.models import SignInFailure

    make_trainer()
    proxied = create_app({**app.config, "TRUSTED_PROXIES": 1})
    http = proxied.test_client()
    with proxied.app_context():
        for address in ("203.0.113.7", "198.51.100.9"):
            page = http.get("/signin").get_data(as_text=True)
            http.post("/signin", data={"email": "ann@clinic.example", "password": "nope nope nope",
                                       "csrf_token": csrf_token_in(page)},
                      headers={"X-Forwarded-For": address}, environ_base={"REMOTE_ADDR": "10.0.0.2"})
        db.session.remove()
    addresses = db.session.scalars(db.select(SignInFailure.remote_addr).order_by(SignInFailure.id)).all()
    assert addresses == ["203.0.113.7", "198.51.100.9"]
