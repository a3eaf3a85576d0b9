"""Posted form fields as the typed values the API's pydantic models expect.

HTML forms send every value as text; the API's models are strict on
purpose, so the web app converts here and names any field it cannot read.
"""
from __future__ import annotations

from pydantic import BaseModel, ValidationError

from planner.validation import InputError, errors_from


def whole_numbers(form, names: tuple[str, ...]) -> tuple[dict, dict]:
    """({name: int}, {name: error}); an empty field is left out."""
    values: dict[str, int] = {}
    errors: dict[str, str] = {}
    for name in names:
        raw = (form.get(name) or "").strip()
        if raw == "":
            continue
        try:
            values[name] = int(raw)
        except ValueError:
            errors[name] = f"must be a whole number (got {raw!r})"
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
