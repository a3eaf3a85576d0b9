"""The landing page and the health check."""


def test_health_check(http):
    assert http.get("/healthz").get_json() == {"status": "ok"}


def test_landing_page_points_to_the_api_and_counts_the_library(http):
    page = http.get("/").get_data(as_text=True)
    assert "/api/v1/openapi.json" in page
    assert "66 muscles" in page and "180 exercises" in page
