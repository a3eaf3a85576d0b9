"""Posted form fields as the typed values the API's pydantic models expect.

HTML forms send every value as text; the API's models are strict on
purpose, so the web app converts here and names any field it cannot read.
"""
from __future__ import annotations

from pydantic import BaseModel, ValidationError

from planner.validation import MAX_INTEGER, InputError, errors_from, quoted, whole_number


def whole_numbers(form, names: tuple[str, ...]) -> tuple[dict, dict]:
    """({name: int}, {name: error}); an empty field is left out. Digits
    0-9 only; the model then says which range a field takes."""
    values: dict[str, int] = {}
    errors: dict[str, str] = {}
    for name in names:
        raw = (form.get(name) or "").strip()
        if raw == "":
            continue
        value = whole_number(raw, 0, MAX_INTEGER)
        if value is None:
            errors[name] = f"must be a whole number (got {quoted(raw)})"
        else:
            values[name] = value
    return values, errors


def validated(model: type[BaseModel], fields: dict, errors: dict | None = None):
    """`model` built from `fields`, or InputError with every problem at once."""
    errors = dict(errors or {})
    try:
        body = model.model_validate({k: v for k, v in fields.items() if k not in errors})
    except ValidationError as exc:
        errors = errors_from(exc) | errors
        body = None
    if errors:
        raise InputError(errors)
    return body
