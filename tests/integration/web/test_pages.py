"""The landing page and the health check."""


def test_health_check(http):
    assert http.get("/healthz").get_json() == {"status": "ok"}


def test_landing_page_points_to_the_api_and_counts_the_library(http):
    from planner.extensions import db
    from planner.models import Exercise, Muscle

    page = http.get("/").get_data(as_text=True)
    assert "/api/v1/openapi.json" in page
    muscles = db.session.scalar(db.select(db.func.count(Muscle.slug)))
    exercises = db.session.scalar(db.select(db.func.count(Exercise.id)))
    assert muscles >= 55 and f"{muscles} muscles" in page
    assert exercises >= 150 and f"{exercises} exercises" in page
