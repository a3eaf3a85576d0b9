"""No input crashes the server: ids too large for the database, numbers in
other scripts or of thousands of digits, deeply nested or oversized bodies
get a clear 4xx and nothing is written."""
import pytest

from planner.validation import MAX_ID, id_number, whole_number

HUGE = str(2**63)


@pytest.mark.parametrize("text", ["²", "¹⁰", "١٠", "5" * 5000, "-1", "1.5", " ", "", None, "11", "0x5"])
def test_whole_number_takes_only_ascii_digits_in_range(text):
    assert whole_number(text, 0, 10) is None


@pytest.mark.parametrize("text, value", [("0", 0), ("7", 7), (" 10 ", 10)])
def test_whole_number_reads_plain_numbers(text, value):
    assert whole_number(text, 0, 10) == value


def test_id_number_refuses_what_no_row_can_have():
    assert id_number(str(MAX_ID)) == MAX_ID
    for text in (str(MAX_ID + 1), HUGE, "0", "²"):
        with pytest.raises(ValueError):
            id_number(text)


@pytest.mark.parametrize("path", [f"/api/v1/clients/{HUGE}", f"/api/v1/programs/{HUGE}",
                                  f"/api/v1/programs/1/items/{HUGE}/alternatives", f"/api/v1/clients/{2**31}/programs",
                                  f"/api/v1/clients/{HUGE}/report"])
def test_ids_beyond_the_database_are_404_in_the_api(trainer, path):
    response = trainer.get(path)
    assert response.status_code == 404
    assert response.get_json() == {"error": "not found"}


@pytest.mark.parametrize("path", [f"/clients/{HUGE}", f"/programs/{HUGE}", f"/clients/{2**31}/report"])
def test_ids_beyond_the_database_are_404_on_pages(web, path):
    assert web.get(path).status_code == 404


def test_deeply_nested_json_is_refused_with_the_reason(trainer):
    for depth in (20, 100_000):
        body = "[" * depth + "]" * depth
        response = trainer.http.post("/api/v1/clients", data="{\"name\": " + body + "}",
                                     headers=trainer.headers | {"Content-Type": "application/json"})
        assert response.status_code == 422
        assert "nested too deeply" in response.get_json()["errors"]["body"]


def test_an_oversized_body_is_413(trainer):
    response = trainer.http.post("/api/v1/clients", data=b"{" + b" " * (2 * 1024 * 1024) + b"}",
                                 headers=trainer.headers | {"Content-Type": "application/json"})
    assert response.status_code == 413
    assert trainer.get("/api/v1/clients").get_json() == []
