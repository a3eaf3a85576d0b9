"""Clients through the API: creation, validation, updates, auth and isolation."""
import pytest

from planner.extensions import db
from planner.models import Client


def client_count() -> int:
    return db.session.scalar(db.select(db.func.count(Client.id)))


def test_create_and_read_back(trainer):
    created = trainer.create_client(phone="+1 (415) 555-2671", training_days=["fri", "mon"])
    assert created["phone"] == "+14155552671"
    assert created["training_days"] == ["mon", "fri"]  # week order
    assert created["reminder_time"] == "07:30"
    assert created["sms_opted_out"] is False and created["sms_opted_out_at"] is None
    assert created["sms_consent"] is True and created["sms_consent_at"]
    fetched = trainer.get(f"/api/v1/clients/{created['id']}")
    assert fetched.status_code == 200
    assert fetched.get_json() == created
    assert [c["id"] for c in trainer.get("/api/v1/clients").get_json()] == [created["id"]]


def test_defaults_for_reminder_time_days_and_consent(trainer):
    response = trainer.post("/api/v1/clients", json={"name": "Bo", "phone": "+4915112345678",
                                                     "timezone": "Europe/Berlin"})
    assert response.status_code == 201
    body = response.get_json()
    assert (body["reminder_time"], body["training_days"], body["sms_consent"]) == ("08:00", ["mon", "wed", "fri"], False)
    assert body["checkin_time"] == "19:00"
    assert response.headers["Location"].endswith(f"/api/v1/clients/{body['id']}")


@pytest.mark.parametrize("field, value, message", [
    ("phone", "+1234", "is not a real phone number"),
    ("phone", "555 0100", "needs its country code"),
    ("phone", "call me", "needs its country code"),
    ("timezone", "Mars/Olympus", "is not a time zone or a city we know"),
    ("timezone", "", "choose a time zone"),
    ("timezone", "Victoria", "fits several time zones"),
    ("reminder_time", "25:00", "HH:MM"),
    ("reminder_time", "7:30", "HH:MM"),
    ("checkin_time", "19h", "HH:MM"),
    ("training_days", ["monday"], "must be one of"),
    ("training_days", ["mon", "mon"], "lists a day twice"),
    ("training_days", "mon", "must be a list"),
    ("name", "", "must not be empty"),
    ("name", 42, "must be a string"),
    ("sms_consent", "yes", "must be true or false"),
])
def test_bad_fields_are_422_naming_the_field_and_nothing_is_written(trainer, field, value, message):
    body = {"name": "Ada", "phone": "+14155552671", "timezone": "America/New_York"} | {field: value}
    response = trainer.post("/api/v1/clients", json=body)
    assert response.status_code == 422
    errors = response.get_json()["errors"]
    key = next(k for k in errors if k.startswith(field))
    assert message in errors[key]
    assert client_count() == 0


def test_missing_and_unknown_fields_are_named(trainer):
    response = trainer.post("/api/v1/clients", json={"phone": "+14155552671", "colour": "red"})
    assert response.status_code == 422
    assert response.get_json()["errors"] == {"name": "is required", "timezone": "is required",
                                             "colour": "is not a known field"}


def test_body_must_be_a_json_object(trainer):
    assert trainer.post("/api/v1/clients", json=[1, 2]).status_code == 422
    broken = trainer.http.post("/api/v1/clients", data="{not json", headers=trainer.headers
                               | {"Content-Type": "application/json"})
    assert broken.status_code == 400
    assert "not valid JSON" in broken.get_json()["error"]
    assert trainer.http.post("/api/v1/clients", headers=trainer.headers).get_json() == {
        "errors": {"body": "is required: send a JSON object"}}
    assert client_count() == 0


def test_same_phone_twice_for_one_trainer_is_refused(trainer):
    first = trainer.create_client()
    response = trainer.post("/api/v1/clients", json={"name": "Twin", "phone": "+14155552671",
                                                     "timezone": "America/New_York"})
    assert response.status_code == 422
    assert f"(id {first['id']})" in response.get_json()["errors"]["phone"]
    assert client_count() == 1


