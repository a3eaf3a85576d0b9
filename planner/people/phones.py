"""Phone numbers, read and checked with Google's libphonenumber (phonenumbers)."""
from __future__ import annotations

import phonenumbers

from planner.validation import quoted


def to_e164(raw: str, default_region: str | None = None) -> str:
    """The number in E.164, or ValueError saying what is wrong with it."""
    text = raw.strip()
    if not text:
        raise ValueError("must not be empty")
    try:
        number = phonenumbers.parse(text, None if text.startswith("+") else default_region)
    except phonenumbers.NumberParseException:
        if not text.startswith("+") and default_region is None:
            raise ValueError(f"{quoted(raw)} needs its country code, in international format like "
                             "+14155552671") from None
        raise ValueError(f"{quoted(raw)} is not a phone number") from None
    if not phonenumbers.is_valid_number(number):
        raise ValueError(f"{quoted(raw)} is not a real phone number")
    if number.extension:
        # An extension cannot receive SMS; dropping it silently would text
        # the switchboard's line instead of the client.
        raise ValueError(f"{quoted(raw)} has an extension ({number.extension}): a text message cannot reach an "
                         "extension, so give the client's own mobile number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
