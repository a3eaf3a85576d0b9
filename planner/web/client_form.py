"""The client form: from posted fields to the API's own pydantic models, so
the web app and the API accept and refuse exactly the same things."""
from __future__ import annotations

from typing import Callable

from planner.inputs import ClientCreate, ClientUpdate
from planner.validation import InputError
from planner.web.form_input import validated

TEXT_FIELDS = ("name", "phone", "timezone", "reminder_time", "checkin_time")


def client_fields(form) -> dict:
    """The posted values as the API would receive them. `<input type=time>`
    may send seconds ("08:00:00"); the API's format is HH:MM."""
    fields = {name: (form.get(name) or "").strip() for name in TEXT_FIELDS}
    for name in ("reminder_time", "checkin_time"):
        if len(fields[name]) == 8 and fields[name].endswith(":00"):
            fields[name] = fields[name][:5]
    fields["training_days"] = form.getlist("training_days")
    fields["sms_consent"] = form.get("sms_consent") == "yes"
    fields["auto_adjust"] = form.get("auto_adjust") == "yes"
    fields["precautions"] = form.getlist("precautions")
    return fields


def parse_client(fields: dict, creating: bool, check_phone: Callable[[str], object]):
    """The fields as a ClientCreate or ClientUpdate; a list's errors are
    shown beside the list (the day boxes), not beside one item of it. The
    phone is checked here too (`check_phone` raises InputError: not a
    number, or another client's), so its problem shows with every other
    (storing the client checks it again)."""
    errors = {}
    try:
        check_phone(fields["phone"])
    except InputError as exc:
        errors |= exc.errors
    try:
        return validated(ClientCreate if creating else ClientUpdate, fields, errors)
    except InputError as exc:
        raise InputError({path.split("[")[0]: message for path, message in exc.errors.items()}) from None