def test_default_phone_region_reads_national_numbers(app, trainer):
    app.config["DEFAULT_PHONE_REGION"] = "US"
    try:
        assert trainer.create_client(phone="(415) 555-2671")["phone"] == "+14155552671"
    finally:
        app.config["DEFAULT_PHONE_REGION"] = None


def test_patch_changes_only_what_is_sent(trainer):
    client = trainer.create_client(sms_consent=False)
    response = trainer.patch(f"/api/v1/clients/{client['id']}",
                             json={"reminder_time": "18:15", "sms_consent": True, "timezone": "Europe/Berlin",
                                   "checkin_time": "20:30"})
    assert response.status_code == 200
    body = response.get_json()
    assert (body["reminder_time"], body["timezone"], body["sms_consent"]) == ("18:15", "Europe/Berlin", True)
    assert body["checkin_time"] == "20:30"
    assert body["sms_consent_at"] is not None
    assert body["name"] == client["name"] and body["phone"] == client["phone"]


def test_patch_with_a_bad_field_changes_nothing(trainer):
    client = trainer.create_client()
    response = trainer.patch(f"/api/v1/clients/{client['id']}",
                             json={"name": "New name", "timezone": "Nowhere/Land"})
    assert response.status_code == 422
    assert "timezone" in response.get_json()["errors"]
    assert trainer.get(f"/api/v1/clients/{client['id']}").get_json()["name"] == client["name"]
    null = trainer.patch(f"/api/v1/clients/{client['id']}", json={"name": None})
    assert null.status_code == 422 and null.get_json()["errors"] == {"name": "must not be null"}


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer nope"}, {"Authorization": "Basic abc"},
                                     {"Authorization": "Bearer "}])
def test_every_client_route_needs_a_valid_token(http, trainer, headers):
    client = trainer.create_client()
    for method, path in [("get", "/api/v1/clients"), ("post", "/api/v1/clients"),
                         ("get", f"/api/v1/clients/{client['id']}"),
                         ("patch", f"/api/v1/clients/{client['id']}")]:
        response = getattr(http, method)(path, headers=headers, json={"name": "x"})
        assert response.status_code == 401, (method, path)
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
        assert "error" in response.get_json()
    assert client_count() == 1


def test_a_rotated_token_stops_working(trainer, cli):
    result = cli.invoke(args=["trainer", "token", "--email", "ann@clinic.example"])
    assert result.exit_code == 0, result.output
    assert trainer.get("/api/v1/clients").status_code == 401
    new_token = result.output.split()[-1]
    assert trainer.http.get("/api/v1/clients", headers={"Authorization": f"Bearer {new_token}"}).status_code == 200


def test_trainers_see_only_their_own_clients(make_trainer):
    ann = make_trainer("ann@clinic.example")
    bob = make_trainer("bob@clinic.example")
    anns = ann.create_client()
    bobs = bob.create_client(phone="+14155552672")  # any number: phones are per trainer
    assert [c["id"] for c in ann.get("/api/v1/clients").get_json()] == [anns["id"]]
    assert [c["id"] for c in bob.get("/api/v1/clients").get_json()] == [bobs["id"]]
    # Another trainer's client does not exist, as far as Bob can tell: 404, like an unknown id.
    assert bob.get(f"/api/v1/clients/{anns['id']}").status_code == 404
    assert bob.get("/api/v1/clients/999999").status_code == 404
    assert bob.patch(f"/api/v1/clients/{anns['id']}", json={"name": "Mine now"}).status_code == 404
    assert ann.get(f"/api/v1/clients/{anns['id']}").get_json()["name"] == anns["name"]


def test_two_trainers_may_share_a_client_phone(make_trainer):
    ann = make_trainer("ann@clinic.example")
    bob = make_trainer("bob@clinic.example")
    ann.create_client()
    bob.create_client()  # a client seeing two practitioners
    assert client_count() == 2


def test_unknown_api_paths_are_json_404(trainer):
    response = trainer.get("/api/v1/nothing-here")
    assert response.status_code == 404 and response.get_json() == {"error": "not found"}
    assert trainer.http.delete("/api/v1/clients", headers=trainer.headers).status_code == 405
