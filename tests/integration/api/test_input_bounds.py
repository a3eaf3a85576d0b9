"""No input crashes the server: ids too large for the database, numbers in
other scripts or of thousands of digits, deeply nested or oversized bodies
get a clear 4xx and nothing is written."""
import pytest

from planner.validation import MAX_ID, id_number, whole_number

from tests.support.database import statements_with_nul

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


# --- implausible input ---------------------------------------------------------

FAR_DATES = [("0001-01-01", "is before 1900-01-01"), ("9999-12-20", "is too far in the future")]
STRANGE_NUMBERS = ["²", "¹⁰", "5" * 5000]
ASSESSMENT = {"performed_on": "2026-11-20", "muscle_tests": [
    {"muscle": "gluteus_medius", "side": "right", "grade": 3, "inhibited": False}], "pain": [{"region": "knee", "score": 3}]}


def rows(model) -> int:
    from planner.extensions import db

    return db.session.scalar(db.select(db.func.count()).select_from(model))


@pytest.mark.parametrize("day, message", FAR_DATES)
def test_implausible_dates_are_422_naming_the_field_and_nothing_is_written(trainer, day, message):
    from planner.models import Assessment, CheckIn, Program

    client = trainer.create_client()
    base = f"/api/v1/clients/{client['id']}"
    response = trainer.post(f"{base}/assessments", json=ASSESSMENT | {"performed_on": day})
    assert response.status_code == 422 and message in response.get_json()["errors"]["performed_on"]
    response = trainer.post(f"{base}/checkins", json={"date": day, "pain": 3})
    assert response.status_code == 422 and message in response.get_json()["errors"]["date"]
    assert (rows(Assessment), rows(CheckIn)) == (0, 0)

    assert trainer.post(f"{base}/assessments", json=ASSESSMENT).status_code == 201
    response = trainer.post(f"{base}/programs", json={"start_date": day})
    assert response.status_code == 422 and message in response.get_json()["errors"]["start_date"]
    assert rows(Program) == 0
    program = trainer.post(f"{base}/programs", json={"start_date": "2026-12-07"}).get_json()
    response = trainer.post(f"/api/v1/programs/{program['id']}/regenerate", json={"start_date": day})
    assert response.status_code == 422 and message in response.get_json()["errors"]["start_date"]
    assert trainer.get(f"/api/v1/programs/{program['id']}").get_json()["start_date"] == "2026-12-07"


def test_the_plausible_range_reaches_from_1900_to_the_end_of_the_year_after_next(trainer):
    from datetime import date

    client = trainer.create_client()
    base = f"/api/v1/clients/{client['id']}"
    assert trainer.post(f"{base}/checkins", json={"date": "1900-01-01", "pain": 3}).status_code == 201
    assert trainer.post(f"{base}/assessments", json=ASSESSMENT).status_code == 201
    last = f"{date.today().year + 2}-12-31"
    assert trainer.post(f"{base}/programs", json={"start_date": last, "weeks": 1}).status_code == 201


def test_nul_and_control_characters_in_text_are_422(trainer):
    from planner.models import Client

    with statements_with_nul() as reached:
        response = trainer.post("/api/v1/clients", json={"name": "Ada\x00Lovelace", "phone": "+14155552671",
                                                          "timezone": "America/New_York"})
        assert response.status_code == 422
        assert response.get_json()["errors"] == {
            "name": "must not contain control characters (found NUL at character 4)"}
    assert reached == [] and rows(Client) == 0
    client = trainer.create_client()
    with statements_with_nul() as reached:
        test = ASSESSMENT["muscle_tests"][0] | {"muscle": "gluteus\x00medius"}
        response = trainer.post(f"/api/v1/clients/{client['id']}/assessments",
                                json=ASSESSMENT | {"muscle_tests": [test]})
        assert response.status_code == 422 and "found NUL" in response.get_json()["errors"]["muscle_tests[0].muscle"]
    assert reached == []
    response = trainer.patch(f"/api/v1/clients/{client['id']}", json={"name": "Ada\x1b[31m"})
    assert response.status_code == 422 and "found U+001B" in response.get_json()["errors"]["name"]
    assert trainer.get(f"/api/v1/clients/{client['id']}").get_json()["name"] == "Ada Lovelace"
    # Notes are multi-line: line breaks and tabs are text, a bell is not.
    base = f"/api/v1/clients/{client['id']}/assessments"
    response = trainer.post(base, json=ASSESSMENT | {"notes": "Left knee\x07"})
    assert response.status_code == 422 and "found U+0007" in response.get_json()["errors"]["notes"]
    assert trainer.post(base, json=ASSESSMENT | {"notes": "Left knee\r\n\tsore on stairs"}).status_code == 201


@pytest.mark.parametrize("phone", ["+1 415 555 2671 ext 5", "+1 415 555 2671 x5", "+14155552671;ext=5"])
def test_a_phone_with_an_extension_is_refused_not_cut(trainer, phone):
    from planner.models import Client

    response = trainer.post("/api/v1/clients", json={"name": "Ada", "phone": phone, "timezone": "America/New_York"})
    assert response.status_code == 422
    assert "has an extension (5): a text message cannot reach an extension" in response.get_json()["errors"]["phone"]
    assert rows(Client) == 0
    client = trainer.create_client()
    response = trainer.patch(f"/api/v1/clients/{client['id']}", json={"phone": phone})
    assert response.status_code == 422 and "extension" in response.get_json()["errors"]["phone"]
    assert trainer.get(f"/api/v1/clients/{client['id']}").get_json()["phone"] == "+14155552671"


@pytest.mark.parametrize("level", STRANGE_NUMBERS + ["0", "6", "-1"])
def test_the_level_filter_takes_only_a_level_in_plain_digits(trainer, level):
    response = trainer.get(f"/api/v1/exercises?level={level}")
    assert response.status_code == 422
    assert response.get_json()["errors"]["level"].startswith("must be a level from 1 to 5 (got '")
    assert {e["level"] for e in trainer.get("/api/v1/exercises?level=3").get_json()} == {3}


def test_ids_in_bodies_beyond_the_database_are_422(trainer):
    client = trainer.create_client()
    assert trainer.post(f"/api/v1/clients/{client['id']}/assessments", json=ASSESSMENT).status_code == 201
    response = trainer.post(f"/api/v1/clients/{client['id']}/programs", json={"assessment_id": 2**31})
    assert response.status_code == 422
    assert response.get_json()["errors"] == {"assessment_id": f"must be at most {MAX_ID} (got {2**31})"}


def test_nul_in_a_query_or_a_path_is_refused_not_looked_up(trainer):
    with statements_with_nul() as reached:
        response = trainer.get("/api/v1/exercises?muscle=gluteus%00medius")
        assert response.status_code == 422 and "unknown muscle" in response.get_json()["errors"]["muscle"]
        for path in ("/api/v1/exercises/glute%00bridge", "/api/v1/exercises/glute_bridge%0a"):
            response = trainer.get(path)
            assert response.status_code == 404 and response.get_json() == {"error": "not found"}
    assert reached == []
    assert trainer.get("/api/v1/exercises/glute_bridge").status_code == 200
