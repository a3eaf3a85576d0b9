"""How many SMS segments a text takes, and how a practice's name is written
in texts so that it does not make every text cost more.

A text whose every character is in the GSM 7-bit default alphabet goes as
GSM-7: 160 characters in one segment, 153 per segment when split (the
rest carries the concatenation header); the extension table's characters
take two places each. Any other character sends the whole text as UCS-2:
70 UTF-16 units in one segment, 67 per segment when split (3GPP TS 23.038
§6.2.1 and §6.2.1.1; Twilio counts the same way,
twilio.com/docs/glossary/what-sms-character-limit)."""
from __future__ import annotations

import unicodedata

# 3GPP TS 23.038 §6.2.1: the default alphabet (escape and the two line breaks included).
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
# §6.2.1.1: the extension table, each character sent as escape + one.
GSM7_EXTENSION = frozenset("^{}\\[~]|€\f")
GSM7_SINGLE, GSM7_PART = 160, 153
UCS2_SINGLE, UCS2_PART = 70, 67

# Characters a keyboard or a word processor puts in a name that have a plain
# GSM-7 twin; the same replacements as Twilio's Smart Encoding makes for them.
_LOOKALIKES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-",
                             "‐": "-", "‑": "-", "…": "...", "\u00a0": " ", "\u2009": " ", "·": "-"})


def is_gsm7(text: str) -> bool:
    return all(char in GSM7_BASIC or char in GSM7_EXTENSION for char in text)


def segments(text: str) -> int:
    """The number of segments the text is sent in."""
    if is_gsm7(text):
        length = sum(2 if char in GSM7_EXTENSION else 1 for char in text)
        return 1 if length <= GSM7_SINGLE else -(-length // GSM7_PART)
    units = len(text.encode("utf-16-le")) // 2
    return 1 if units <= UCS2_SINGLE else -(-units // UCS2_PART)


def gsm7_name(name: str) -> str:
    """The name as texts write it: curly quotes and dashes made plain, and
    accents that GSM-7 lacks dropped from their letters ("Zoë" -> "Zoe";
    "é", "ñ", "ü" are in GSM-7 and stay), so that one letter does not
    double the segments of every text. A name that still has characters
    outside GSM-7 (another script, an emoji) is kept as typed: its texts go
    as UCS-2, and the account page says so."""
    plain = name.translate(_LOOKALIKES)
    written = []
    for char in plain:
        if char in GSM7_BASIC or char in GSM7_EXTENSION:
            written.append(char)
            continue
        base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
        written.append(base if base and is_gsm7(base) else char)
    candidate = "".join(written)
    return candidate if is_gsm7(candidate) else name


def name_note(name: str) -> str | None:
    """What the trainer should know about how texts write the name, if the
    SMS alphabet changes anything."""
    written = gsm7_name(name)
    if not is_gsm7(written):
        return ("Some of its characters are outside the SMS alphabet (GSM-7), so every text naming it goes as "
                "UCS-2: 70 characters a segment instead of 160, so most texts cost two to four segments.")
    if written != name:
        return (f"Texts write it as “{written}”: a letter outside the SMS alphabet (GSM-7) would make every text "
                "cost twice the segments.")
    return None
