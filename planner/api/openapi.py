"""The OpenAPI 3.1 document of API v1, served at /api/v1/openapi.json.

Request schemas come from the pydantic models that validate the requests,
so the document cannot drift from what the API accepts.
"""
from __future__ import annotations

from functools import lru_cache

from flask import jsonify
from pydantic.json_schema import models_json_schema

from planner.progress.client_progress import CSV_COLUMNS
from planner.vocabularies import EQUIPMENT, PAIN_REGIONS, PHASES, SIDES
from planner.api.blueprint import bp
from planner.inputs import (AssessmentCreate, CheckInCreate, ClientCreate, ClientUpdate, ItemCreate, ItemUpdate, ManualMessage, ProgramCreate, ProgramRegenerate)

REF = "#/components/schemas/{model}"


def _ref(name: str) -> dict:
    return {"$ref": REF.format(model=name)}


def _json(schema: dict, description: str = "OK") -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


ERRORS = {
    "401": {"$ref": "#/components/responses/Unauthorized"},
}
NOT_FOUND = {"404": {"$ref": "#/components/responses/NotFound"}}
INVALID = {"422": {"$ref": "#/components/responses/Invalid"}}
# Operations that read a JSON body: it may also be malformed or too large.
BODY_ERRORS = INVALID | {"400": {"$ref": "#/components/responses/BadJson"},
                         "413": {"$ref": "#/components/responses/TooLarge"}}
def _path_id(name: str) -> dict:
    return {"name": name, "in": "path", "required": True, "schema": {"type": "integer"}}


CLIENT_ID = _path_id("client_id")


def _string_list(values) -> dict:
    return {"type": "array", "items": {"type": "string", "enum": list(values)}}


