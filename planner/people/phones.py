"""Phone numbers, read and checked with Google's libphonenumber (phonenumbers)."""
from __future__ import annotations

import phonenumbers


def to_e164(raw: str, default_region: str | None = None) -> str:
    """The number in E.164, or ValueError saying what is wrong with it."""
    text = raw.strip()
    if not text:
        raise ValueError("must not be empty")
    try:
        number = phonenumbers.parse(text, None if text.startswith("+") else default_region)
    except phonenumbers.NumberParseException:
        if not text.startswith("+") and default_region is None:
            raise ValueError(f"{raw!r} needs its country code, in international format like +14155552671") from None
        raise ValueError(f"{raw!r} is not a phone number") from None
    if not phonenumbers.is_valid_number(number):
        raise ValueError(f"{raw!r} is not a real phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
