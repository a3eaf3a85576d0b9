"""Turning validation failures into `{field path: message}` a person can act on,
and the strict readers of what people type: numbers in ASCII digits within
bounds, text without control characters.

Shared by the JSON API (422 bodies), the web forms and anything else that
checks input.
"""
from __future__ import annotations

import re

from pydantic import ValidationError

# The largest number a PostgreSQL `integer` column holds. Ids are such
# columns, so a larger id names no row; no number typed into a form or a
# query string means anything larger either.
MAX_INTEGER = 2**31 - 1
MAX_ID = MAX_INTEGER
# How much of a refused value a message quotes back: enough to recognise it.
QUOTED_LENGTH = 40
# C0 and C1 control characters: no text of ours holds them. NUL cannot be
# stored in PostgreSQL text at all; the others only hide what text says.
# Multi-line text keeps tab, newline and carriage return (browsers send
# textarea lines as CRLF).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class InputError(Exception):
    """Bad input: a mapping from field path to a message naming what is wrong."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


def field_path(loc: tuple) -> str:
    """('muscle_tests', 0, 'grade') -> 'muscle_tests[0].grade'."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += ("." if path else "") + str(part)
    return path


def quoted(value: object) -> str:
    """`value` as a message quotes it: its repr, cut short when long."""
    text = repr(value)
    if len(text) <= QUOTED_LENGTH:
        return text
    if isinstance(value, str):
        return repr(value[:QUOTED_LENGTH - 3] + "…")
    return text[:QUOTED_LENGTH - 1] + "…"


def _got(error: dict) -> str:
    value = error.get("input")
    if isinstance(value, (dict, list)) or value is None:
        return ""
    return f" (got {quoted(value)})"


def message_for(error: dict) -> str:
    """A plain-words message for one pydantic error."""
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        return "is not a known field"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return "must be a whole number" + _got(error)
    if kind == "bool_type":
        return "must be true or false" + _got(error)
    if kind == "string_type":
        return "must be a string" + _got(error)
    if kind == "list_type":
        return "must be a list"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "must be an object"
    if kind == "less_than_equal":
        return f"must be at most {ctx['le']}" + _got(error)
    if kind == "greater_than_equal":
        return f"must be at least {ctx['ge']}" + _got(error)
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"must be at most {ctx['max_length']} characters"
    if kind == "too_short":
        return f"must have at least {ctx['min_length']} item(s)"
    if kind == "string_pattern_mismatch":
        # A pattern is for programs; a person gets the field's own message
        # (its model's validator) or this one, never the expression.
        return "is not written the way this field expects" + _got(error)
    if kind == "literal_error":
        return f"must be one of: {ctx['expected']}" + _got(error)
    return error["msg"].removeprefix("Value error, ")


def errors_from(exc: ValidationError) -> dict[str, str]:
    errors: dict[str, str] = {}
    for error in exc.errors():
        errors.setdefault(field_path(error["loc"]) or "body", message_for(error))
    return errors


def whole_number(text: str | None, low: int, high: int) -> int | None:
    """The whole number `text` spells in ASCII digits when it lies in
    [low, high] (low >= 0), else None. `str.isdigit` and `int()` also take
    "²", "١٠" and numbers of thousands of digits; this parser does not."""
    text = (text or "").strip()
    if not text or len(text) > len(str(high)) or not (text.isascii() and text.isdigit()):
        return None
    value = int(text)
    return value if low <= value <= high else None


def id_number(text: str | None) -> int:
    """An id typed in a query string or a form: for `request.args.get(..., type=id_number)`,
    which falls back to the default on ValueError."""
    value = whole_number(text, 1, MAX_ID)
    if value is None:
        raise ValueError(f"{text!r} is not an id")
    return value


def control_character_problem(text: str, multiline: bool = False) -> str | None:
    """What is wrong with `text` if it holds a control character (tab and
    line breaks are allowed in `multiline` text), else None."""
    found = (_CONTROL_IN_TEXT if multiline else _CONTROL).search(text)
    if found is None:
        return None
    char = found.group()
    name = "NUL" if char == "\x00" else f"U+{ord(char):04X}"
    return f"must not contain control characters (found {name} at character {found.start() + 1})"


def single_line(text: str) -> str:
    """`text`, or ValueError if it holds a control character: for pydantic."""
    problem = control_character_problem(text)
    if problem:
        raise ValueError(problem)
    return text


def multi_line(text: str) -> str:
    """`text`, or ValueError if it holds a control character other than
    tab and line breaks: for pydantic."""
    problem = control_character_problem(text, multiline=True)
    if problem:
        raise ValueError(problem)
    return text


def search_text(text: str) -> str:
    """What a search box was given, without control characters: there they
    can only be noise, and NUL would break the query."""
    return _CONTROL.sub("", text)
