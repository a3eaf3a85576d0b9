"""Reading a client's SMS reply: a carrier keyword, or a check-in said in
plain words ("3 y", "done, pain 2", "knee is pretty sore today, maybe a 7,
skipped it"). Plain functions over plain data, no Flask; the words it reads
by are data (planner/messaging/reply_words.py).

Which field a number fills depends on the question the reply answers
(planner/messaging/texts.py):
- DAY (a reminder, or no recent prompt): usual pain and y/n, "3 y".
- SESSION_EVENING (the evening prompt of a session day): usual pain, then
  pain during the exercises, "3 4" (giving exercise pain says it was
  done), or the day's forms, "3 y", "3 n".
- WAKING (the morning after a session): one number, pain on waking, "2";
  anything else is read as DAY, so "3 y" still works.

Which numbers are pain scores: a number 0-10 beside a pain word ("pain 7",
"sore, 4"), marked out of 10 ("7/10", "7 out of 10"), or standing alone
("maybe a 7"). A number counting something ("3 sets", "15 reps", "7am",
"day 3") is none, unless a pain word sits beside it. Two different scores
("pain was 3 yesterday, 5 today", "back 4, neck 6"; a second number only
means exercise pain after the evening prompt), a score out of 0-10, a wide
range or a "yes" with a "no" leave that field unclear: the reply is
answered with one question, and whatever else it said clearly is kept.

Keywords follow the carriers' and Twilio's standard set (shared/DOMAIN.md):
they count only when they are the whole message.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from planner.messaging import reply_words as words

OPT_OUT_KEYWORDS = frozenset({"stop", "stopall", "unsubscribe", "cancel", "end", "quit"})
OPT_IN_KEYWORDS = frozenset({"start", "unstop", "yes"})
HELP_KEYWORDS = frozenset({"help", "info"})
# Ours, not a carrier's: texts back the link to the client's session page.
LINK_KEYWORDS = frozenset({"link"})
MIN_PAIN, MAX_PAIN = words.MIN_PAIN, words.MAX_PAIN

DAY, SESSION_EVENING, WAKING = "day", "session_evening", "waking"
PAIN, DONE = "pain", "done"  # the fields a reply can leave unclear


@dataclass(frozen=True)
class Keyword:
    kind: str  # opt_out, opt_in, help, link


@dataclass(frozen=True)
class CheckInReply:
    pain: int | None
    done: bool | None
    exercise_pain: int | None = None  # during the session
    morning_pain: int | None = None  # on waking


@dataclass(frozen=True)
class Reading:
    """What a reply says for sure, and what it spoke of unclearly."""
    checkin: CheckInReply | None  # None: nothing said for sure
    unclear: frozenset[str] = frozenset()  # PAIN, DONE
    acknowledgment: bool = False  # "thanks", "ok": nothing to record, nothing to ask

    @property
    def needs_question(self) -> bool:
        return not self.acknowledgment and (bool(self.unclear) or self.checkin is None)


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


# ---- tokens ---------------------------------------------------------------

_SYMBOLS = "".join(sorted(words.DONE_SYMBOLS | words.NOT_DONE_SYMBOLS))
_TOKEN = re.compile(r"[0-9]{1,2}:[0-9]{2}"  # a time of day: no score
                    r"|(?<![0-9])-[0-9]+"  # a negative number: no score either
                    r"|[0-9]+(?:\.[0-9]+)?|[a-z]+|[-–—/]|[,.;:!?()\n]"
                    rf"|[{re.escape(_SYMBOLS)}]")
_STOPS = frozenset(",.;:!?()\n")
_NEGATED_AUXILIARY = re.compile(r"\b(did|could|have|had|was|do|does|should|would)\s+not\b")


@dataclass(eq=False)  # compared by identity, so never equal to (or hashed like) a word
class _Number:
    value: int | None  # None: not a whole number of at most two digits
    low: int | None = None  # a range's lower end ("6-7"), or a decimal's whole part
    spelled: str | None = None  # the number word it was written as
    scored: bool = False  # "/10", "out of 10"
    zero_phrase: bool = False  # "no pain"


@dataclass(frozen=True)
class _Marker:
    kind: str  # done, not_done, negative, stop


def _number(text: str) -> _Number:
    whole, _, fraction = text.partition(".")
    if len(whole) > 2:
        return _Number(None)  # "100", thousands of digits: no score, and int() is not asked to read them
    if fraction and int(fraction):
        return _Number(int(whole) + 1, low=int(whole))  # "6.5": between 6 and 7
    return _Number(int(whole))


def _tokens(text: str) -> list:
    """Words (str), numbers (_Number) and markers, in order."""
    text = re.sub(r"['’‘`]", "", text.lower())
    text = _NEGATED_AUXILIARY.sub(r"\1nt", text)  # "did not" reads as "didnt"
    tokens: list = []
    for raw in _TOKEN.findall(text):
        if raw[0].isdigit() and ":" in raw:
            tokens.append("o'clock")  # a word no list holds: it separates nothing and counts nothing
        elif raw.startswith("-") and len(raw) > 1:
            tokens.append(_Marker("negative"))
        elif raw[0].isdigit():
            tokens.append(_number(raw))
        elif raw in words.NUMBER_WORDS:
            tokens.append(_Number(words.NUMBER_WORDS[raw], spelled=raw))
        elif raw in words.DONE_SYMBOLS:
            tokens.append(_Marker("done"))
        elif raw in words.NOT_DONE_SYMBOLS:
            tokens.append(_Marker("not_done"))
        elif raw in _STOPS:
            tokens.append(_Marker("stop"))
        else:
            tokens.append(raw)
    return _joined_numbers(tokens)


def _is_ten(token) -> bool:
    return isinstance(token, _Number) and token.value == 10 and token.low is None


def _joined_numbers(tokens: list) -> list:
    """Ranges ("6-7", "3 or 4") become one number; "/10", "out of 10" and
    "of 10" mark the number before them as a score."""
    joined: list = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if isinstance(token, _Number):
            if i + 2 < len(tokens) and tokens[i + 1] in words.RANGE_JOINERS and isinstance(tokens[i + 2], _Number):
                other = tokens[i + 2]
                ends = [token.value, other.value]
                token = _Number(None if None in ends else max(ends), None if None in ends else min(ends))
                i += 2
            rest = tokens[i + 1:i + 4]
            for marker in (["/"], ["out", "of"], ["of"]):
                if rest[:len(marker)] == marker and len(rest) > len(marker) and _is_ten(rest[len(marker)]):
                    token.scored = True
                    i += len(marker) + 1
                    break
        joined.append(token)
        i += 1
    return joined


# ---- answers --------------------------------------------------------------

def _answer_words(tokens: list) -> list:
    """Words turned into done / not-done markers, phrases read first; "no
    pain" becomes a pain-worded 0."""
    out: list = []
    negated_until = -1
    i = 0
    while i < len(tokens):
        token = tokens[i]
        pair, triple = tuple(tokens[i:i + 2]), tuple(tokens[i:i + 3])
        if not isinstance(token, str):
            out.append(token)
        elif triple in words.ZERO_PAIN_PHRASES:
            out += [_Number(0, zero_phrase=True), "pain"]
            i += 2
        elif pair in words.ZERO_PAIN_PHRASES:
            out += [_Number(0, zero_phrase=True), "pain"]
            i += 1
        elif pair in words.NOT_AN_ANSWER_PHRASES:
            i += 1
        elif pair in words.NOT_DONE_PHRASES:
            out.append(_Marker("not_done"))
            i += 1
        elif token in words.NEGATIONS:
            ahead = _clause(tokens[i + 1:i + 1 + words.NEGATION_REACH])
            hurts = next((j for j, t in enumerate(ahead) if t in words.PAIN_WORDS), None)
            did = next((j for j, t in enumerate(ahead) if t in words.DONE_WORDS), None)
            if hurts is not None and (did is None or hurts < did):
                pass  # "didn't hurt", "not sore": nothing about the session
            elif did is not None or token in words.NOT_DONE_WORDS:
                out.append(_Marker("not_done"))
                negated_until = i + 1 + did if did is not None else i
        elif token in words.DONE_WORDS:
            if i > negated_until:
                out.append(_Marker("done"))
        elif token in words.NOT_DONE_WORDS:
            out.append(_Marker("not_done"))
        else:
            out.append(token)
        i += 1
    return out