RESPONSE_SCHEMAS = {
    "Client": {"type": "object", "required": ["id", "name", "phone", "timezone", "reminder_time", "training_days"],
               "properties": {
                   "id": {"type": "integer"}, "name": {"type": "string"},
                   "phone": {"type": "string", "description": "E.164"},
                   "timezone": {"type": "string"}, "reminder_time": {"type": "string", "example": "08:00"},
                   "training_days": {"type": "array", "items": {"type": "string"}},
                   "checkin_time": {"type": "string", "example": "19:00"},
                   "sms_consent": {"type": "boolean"},
                   "sms_consent_at": {"type": ["string", "null"], "format": "date-time"},
                   "sms_opted_out": {"type": "boolean"},
                   "sms_opted_out_at": {"type": ["string", "null"], "format": "date-time"},
                   "auto_adjust": {"type": "boolean"},
                   "created_at": {"type": "string", "format": "date-time"},
                   "updated_at": {"type": "string", "format": "date-time"}}},
    "Muscle": {"type": "object", "required": ["slug", "name", "region"], "properties": {
        "slug": {"type": "string"}, "name": {"type": "string"}, "region": {"type": "string"},
        "actions": {"type": "array", "items": {"type": "string"}},
        "antagonists": {"type": "array", "items": {"type": "string"}},
        "can_test_weak": {"type": "boolean"}, "can_be_overactive": {"type": "boolean"}}},
    "ExerciseSummary": {"type": "object", "required": ["slug", "name", "phase", "level"], "properties": {
        "slug": {"type": "string"}, "name": {"type": "string"},
        "phase": {"type": "string", "enum": list(PHASES)}, "level": {"type": "integer", "minimum": 1, "maximum": 5},
        "equipment": _string_list(EQUIPMENT),
        "targets": {"type": "array", "items": {"type": "object", "properties": {
            "muscle": {"type": "string"}, "role": {"type": "string", "enum": ["primary", "secondary"]}}}},
        "contraindications": _string_list(PAIN_REGIONS),
        "custom": {"type": "boolean", "description": "a trainer's own exercise"}}},
    "Exercise": {"allOf": [_ref("ExerciseSummary"), {"type": "object", "properties": {
        "position": {"type": "string"}, "per_side": {"type": "boolean"},
        "dosage": {"type": "object", "properties": {
            "sets": {"type": "integer"}, "reps": {"type": ["integer", "null"]},
            "hold_seconds": {"type": ["integer", "null"]}, "tempo": {"type": ["string", "null"]},
            "rest_seconds": {"type": "integer"}}},
        "instructions": {"type": "string"}, "cues": {"type": "array", "items": {"type": "string"}},
        "progression": {"type": ["string", "null"]}, "regression": {"type": ["string", "null"]}}}]},
    "Finding": {"type": "object", "required": ["muscle", "side", "status", "sources"], "properties": {
        "muscle": {"type": "string"}, "side": {"type": "string", "enum": list(SIDES)},
        "status": {"type": "string", "enum": ["weak", "inhibited", "overactive", "underactive"]},
        "sources": {"type": "array", "items": {"type": "object", "properties": {
            "kind": {"type": "string", "description": "muscle_test, or the screen's slug"},
            "summary": {"type": "string"}}}}}},
    "Assessment": {"type": "object", "required": ["id", "performed_on", "findings"], "properties": {
        "id": {"type": "integer"}, "client_id": {"type": "integer"},
        "performed_on": {"type": "string", "format": "date"}, "notes": {"type": "string"},
        "muscle_tests": {"type": "array", "items": {"type": "object"}},
        "overhead_squat": {"type": "array", "items": {"type": "object"}},
        "pain": {"type": "array", "items": {"type": "object"}},
        "findings": {"type": "array", "items": _ref("Finding")},
        "created_at": {"type": "string", "format": "date-time"}}},
    "MovementScreen": {"type": "object", "properties": {
        "screen": {"type": "string"}, "name": {"type": "string"}, "source": {"type": "string"},
        "compensations": {"type": "array", "items": {"type": "object", "properties": {
            "slug": {"type": "string"}, "name": {"type": "string"}, "view": {"type": "string"},
            "overactive": {"type": "array", "items": {"type": "string"}},
            "underactive": {"type": "array", "items": {"type": "string"}}}}}}},
    "Vocabularies": {"type": "object", "properties": {
        "pain_regions": _string_list(PAIN_REGIONS), "equipment": _string_list(EQUIPMENT),
        "phases": _string_list(PHASES), "sides": _string_list(SIDES)}},
    "ProgramItem": {"type": "object", "required": ["id", "exercise", "phase", "sets"], "properties": {
        "id": {"type": "integer"}, "exercise": {"type": "string"}, "name": {"type": "string"},
        "phase": {"type": "string", "enum": list(PHASES)}, "sets": {"type": "integer"},
        "reps": {"type": ["integer", "null"]}, "hold_seconds": {"type": ["integer", "null"]},
        "tempo": {"type": ["string", "null"]}, "rest_seconds": {"type": "integer"},
        "side": {"type": ["string", "null"], "enum": list(SIDES) + [None]},
        "targets": {"type": "array", "items": {"type": "object", "properties": {
            "muscle": {"type": "string"}, "side": {"type": "string"}, "status": {"type": "string"}}}},
        "rationale": {"type": "string"}, "locked": {"type": "boolean"}}},
    "Program": {"type": "object", "required": ["id", "status", "client_id", "start_date", "uncovered", "weeks"],
                "properties": {
        "id": {"type": "integer"}, "status": {"type": "string", "enum": ["draft", "active", "archived"]},
        "client_id": {"type": "integer"}, "assessment_id": {"type": ["integer", "null"]},
        "start_date": {"type": "string", "format": "date"}, "end_date": {"type": "string", "format": "date"},
        "parameters": {"type": "object"},
        "published_at": {"type": ["string", "null"]}, "archived_at": {"type": ["string", "null"]},
        "uncovered": {"type": "array", "items": {"type": "object", "properties": {
            "muscle": {"type": "string"}, "side": {"type": "string"}, "status": {"type": "string"},
            "phase": {"type": "string"}, "reason": {"type": "string"}}}},
        "weeks": {"type": "array", "items": {"type": "object", "properties": {
            "week": {"type": "integer"}, "deload": {"type": "boolean"},
            "sessions": {"type": "array", "items": {"type": "object", "properties": {
                "id": {"type": "integer"}, "index": {"type": "integer"}, "day": {"type": "string"},
                "date": {"type": "string", "format": "date"}, "minutes": {"type": "integer"},
                "items": {"type": "array", "items": _ref("ProgramItem")}}}}}}}}},
    "ProgramSummary": {"type": "object", "properties": {
        "id": {"type": "integer"}, "status": {"type": "string"}, "assessment_id": {"type": ["integer", "null"]},
        "start_date": {"type": "string", "format": "date"}, "weeks": {"type": "integer"},
        "created_at": {"type": "string", "format": "date-time"}}},
    "Alternative": {"type": "object", "properties": {
        "exercise": {"type": "string"}, "name": {"type": "string"}, "phase": {"type": "string"},
        "level": {"type": "integer"}, "equipment": {"type": "array", "items": {"type": "string"}},
        "why": {"type": "string"}}},
    "ProgramChange": {"type": "object", "properties": {
        "id": {"type": "integer"}, "at": {"type": "string", "format": "date-time"},
        "trainer_id": {"type": ["integer", "null"]}, "action": {"type": "string"}, "details": {"type": "object"}}},
    "Message": {"type": "object", "properties": {
        "id": {"type": "integer"}, "direction": {"type": "string", "enum": ["outbound", "inbound"]},
        "kind": {"type": "string"}, "body": {"type": "string"}, "status": {"type": "string"},
        "error_code": {"type": ["integer", "null"]}, "created_at": {"type": "string", "format": "date-time"}}},
    "CheckIn": {"type": "object", "properties": {
        "id": {"type": "integer"}, "date": {"type": "string", "format": "date"},
        "pain": {"type": ["integer", "null"], "minimum": 0, "maximum": 10, "description": "usual pain that day"},
        "done": {"type": ["boolean", "null"]},
        "exercise_pain": {"type": ["integer", "null"], "minimum": 0, "maximum": 10,
                          "description": "pain during that day's session"},
        "morning_pain": {"type": ["integer", "null"], "minimum": 0, "maximum": 10,
                         "description": "pain on waking that morning"},
        "source": {"type": "string", "enum": ["sms", "session_page", "trainer"]},
        "message_id": {"type": ["integer", "null"]}}},
    "Report": {"type": "object",
               "description": "Progress: pain against baseline, adherence, relief, flares and session load. "
                              "The rules and their sources: the report page's 'How this report decides'.",
               "required": ["baseline_pain", "current_pain", "change_points", "change_pct", "pain_series",
                            "rolling_mean", "adherence", "relief", "flares", "spikes", "pain_monitoring", "alerts",
                            "thresholds"],
               "properties": {
        "as_of": {"type": "string", "format": "date"},
        "baseline_pain": {"type": ["number", "null"]}, "current_pain": {"type": ["number", "null"]},
        "change_points": {"type": ["number", "null"], "description": "current minus baseline; negative is better"},
        "change_pct": {"type": ["number", "null"], "description": "null when the baseline is 0"},
        "pain_series": {"type": "array", "items": {"type": "object", "properties": {
            "date": {"type": "string", "format": "date"}, "score": {"type": "integer"},
            "source": {"type": "string", "enum": ["checkin", "assessment"]}}}},
        "rolling_mean": {"type": "array", "items": {"type": "object", "properties": {
            "date": {"type": "string", "format": "date"}, "value": {"type": "number"}}}},
        "adherence": {"type": "object", "properties": {
            "pct": {"type": ["number", "null"]}, "done": {"type": "integer"}, "prescribed": {"type": "integer"},
            "by_week": {"type": "array", "items": {"type": "object", "properties": {
                "week_start": {"type": "string", "format": "date"}, "done": {"type": "integer"},
                "prescribed": {"type": "integer"}}}}}},
        "relief": {"type": "object", "properties": {
            "status": {"type": "string", "enum": ["none", "improving", "lasting", "relapsed"]},
            "since": {"type": ["string", "null"], "format": "date"},
            "relapses": {"type": "array", "items": {"type": "string", "format": "date"}},
            "reason": {"type": ["string", "null"]},
            "lasting_clock_since": {"type": ["string", "null"], "format": "date"},
            "episodes": {"type": "array", "description": "each stretch of relief, oldest first",
                         "items": {"type": "object", "properties": {
                             "improving_since": {"type": "string", "format": "date"},
                             "lasting_since": {"type": ["string", "null"], "format": "date"},
                             "ended_on": {"type": ["string", "null"], "format": "date"}}}},
            "days_held": {"type": ["integer", "null"],
                          "description": "days since the current stretch of relief began; null without one"}}},
        "flares": {"type": "array", "description": "check-ins of flares: raised and still raised at the next one",
                   "items": {"type": "object", "properties": {
                       "date": {"type": "string", "format": "date"}, "score": {"type": "integer"},
                       "since": {"type": "string", "format": "date", "description": "the flare's first day"}}}},
        "spikes": {"type": "array", "description": "raised scores that settled by the next check-in",
                   "items": {"type": "object", "properties": {
                       "date": {"type": "string", "format": "date"}, "score": {"type": "integer"}}}},
        "severe": {"type": "array", "description": "severe scores, which alert the trainer at once",
                   "items": {"type": "object", "properties": {
                       "date": {"type": "string", "format": "date"}, "score": {"type": "integer"}}}},
        "unsettled": {"type": ["object", "null"], "description": "the latest raised score, before its next check-in",
                      "properties": {"date": {"type": "string", "format": "date"}, "score": {"type": "integer"}}},
        "pain_monitoring": {"type": "array", "description": "each session's load (Silbernagel et al. 2007)",
                            "items": {"type": "object", "properties": {
                                "date": {"type": "string", "format": "date"},
                                "exercise_pain": {"type": ["integer", "null"]},
                                "morning_pain": {"type": ["integer", "null"], "description": "the next morning's"},
                                "pain_before": {"type": ["integer", "null"]},
                                "verdict": {"type": ["string", "null"],
                                            "enum": ["safe", "acceptable", "too_much", None]}}}},
        "follow_up": {"type": "array",
                      "description": "after the program: the follow-up prompts due at follow_up_weeks after its "
                                     "last session, the client's answer to each, and whether relief held (usual "
                                     "pain still at least RELIEF_MCID_PERCENT and RELIEF_MIN_POINTS below the "
                                     "baseline: Farrar et al. 2001, IMMPACT); null while unanswered",
                      "items": {"type": "object", "properties": {
                          "due_on": {"type": "string", "format": "date"},
                          "answered_on": {"type": ["string", "null"], "format": "date"},
                          "pain": {"type": ["integer", "null"]},
                          "relief_held": {"type": ["boolean", "null"]}}}},
        "follow_up_weeks": {"type": "array", "items": {"type": "integer"},
                            "description": "weeks after the program's last session (FOLLOW_UP_WEEKS)"},
        "alerts": {"type": "array", "items": {"type": "object", "properties": {
            "id": {"type": "integer"}, "kind": {"type": "string"},
            "created_at": {"type": "string", "format": "date-time"},
            "resolved_at": {"type": ["string", "null"], "format": "date-time"},
            "resolution_note": {"type": ["string", "null"]}}}},
        "thresholds": {"type": "object", "additionalProperties": {"type": "number"}}}},
    "Error": {"type": "object", "properties": {"error": {"type": "string"}}},
    "ValidationErrors": {"type": "object", "properties": {"errors": {
        "type": "object", "additionalProperties": {"type": "string"},
        "description": "field path (e.g. muscle_tests[0].grade) -> what is wrong"}}},
}


