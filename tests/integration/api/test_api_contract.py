"""The API and its OpenAPI document agree: schemathesis generates requests
for every operation from the document and checks each answer against it
(no server error, a documented status, the documented body and headers,
invalid data refused, 405 with Allow for other methods), through the app's
WSGI interface, with a fixed seed.

Left out: "positive data acceptance" (a request the document allows must
succeed). The document cannot say which phone numbers or time zones exist,
so a request it allows may still be refused with a documented 422."""
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from planner.api.openapi import openapi_document

EXAMPLES_PER_OPERATION = 25
ASSESSMENT = {"performed_on": "2026-01-02", "overhead_squat": ["knees_move_inward"],
              "muscle_tests": [{"muscle": "gluteus_medius", "side": "right", "grade": 3, "inhibited": False}],
              "pain": [{"region": "knee", "score": 3}]}
OPERATIONS = [(path, method.upper()) for path, methods in openapi_document()["paths"].items()
              for method in methods if method in ("get", "post", "patch", "put", "delete")]


@pytest.fixture(scope="module")
def api_schema(app):
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)


@pytest.fixture
def existing(trainer):
    """Rows of the trainer's own for the path's ids, so requests reach the
    code behind a lookup rather than stopping at 404."""
    client = trainer.create_client()
    assessment = trainer.post(f"/api/v1/clients/{client['id']}/assessments", json=ASSESSMENT).get_json()
    program = trainer.post(f"/api/v1/clients/{client['id']}/programs", json={"start_date": "2026-03-02"}).get_json()
    session = program["weeks"][0]["sessions"][0]
    slug = session["items"][0]["exercise"]
    media = trainer.post(f"/api/v1/exercises/{slug}/media", json={"video_url": "https://videos.example/a"}).get_json()
    template = trainer.post(f"/api/v1/programs/{program['id']}/template", json={"name": "Knees in"}).get_json()
    return {"client_id": client["id"], "assessment_id": assessment["id"], "program_id": program["id"],
            "session_id": session["id"], "item_id": session["items"][0]["id"], "slug": slug,
            "media_id": media["id"], "template_id": template["id"]}


@pytest.mark.parametrize("path, method", OPERATIONS)
def test_every_operation_answers_as_documented(api_schema, trainer, existing, path, method):
    operation = api_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def answers_as_documented(case):
        if case.path_parameters:
            case.path_parameters = {name: existing.get(name, value) for name, value in case.path_parameters.items()}
        case.call_and_validate(headers=trainer.headers, excluded_checks=[positive_data_acceptance])

    answers_as_documented()
