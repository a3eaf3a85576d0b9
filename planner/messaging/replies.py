"""Reading a client's SMS reply: a carrier keyword, or a check-in such as
"3 y" (pain 3/10, session done). Plain functions, no Flask.

Which field a number fills depends on the question the reply answers
(planner/messaging/texts.py), so a reply stays one or two numbers:
- DAY (a reminder, or no recent prompt): usual pain and y/n, "3 y".
- SESSION_EVENING (the evening prompt of a session day): usual pain, then
  pain during the exercises, "3 4" (giving exercise pain says it was
  done), or the day's forms, "3 y", "3 n".
- WAKING (the morning after a session): one number, pain on waking, "2";
  anything else is read as DAY, so "3 y" still works.
Two numbers mean something only after the evening prompt: elsewhere they
are ambiguous and the reply is left for the trainer.

Keywords follow the carriers' and Twilio's standard set (shared/DOMAIN.md):
they count only when they are the whole message.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from planner.validation import whole_number

OPT_OUT_KEYWORDS = frozenset({"stop", "stopall", "unsubscribe", "cancel", "end", "quit"})
OPT_IN_KEYWORDS = frozenset({"start", "unstop", "yes"})
HELP_KEYWORDS = frozenset({"help", "info"})
# Ours, not a carrier's: texts back the link to the client's session page.
LINK_KEYWORDS = frozenset({"link"})

NUMBER_WORDS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "nil": 0, "none": 0}
DONE_WORDS = frozenset({"y", "yes", "yep", "yeah", "yup", "done", "did", "completed", "finished"})
NOT_DONE_WORDS = frozenset({"n", "no", "nope", "not", "skipped", "skip", "missed", "didnt"})
# Words that carry no answer of their own: "pain 7", "7 out of 10", "done today".
FILLER_WORDS = frozenset({"pain", "is", "was", "at", "a", "my", "it", "its", "i", "and", "today", "out", "of",
                          "score", "level", "the", "session", "workout", "exercises", "/10"})
MIN_PAIN, MAX_PAIN = 0, 10

DAY, SESSION_EVENING, WAKING = "day", "session_evening", "waking"


@dataclass(frozen=True)
class Keyword:
    kind: str  # opt_out, opt_in, help, link


@dataclass(frozen=True)
class CheckInReply:
    pain: int | None
    done: bool | None
    exercise_pain: int | None = None  # during the session
    morning_pain: int | None = None  # on waking


def _words(text: str) -> list[str]:
    text = text.lower().replace("’", "'").replace("'", "")
    text = re.sub(r"(\d+)\s*(?:/|out of)\s*10\b", r"\1 /10", text)  # "7/10", "7 out of 10" -> "7", "/10"
    return re.findall(r"/10|[a-z]+|\d+", text)


def keyword(text: str) -> Keyword | None:
    """The keyword the whole message is, if it is one."""
    word = re.sub(r"[^a-z]", "", text.strip().lower())
    if not word or len(text.strip().split()) != 1:
        return None
    if word in OPT_OUT_KEYWORDS:
        return Keyword("opt_out")
    if word in OPT_IN_KEYWORDS:
        return Keyword("opt_in")
    if word in HELP_KEYWORDS:
        return Keyword("help")
    if word in LINK_KEYWORDS:
        return Keyword("link")
    return None


def _answers(text: str) -> tuple[list[int], set[bool]] | None:
    """The numbers 0-10 in order and the y/n answers; None when the text
    holds anything else."""
    if re.search(r"-\s*\d", text):
        return None  # a negative number is no pain score
    if any(char.isnumeric() and not char.isascii() for char in text):
        return None  # "²", "٣": a number we cannot be sure we read right is left for the trainer
    pains: list[int] = []
    dones: set[bool] = set()
    for word in _words(text):
        if word.isdigit():
            pain = whole_number(word, MIN_PAIN, MAX_PAIN)
            if pain is None:
                return None  # no pain score, however many digits it has
            pains.append(pain)
        elif word in NUMBER_WORDS:
            pains.append(NUMBER_WORDS[word])
        elif word in DONE_WORDS:
            dones.add(True)
        elif word in NOT_DONE_WORDS:
            dones.add(False)
        elif word not in FILLER_WORDS:
            return None
    return pains, dones


def parse_checkin(text: str, answering: str = DAY) -> CheckInReply | None:
    """The check-in a reply to the `answering` question holds (see the
    module docstring); None when the reply says anything else (so it is
    kept for the trainer rather than guessed at)."""
    found = _answers(text)
    if found is None:
        return None
    pains, dones = found
    if len(dones) > 1 or not (pains or dones):
        return None
    done = next(iter(dones), None)
    if answering == WAKING and len(pains) == 1 and done is None:
        return CheckInReply(None, None, morning_pain=pains[0])
    if answering == SESSION_EVENING and len(pains) == 2:
        if done is False:
            return None  # pain during exercises not done: a contradiction for the trainer to read
        return CheckInReply(pains[0], True, exercise_pain=pains[1])
    if len(set(pains)) > 1:
        return None
    return CheckInReply(next(iter(pains), None), done)