def _clause(tokens: list) -> list:
    """The tokens up to the first comma or full stop."""
    for j, token in enumerate(tokens):
        if token == _Marker("stop"):
            return tokens[:j]
    return tokens


@dataclass(frozen=True)
class _Score:
    value: int
    pain_worded: bool
    exercise_worded: bool


def _scores(tokens: list) -> tuple[list[_Score], bool]:
    """The pain scores in order, and whether a number that may be one could not be read."""
    scores: list[_Score] = []
    unreadable = False
    plain_out_of_range = False
    alone = sum(1 for t in tokens if t != _Marker("stop")) == 1
    for i, token in enumerate(tokens):
        if token == _Marker("negative"):
            unreadable = True
        if not isinstance(token, _Number):
            continue
        before = [t for t in reversed(_clause(list(reversed(tokens[max(0, i - words.LABEL_REACH_BEFORE):i]))))
                  if isinstance(t, str)]
        after = [t for t in _clause(tokens[i + 1:i + 1 + words.LABEL_REACH_AFTER]) if isinstance(t, str)]
        pain_worded = token.scored or token.zero_phrase or any(w in words.PAIN_WORDS for w in before + after)
        exercise_worded = any(w in words.EXERCISE_WORDS for w in before)
        counts = (i + 1 < len(tokens) and tokens[i + 1] in words.UNIT_WORDS) or \
                 (i > 0 and tokens[i - 1] in words.COUNT_BEFORE_WORDS)
        if counts and not pain_worded:
            continue  # "3 sets", "15 reps"
        if token.spelled in words.NUMBER_WORDS_NEEDING_A_LABEL and not (pain_worded or alone):
            continue  # "the one with the band"
        in_range = token.value is not None and MIN_PAIN <= token.value <= MAX_PAIN
        too_wide = token.low is not None and token.value - token.low > words.RANGE_MAX_SPREAD
        if not in_range or too_wide:
            if pain_worded or too_wide:
                unreadable = True
            else:
                plain_out_of_range = True
            continue
        scores.append(_Score(token.value, pain_worded, exercise_worded))
    if plain_out_of_range and not any(s.pain_worded for s in scores):
        unreadable = True  # "11", "15" alone: a typo, or a count; asked, not guessed
    return scores, unreadable