def _array(name: str) -> dict:
    return {"type": "array", "items": _ref(name)}


@lru_cache(maxsize=1)
def openapi_document() -> dict:
    _, request_schemas = models_json_schema(
        [(m, "validation") for m in (ClientCreate, ClientUpdate, AssessmentCreate, ProgramCreate,
                                      ProgramRegenerate, ItemUpdate, ItemCreate, ManualMessage, CheckInCreate)], ref_template=REF)
    schemas = dict(request_schemas.get("$defs", {})) | RESPONSE_SCHEMAS

    def body(name: str) -> dict:
        return {"required": True, "content": {"application/json": {"schema": _ref(name)}}}

    paths = {
        "/vocabularies": {"get": {"summary": "Fixed vocabularies", "operationId": "vocabularies",
                                  "responses": {"200": _json(_ref("Vocabularies"))} | ERRORS}},
        "/muscles": {"get": {"summary": "The muscle catalog", "operationId": "listMuscles",
                             "responses": {"200": _json(_array("Muscle"))} | ERRORS}},
        "/exercises": {"get": {
            "summary": "The exercise library, filtered", "operationId": "listExercises",
            "parameters": [
                {"name": "muscle", "in": "query", "schema": {"type": "string"},
                 "description": "exercises targeting this muscle slug"},
                {"name": "phase", "in": "query", "schema": {"type": "string", "enum": list(PHASES)}},
                {"name": "level", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 5}},
                {"name": "equipment", "in": "query", "schema": {"type": "string"},
                 "description": "equipment available, comma-separated; 'none' for body weight only"}],
            "responses": {"200": _json(_array("ExerciseSummary"))} | ERRORS | INVALID}},
        "/exercises/{slug}": {"get": {
            "summary": "One exercise with its dosage, instructions and links", "operationId": "getExercise",
            "parameters": [{"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}],
            "responses": {"200": _json(_ref("Exercise"))} | ERRORS | NOT_FOUND}},
        "/movement-screens": {"get": {"summary": "Movement screens and what each compensation suggests",
                                      "operationId": "listMovementScreens",
                                      "responses": {"200": _json(_array("MovementScreen"))} | ERRORS}},
        "/clients": {
            "get": {"summary": "Your clients", "operationId": "listClients",
                    "responses": {"200": _json(_array("Client"))} | ERRORS},
            "post": {"summary": "Add a client", "operationId": "createClient", "requestBody": body("ClientCreate"),
                     "responses": {"201": _json(_ref("Client"), "Created")} | ERRORS | BODY_ERRORS}},
        "/clients/{client_id}": {
            "parameters": [CLIENT_ID],
            "get": {"summary": "One client", "operationId": "getClient",
                    "responses": {"200": _json(_ref("Client"))} | ERRORS | NOT_FOUND},
            "patch": {"summary": "Change a client", "operationId": "updateClient",
                      "requestBody": body("ClientUpdate"),
                      "responses": {"200": _json(_ref("Client"))} | ERRORS | NOT_FOUND | BODY_ERRORS}},
        "/clients/{client_id}/assessments": {
            "parameters": [CLIENT_ID],
            "get": {"summary": "A client's assessments, newest first", "operationId": "listAssessments",
                    "responses": {"200": _json(_array("Assessment"))} | ERRORS | NOT_FOUND},
            "post": {"summary": "Record an assessment; returns its findings", "operationId": "createAssessment",
                     "requestBody": body("AssessmentCreate"),
                     "responses": {"201": _json(_ref("Assessment"), "Created")} | ERRORS | NOT_FOUND | BODY_ERRORS}},
        "/clients/{client_id}/assessments/{assessment_id}": {
            "parameters": [CLIENT_ID, _path_id("assessment_id")],
            "get": {"summary": "One assessment", "operationId": "getAssessment",
                    "responses": {"200": _json(_ref("Assessment"))} | ERRORS | NOT_FOUND}},
    }
    program_id, item_id, session_id = _path_id("program_id"), _path_id("item_id"), _path_id("session_id")
    conflict = {"409": _json(_ref("Error"), "Not allowed in the program's state")}
    program_ok = {"200": _json(_ref("Program"))}
    paths |= {
        "/clients/{client_id}/programs": {
            "parameters": [CLIENT_ID],
            "get": {"summary": "A client's programs, newest first", "operationId": "listPrograms",
                    "responses": {"200": _json(_array("ProgramSummary"))} | ERRORS | NOT_FOUND},
            "post": {"summary": "Generate a draft program from an assessment", "operationId": "createProgram",
                     "requestBody": body("ProgramCreate"),
                     "responses": {"201": _json(_ref("Program"), "Created")} | ERRORS | NOT_FOUND | BODY_ERRORS}},
        "/programs/{program_id}": {
            "parameters": [program_id],
            "get": {"summary": "One program", "operationId": "getProgram",
                    "responses": program_ok | ERRORS | NOT_FOUND}},
        "/programs/{program_id}/items/{item_id}": {
            "parameters": [program_id, item_id],
            "patch": {"summary": "Swap, re-dose, move, or lock an item", "operationId": "updateProgramItem",
                      "requestBody": body("ItemUpdate"),
                      "responses": program_ok | ERRORS | NOT_FOUND | BODY_ERRORS | conflict},
            "delete": {"summary": "Remove an item", "operationId": "deleteProgramItem",
                       "responses": program_ok | ERRORS | NOT_FOUND | conflict}},
        "/programs/{program_id}/items/{item_id}/alternatives": {
            "parameters": [program_id, item_id],
            "get": {"summary": "Exercises that could replace an item, and why", "operationId": "itemAlternatives",
                    "responses": {"200": _json(_array("Alternative"))} | ERRORS | NOT_FOUND}},
        "/programs/{program_id}/sessions/{session_id}/items": {
            "parameters": [program_id, session_id],
            "post": {"summary": "Add an exercise to a session", "operationId": "addProgramItem",
                     "requestBody": body("ItemCreate"),
                     "responses": {"201": _json(_ref("ProgramItem"), "Created")} | ERRORS | NOT_FOUND | BODY_ERRORS
                     | conflict}},
        "/programs/{program_id}/regenerate": {
            "parameters": [program_id],
            "post": {"summary": "Regenerate a draft with new parameters; locked items stay",
                     "operationId": "regenerateProgram",
                     "requestBody": {"required": False, "content": {"application/json": {
                         "schema": _ref("ProgramRegenerate")}}},
                     "responses": program_ok | ERRORS | NOT_FOUND | BODY_ERRORS | conflict}},
        "/programs/{program_id}/publish": {
            "parameters": [program_id],
            "post": {"summary": "Make the program the client's active one; the previous is archived",
                     "operationId": "publishProgram", "responses": program_ok | ERRORS | NOT_FOUND | conflict}},
        "/programs/{program_id}/changes": {
            "parameters": [program_id],
            "get": {"summary": "Every change to the program: who, when, what", "operationId": "programChanges",
                    "responses": {"200": _json(_array("ProgramChange"))} | ERRORS | NOT_FOUND}},
    }
    paths |= {
        "/clients/{client_id}/messages": {
            "parameters": [CLIENT_ID],
            "get": {"summary": "The SMS conversation, oldest first", "operationId": "listMessages",
                    "responses": {"200": _json(_array("Message"))} | ERRORS | NOT_FOUND},
            "post": {"summary": "Send a message from the trainer (409 if the client opted out)",
                     "operationId": "sendMessage", "requestBody": body("ManualMessage"),
                     "responses": {"201": _json(_ref("Message"), "Queued")} | ERRORS | NOT_FOUND | BODY_ERRORS
                     | {"409": _json(_ref("Error"), "The client cannot be messaged")}}},
        "/clients/{client_id}/checkins": {
            "parameters": [CLIENT_ID],
            "get": {"summary": "Pain check-ins, by date", "operationId": "listCheckIns",
                    "responses": {"200": _json(_array("CheckIn"))} | ERRORS | NOT_FOUND},
            "post": {"summary": "Record a check-in taken by phone or in person", "operationId": "createCheckIn",
                     "requestBody": body("CheckInCreate"),
                     "responses": {"201": _json(_ref("CheckIn"), "Created")} | ERRORS | NOT_FOUND | BODY_ERRORS}},
        "/clients/{client_id}/report": {
            "parameters": [CLIENT_ID],
            "get": {"summary": "The progress report: pain against baseline, adherence, relief status, flares, "
                               "session load",
                    "operationId": "getReport", "responses": {"200": _json(_ref("Report"))} | ERRORS | NOT_FOUND}},
        "/clients/{client_id}/report.csv": {
            "parameters": [CLIENT_ID],
            "get": {"summary": "The raw series behind the report, as CSV", "operationId": "getReportCsv",
                    "responses": {"200": {"description": "CSV: " + ", ".join(CSV_COLUMNS),
                                          "content": {"text/csv": {"schema": {"type": "string"}}}}}
                    | ERRORS | NOT_FOUND}},
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "Corrective exercise planner API", "version": "1"},
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearer": []}],
        "paths": paths,
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": schemas,
            "responses": {
                "Unauthorized": _json(_ref("Error"), "Missing or invalid API token"),
                "NotFound": _json(_ref("Error"), "No such resource among yours"),
                "Invalid": _json(_ref("ValidationErrors"), "Bad input; nothing was written"),
                "BadJson": _json(_ref("Error"), "The body is not JSON; nothing was written"),
                "TooLarge": _json(_ref("Error"), "The body is larger than the server accepts; nothing was written"),
            },
        },
    }


@bp.get("/openapi.json")
def openapi():
    return jsonify(openapi_document())
