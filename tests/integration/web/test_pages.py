"""The root, the page for integrators and the health check."""
from tests.support.web import fresh_request


def test_health_check(http):
    assert http.get("/healthz").get_json() == {"status": "ok"}


def test_the_root_leads_a_visitor_to_sign_in_and_a_trainer_to_the_dashboard(http, web):
    fresh_request()
    response = http.get("/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/signin")
    signed_in = web.get("/")
    assert signed_in.status_code == 302 and signed_in.headers["Location"].endswith("/dashboard")


def test_the_integrators_page_points_to_the_api_and_counts_the_library(http, web):
    from planner.extensions import db
    from planner.models import Exercise, Muscle

    fresh_request()
    page = http.get("/integrators").get_data(as_text=True)
    assert "/api/v1/openapi.json" in page and "Authorization: Bearer" in page
    muscles = db.session.scalar(db.select(db.func.count(Muscle.slug)))
    exercises = db.session.scalar(db.select(db.func.count(Exercise.id)))
    assert muscles >= 55 and f"{muscles} muscles" in page
    assert exercises >= 150 and f"{exercises} exercises" in page
    # Reached from every page's footer, the sign-in page's included, and from the account page.
    fresh_request()
    assert 'href="/integrators"' in http.get("/signin").get_data(as_text=True)
    assert 'href="/integrators"' in web.page("/account")
