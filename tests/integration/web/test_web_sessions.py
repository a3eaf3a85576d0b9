"""Sign-ins kept on the server: sign-out and password changes end them for
every copy of the cookie, they expire, and the cookie carries nothing of
the password."""
from __future__ import annotations

from datetime import timedelta

from planner.models.people import utcnow

from tests.support.web import WebTrainer


def copy_of(app, web: WebTrainer) -> WebTrainer:
    """A second browser holding a copy of the web trainer's session cookie
    (what an attacker who captured it would have)."""
    http = app.test_client()
    http.set_cookie("session", web.http.get_cookie("session").value)
    return WebTrainer(http, web.id, web.email, web.password)


def signed_in(web: WebTrainer) -> bool:
    response = web.get("/dashboard")
    assert response.status_code in (200, 302), response.status_code
    return response.status_code == 200


def test_a_cookie_captured_before_sign_out_is_refused_after_it(app, web):
    captured = copy_of(app, web)
    assert signed_in(captured)
    assert web.post("/signout").status_code == 302
    assert not signed_in(web)
    response = captured.get("/dashboard")
    assert response.status_code == 302 and response.headers["Location"].startswith("/signin")
    assert captured.get("/account").status_code == 302


def test_signing_out_ends_only_that_sign_in(app, web):
    laptop = WebTrainer(app.test_client(), web.id, web.email, web.password).sign_in()
    assert web.post("/signout").status_code == 302
    assert signed_in(laptop) and not signed_in(web)


def test_a_password_change_ends_the_other_sessions_and_keeps_this_one(app, web):
    from planner.extensions import db
    from planner.models import WebSession

    phone = WebTrainer(app.test_client(), web.id, web.email, web.password).sign_in()
    this_ones_copy = copy_of(app, web)
    assert signed_in(phone) and signed_in(this_ones_copy)
    response = web.post("/account/password", {"current": web.password, "new": "a brand new passphrase",
                                              "confirm": "a brand new passphrase"})
    assert response.status_code == 302
    assert signed_in(web) and signed_in(this_ones_copy)  # the same sign-in
    assert not signed_in(phone)
    assert db.session.scalar(db.select(db.func.count()).select_from(WebSession)) == 1
    # The phone signs in again with the new password.
    phone.password = "a brand new passphrase"
    assert signed_in(phone.sign_in())


def test_the_cookie_carries_nothing_of_the_password_hash(app, web):
    import json

    from planner.extensions import db
    from planner.models import Trainer, WebSession
    from planner.models.people import hash_token

    raw = web.http.get_cookie("session").value
    contents = app.session_interface.get_signing_serializer(app).loads(raw)
    password_hash = db.session.get(Trainer, web.id).password_hash
    pieces = [piece for piece in password_hash.split("$") if len(piece) >= 8] + [password_hash[-12:]]
    assert pieces and not any(piece in raw or piece in json.dumps(contents) for piece in pieces)
    # What names the trainer is a random token whose hash alone is stored.
    token = contents["_user_id"]
    assert str(web.id) != token and len(token) >= 40
    row = db.session.scalar(db.select(WebSession))
    assert row.token_hash == hash_token(token) and token not in row.token_hash


def test_a_sign_in_ends_after_its_absolute_lifetime_however_active(app, web):
    from planner.extensions import db
    from planner.models import WebSession

    assert app.config["WEB_SESSION_MAX_HOURS"] == 12  # OWASP ASVS V3.3.2, level 2
    started = utcnow() - timedelta(hours=11, minutes=59)
    db.session.execute(db.update(WebSession).values(started_at=started, last_seen_at=utcnow()))
    db.session.commit()
    assert signed_in(web)
    db.session.execute(db.update(WebSession).values(started_at=started - timedelta(minutes=2),
                                                    last_seen_at=utcnow()))
    db.session.commit()
    assert not signed_in(web)


def test_a_sign_in_ends_after_half_an_hour_idle_and_activity_keeps_it_open(app, web):
    from planner.extensions import db
    from planner.models import WebSession

    assert app.config["WEB_SESSION_IDLE_MINUTES"] == 30  # OWASP ASVS V3.3.2, level 2
    db.session.execute(db.update(WebSession).values(last_seen_at=utcnow() - timedelta(minutes=29)))
    db.session.commit()
    assert signed_in(web)  # and that request counts as activity
    db.session.expire_all()
    assert utcnow() - db.session.scalar(db.select(WebSession.last_seen_at)) < timedelta(minutes=1)
    db.session.execute(db.update(WebSession).values(last_seen_at=utcnow() - timedelta(minutes=31)))
    db.session.commit()
    assert not signed_in(web)


def test_the_idle_limit_can_be_lifted_and_the_lifetime_set(app, make_web_trainer):
    from planner.app import create_app
    from planner.extensions import db
    from planner.models import WebSession

    web = make_web_trainer()
    relaxed = create_app({**app.config, "WEB_SESSION_IDLE_MINUTES": 0, "WEB_SESSION_MAX_HOURS": 2})
    later = relaxed.test_client()
    later.set_cookie("session", web.http.get_cookie("session").value)
    db.session.execute(db.update(WebSession).values(started_at=utcnow() - timedelta(minutes=110),
                                                    last_seen_at=utcnow() - timedelta(minutes=100)))
    db.session.commit()
    with relaxed.app_context():
        assert later.get("/dashboard").status_code == 200
        db.session.remove()
    db.session.execute(db.update(WebSession).values(started_at=utcnow() - timedelta(minutes=121)))
    db.session.commit()
    with relaxed.app_context():
        assert later.get("/dashboard").status_code == 302
        db.session.remove()


def test_sign_ins_made_before_a_password_change_by_any_path_end(app, web):
    from planner.extensions import db
    from planner.models import Trainer

    trainer = db.session.get(Trainer, web.id)
    trainer.set_password("changed by the operator")
    db.session.commit()
    assert not signed_in(web)


def test_the_sign_in_page_says_how_long_a_sign_in_lasts_and_why(http):
    page = http.get("/signin").get_data(as_text=True)
    assert "You stay signed in for up to 12 hours, and are signed out after 30 minutes without activity " \
           "(OWASP ASVS 3.3.2)." in page