def read_reply(text: str, answering: str = DAY) -> Reading:
    """What a reply to the `answering` question says (see the module docstring)."""
    unclear: set[str] = set()
    if any(char.isnumeric() and not char.isascii() for char in text):
        unclear.add(PAIN)  # "²", "٣": a number we cannot be sure we read right is asked about
    tokens = _answer_words(_tokens(text))
    scores, unreadable = _scores(tokens)
    if unreadable:
        unclear.add(PAIN)
    votes = {t.kind == "done" for t in tokens if isinstance(t, _Marker) and t.kind in ("done", "not_done")}
    done = next(iter(votes)) if len(votes) == 1 else None
    if len(votes) > 1:
        unclear.add(DONE)
    pain = exercise_pain = None
    if PAIN not in unclear:
        pain, exercise_pain = _pain_scores(scores, answering, unclear)
    if exercise_pain is not None:
        if done is False:
            unclear |= {PAIN, DONE}  # pain during exercises not done: a contradiction for the trainer
            pain = exercise_pain = done = None
        else:
            done = True
    if answering == WAKING and pain is not None and done is None and exercise_pain is None and not unclear:
        return Reading(CheckInReply(None, None, morning_pain=pain))
    checkin = CheckInReply(pain, done, exercise_pain) if (pain, done, exercise_pain) != (None, None, None) else None
    acknowledgment = checkin is None and not unclear and _only_acknowledges(tokens)
    return Reading(checkin, frozenset(unclear), acknowledgment)


def _pain_scores(scores: list[_Score], answering: str, unclear: set[str]) -> tuple[int | None, int | None]:
    """Usual pain and, after the evening prompt, pain during the exercises."""
    if answering == SESSION_EVENING:
        during = [s for s in scores if s.exercise_worded]
        usual = [s for s in scores if not s.exercise_worded]
        if len(during) == 1 and len({s.value for s in usual}) <= 1:
            return (usual[0].value if usual else None), during[0].value
        if not during and len(usual) == 2:
            return usual[0].value, usual[1].value
    values = {s.value for s in scores}
    if len(values) > 1:
        unclear.add(PAIN)
        return None, None
    return next(iter(values), None), None


def _only_acknowledges(tokens: list) -> bool:
    said = [t for t in tokens if t != _Marker("stop")]
    return bool(said) and all(isinstance(t, str) and t in words.ACKNOWLEDGMENT_WORDS for t in said)


def parse_checkin(text: str, answering: str = DAY) -> CheckInReply | None:
    """The check-in a reply holds when all it says is clear; None otherwise."""
    reading = read_reply(text, answering)
    return None if reading.unclear else reading.checkin


# What the one question back asks about (texts.clarifying_question).
ASK_PAIN_AND_DONE, ASK_PAIN, ASK_DONE, ASK_EVENING, ASK_WAKING = "pain_and_done", "pain", "done", "evening", "waking"


def question_about(reading: Reading, answering: str) -> str:
    """What to ask about an unclear reply: what it left unclear, in the
    words of the question it answered; both pain and y/n when it said nothing."""
    if reading.unclear == {DONE}:
        return ASK_DONE
    if answering == SESSION_EVENING:
        return ASK_EVENING
    if answering == WAKING and DONE not in reading.unclear:
        return ASK_WAKING
    nothing_said = reading.checkin is None and not reading.unclear
    return ASK_PAIN_AND_DONE if nothing_said or DONE in reading.unclear else ASK_PAIN


def corrected_fields(before: CheckInReply, after: CheckInReply) -> tuple[str, ...]:
    """The fields a later answer gives a different value from the earlier one
    ("3 y", then "5 y": pain). A field given only now is completed, not corrected."""
    return tuple(name for name in ("pain", "done", "exercise_pain", "morning_pain")
                 if getattr(after, name) is not None and getattr(before, name) is not None
                 and getattr(after, name) != getattr(before, name))
