"""JSON errors for the API: 401, 404, 405, 422, and a 400 for broken JSON."""
from __future__ import annotations

import json

from flask import jsonify, request
from werkzeug.exceptions import HTTPException

from pydantic import ValidationError

from planner.validation import InputError, errors_from
from planner.api.blueprint import bp


class Unauthorized(Exception):
    def __init__(self, message: str):
        self.message = message


def json_body() -> dict:
    """The request's JSON object, or a 400/422 that says what is wrong."""
    if not request.data:
        raise InputError({"body": "is required: send a JSON object"})
    try:
        data = json.loads(request.data)
    except RecursionError:  # nested deeper than the parser's stack
        raise InputError({"body": f"is nested too deeply (at most {MAX_JSON_DEPTH} levels)"}) from None
    except ValueError:
        raise _BadJson() from None
    if not isinstance(data, dict):
        raise InputError({"body": "must be a JSON object"})
    if json_depth(data) > MAX_JSON_DEPTH:
        raise InputError({"body": f"is nested too deeply (at most {MAX_JSON_DEPTH} levels)"})
    return data


# No request of ours nests deeper than a few levels; a bound keeps a
# crafted body from costing the server a deep recursion.
MAX_JSON_DEPTH = 16


def json_depth(value) -> int:
    """How deeply lists and objects nest in `value`, found without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, (dict, list)):
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in (node.values() if isinstance(node, dict) else node))
    return deepest


class _BadJson(Exception):
    pass


def validated_body(model):
    """The request's JSON object, checked by a pydantic model; 422 naming
    every bad field otherwise."""
    try:
        return model.model_validate(json_body())
    except ValidationError as exc:
        raise InputError(errors_from(exc)) from None


@bp.app_errorhandler(InputError)
def _input_error(exc: InputError):
    return jsonify(errors=exc.errors), 422


@bp.app_errorhandler(_BadJson)
def _bad_json(exc):
    return jsonify(error="request body is not valid JSON"), 400


@bp.app_errorhandler(Unauthorized)
def _unauthorized(exc: Unauthorized):
    response = jsonify(error=exc.message)
    response.headers["WWW-Authenticate"] = 'Bearer realm="planner"'
    return response, 401


@bp.app_errorhandler(HTTPException)
def _http_error(exc: HTTPException):
    if not request.path.startswith(bp.url_prefix + "/") and request.path != bp.url_prefix:
        return exc
    messages = {404: "not found", 405: "method not allowed", 413: "the request body is too large"}
    response = jsonify(error=messages.get(exc.code, exc.description))
    # Keep what the exception says beyond its page, e.g. 405's Allow (RFC 9110).
    for name, value in exc.get_headers():
        if name.lower() != "content-type":
            response.headers[name] = value
    return response, exc.code
