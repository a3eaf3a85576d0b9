"""The password rule, one for every place a password is chosen (`planner
trainer create`, the account page, any future sign-up).

NIST SP 800-63B §5.1.1.2 asks verifiers to refuse passwords found in lists
of commonly used, expected or compromised values and to impose no
composition rules (no "one digit, one symbol"); OWASP ASVS 4.0.3 V2.1 asks
for at least 12 characters (2.1.1), allows up to 128 (2.1.2) and checks
against breached passwords (2.1.7). zxcvbn does the list check: it matches
the password against the common and breached-password lists it ships
(and the trainer's own email and name) and estimates how many guesses
cracking it takes.
"""
from __future__ import annotations

import re

from zxcvbn import zxcvbn

MIN_LENGTH = 12  # OWASP ASVS 4.0.3 2.1.1 (NIST SP 800-63B's floor is 8)
MAX_LENGTH = 128  # OWASP ASVS 4.0.3 2.1.2: allow at least 64, refuse more than 128
# zxcvbn's scale: 3 is "safely unguessable" (under 10^10 guesses is 2 or
# less). Asking for 3 is our product choice, the usual cut-off.
MIN_SCORE = 3
# zxcvbn refuses longer input (its matching grows with the square of the
# length); past this the strength of the start is a lower bound of the whole.
ZXCVBN_MAX_LENGTH = 72
_SPACE_RUNS = re.compile(r" {2,}")
_WORDS = re.compile(r"[\w']+")


def counted_length(password: str) -> int:
    """The length as ASVS 2.1.1 counts it: a run of spaces counts as one."""
    return len(_SPACE_RUNS.sub(" ", password))


def user_inputs(email: str, name: str) -> list[str]:
    """What zxcvbn treats as easy to guess for this person: their email,
    its parts and the words of their name."""
    return [email, *_WORDS.findall(email), name, *_WORDS.findall(name)]


def password_problem(password: str, email: str = "", name: str = "") -> str | None:
    """None when the password may be used; else what is wrong with it, in
    plain words, to follow "password" or sit beside the password field."""
    if not password:
        return "must not be empty"
    length = counted_length(password)
    if length < MIN_LENGTH:
        spaces = ", counting a run of spaces as one" if length != len(password) else ""
        return (f"is too short: it has {length} character{'s' if length != 1 else ''}{spaces}, "
                f"and at least {MIN_LENGTH} are needed (OWASP ASVS 2.1.1). A few uncommon words make a good one.")
    if len(password) > MAX_LENGTH:
        return f"is too long: at most {MAX_LENGTH} characters (OWASP ASVS 2.1.2)"
    found = zxcvbn(password[:ZXCVBN_MAX_LENGTH], user_inputs=user_inputs(email, name))
    if found["score"] >= MIN_SCORE:
        return None
    return (f"is too easy to guess: {_why(found)} (checked against lists of common and breached passwords, "
            "as NIST SP 800-63B §5.1.1.2 and OWASP ASVS 2.1.7 ask)")


def _why(found: dict) -> str:
    reasons = []
    if any(match.get("dictionary_name") == "user_inputs" for match in found["sequence"]):
        reasons.append("It contains your email or name.")
    feedback = found["feedback"]
    if feedback["warning"]:
        reasons.append(feedback["warning"].rstrip(".") + ".")
    reasons += feedback["suggestions"] or ["Add another word or two. Uncommon words are better."]
    return " ".join(reasons)
