"""The OpenAPI 3.1 document of API v1, served at /api/v1/openapi.json.

Request schemas come from the pydantic models that validate the requests,
so the document cannot drift from what the API accepts.
"""
from __future__ import annotations

from functools import lru_cache

from flask import jsonify
from pydantic.json_schema import models_json_schema

from planner.progress.client_progress import CSV_COLUMNS
from planner.vocabularies import PHASES
from planner.api.blueprint import bp
from planner.api.openapi_schemas import REF, RESPONSE_SCHEMAS, ref as _ref
from planner.inputs import (AssessmentCreate, CheckInCreate, ClearanceCreate, ClientCreate, ClientUpdate, ItemCreate,
                            ItemUpdate, ManualMessage, ProgramCopy, ProgramCreate, ProgramRegenerate, TemplateCreate,
                            VideoLinkCreate)
from planner.library.photos import ACCEPTED, PHOTO_FORMATS


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
SLUG = {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}


def _array(name: str) -> dict:
    return {"type": "array", "items": _ref(name)}


@lru_cache(maxsize=1)
def openapi_document() -> dict:
    _, request_schemas = models_json_schema(
        [(m, "validation") for m in (ClientCreate, ClientUpdate, AssessmentCreate, ClearanceCreate, ProgramCreate,
                                      ProgramRegenerate, ItemUpdate, ItemCreate, ManualMessage, CheckInCreate,
                                      VideoLinkCreate, TemplateCreate, ProgramCopy)], ref_template=REF)
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
            "parameters": [SLUG],
            "responses": {"200": _json(_ref("Exercise"))} | ERRORS | NOT_FOUND}},
        "/exercises/{slug}/figure.svg": {"get": {
            "summary": "The exercise's figure: the body map, front and back, with its primary and secondary muscles",
            "description": "Every muscle region carries data-muscle (its slug) and data-side; the exercise's "
                           "muscles add data-role, primary or secondary. Send If-None-Match with the ETag to get "
                           "304 while the library is unchanged.",
            "operationId": "getExerciseFigure",
            "parameters": [{"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}],
            "responses": {"200": {"description": "SVG", "headers": {
                              "ETag": {"schema": {"type": "string"}},
                              "Cache-Control": {"schema": {"type": "string"}}},
                              "content": {"image/svg+xml": {"schema": {"type": "string"}}}},
                          "304": {"description": "Not modified: the ETag sent is still current"}}
            | ERRORS | NOT_FOUND}},
        "/exercises/{slug}/media": {
            "parameters": [SLUG],
            "post": {"summary": f"Add your practice's own photo ({ACCEPTED}; re-encoded without its metadata, such "
                                "as GPS) or video link (https) to an exercise, built-in or yours; only your "
                                "practice and its clients see it",
                     "operationId": "addExerciseMedia",
                     "requestBody": {"required": True, "content": {
                         "multipart/form-data": {"schema": _ref("PhotoUpload"), "encoding": {
                             "file": {"contentType": ", ".join(mime for _, mime in PHOTO_FORMATS.values())}}},
                         "application/json": {"schema": _ref("VideoLinkCreate")}}},
                     "responses": {"201": _json(_ref("ExerciseMedia"), "Added")} | ERRORS | NOT_FOUND | BODY_ERRORS
                     | {"415": _json(_ref("Error"), f"Not a {ACCEPTED} image (whatever its name or declared type), "
                                                    "damaged, or neither multipart nor JSON; nothing was written"),
                        "503": _json(_ref("Error"), "The photo could not be stored; nothing was written")}}},
        "/exercises/{slug}/media/{media_id}": {
            "parameters": [SLUG, _path_id("media_id")],
            "delete": {"summary": "Delete one of your practice's photos (its file too) or video links",
                       "operationId": "deleteExerciseMedia",
                       "responses": {"204": {"description": "Deleted"}} | ERRORS | NOT_FOUND}},
        "/screening": {"get": {"summary": "Red flags (asked at each assessment) and precautions (recorded on the "
                                          "client), with their sources", "operationId": "listScreeningQuestions",
                               "responses": {"200": _json(_array("ScreeningQuestion"))} | ERRORS}},
        "/length-tests": {"get": {"summary": "Muscle length tests and the muscles a short result implicates",
                                  "operationId": "listLengthTests",
                                  "responses": {"200": _json(_array("LengthTest"))} | ERRORS}},
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
        "/assessments/{assessment_id}/clearance": {
            "parameters": [_path_id("assessment_id")],
            "post": {"summary": "Record a clinician's clearance to exercise despite the assessment's red flags",
                     "operationId": "clearAssessment", "requestBody": body("ClearanceCreate"),
                     "responses": {"201": _json(_ref("Assessment"), "Cleared")} | ERRORS | NOT_FOUND | BODY_ERRORS
                     | {"409": _json(_ref("Error"), "No red flag to clear, or already cleared")}}},
    }
    program_id, item_id, session_id = _path_id("program_id"), _path_id("item_id"), _path_id("session_id")
    conflict = {"409": _json(_ref("Error"), "Not allowed in the program's state")}
    program_ok = {"200": _json(_ref("Program"))}
    paths |= {
        "/clients/{client_id}/programs": {
            "parameters": [CLIENT_ID],
            "get": {"summary": "A client's programs, newest first", "operationId": "listPrograms",
                    "responses": {"200": _json(_array("ProgramSummary"))} | ERRORS | NOT_FOUND},
            "post": {"summary": "Generate a draft program from an assessment, or start it from one of your "
                                "templates (template_id) adapted to the client, with the changes made for them in "
                                "`adaptations` (409: red flags without a clearance)",
                     "operationId": "createProgram", "requestBody": body("ProgramCreate"),
                     "responses": {"201": _json(_ref("Program"), "Created")} | ERRORS | NOT_FOUND | BODY_ERRORS
                     | {"409": _json(_ref("Error"), "Refer before exercise: the assessment has uncleared red flags")}}},
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
            "post": {"summary": "Regenerate a draft with new parameters; locked items stay (409: not a draft, or red "
                             "flags without a clearance)",
                     "operationId": "regenerateProgram",
                     "requestBody": {"required": False, "content": {"application/json": {
                         "schema": _ref("ProgramRegenerate")}}},
                     "responses": program_ok | ERRORS | NOT_FOUND | BODY_ERRORS | conflict}},
        "/programs/{program_id}/publish": {
            "parameters": [program_id],
            "post": {"summary": "Make the program the client's active one; the previous is archived",
                     "operationId": "publishProgram", "responses": program_ok | ERRORS | NOT_FOUND | conflict}},
        "/programs/{program_id}/link/revoke": {
            "parameters": [program_id],
            "post": {"summary": "Stop the client's link to the session page; the next reminder carries a new one",
                     "operationId": "revokeProgramLink",
                     "responses": {"200": _json(_ref("ProgramLink"))} | ERRORS | NOT_FOUND}},
        "/programs/{program_id}/template": {
            "parameters": [program_id],
            "post": {"summary": "Save the program as a template of yours: its weeks, sessions, items and your edits, "
                               "and the findings it was built for, nothing personal about the client (422: the "
                               "name is taken)",
                     "operationId": "saveProgramAsTemplate", "requestBody": body("TemplateCreate"),
                     "responses": {"201": _json(_ref("Template"), "Saved")} | ERRORS | NOT_FOUND | BODY_ERRORS}},
        "/programs/{program_id}/copy": {
            "parameters": [program_id],
            "post": {"summary": "Copy the program to another client of yours as a draft, adapted to them like a "
                               "template (404: not your client; 409: red flags without a clearance)",
                     "operationId": "copyProgram", "requestBody": body("ProgramCopy"),
                     "responses": {"201": _json(_ref("Program"), "Copied")} | ERRORS | NOT_FOUND | BODY_ERRORS
                     | {"409": _json(_ref("Error"), "Refer before exercise: the assessment has uncleared red flags")}}},
        "/templates": {"get": {"summary": "Your program templates, by name", "operationId": "listTemplates",
                               "responses": {"200": _json(_array("TemplateSummary"))} | ERRORS}},
        "/templates/{template_id}": {
            "parameters": [_path_id("template_id")],
            "get": {"summary": "One template with its weeks, sessions and items", "operationId": "getTemplate",
                    "responses": {"200": _json(_ref("Template"))} | ERRORS | NOT_FOUND},
            "delete": {"summary": "Delete a template; programs started from it are unchanged",
                       "operationId": "deleteTemplate",
                       "responses": {"204": {"description": "Deleted"}} | ERRORS | NOT_FOUND}},
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
