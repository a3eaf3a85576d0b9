"""The words a client's SMS reply is read by (planner/messaging/replies.py).

Data, not rules: every list is our product choice, drawn from the forms
clients actually type (the table in tests/unit/messaging/test_reply_forms.py
keeps the real-world forms they must read). Words are lower case and without
apostrophes ("didn't" is read as "didnt"). A word missing here is only
ignored: a reply that then says too little gets one question back, and the
trainer reads what stays unclear.
"""
from __future__ import annotations

# The 0-10 numeric pain rating scale the prompts ask for (texts.py).
MIN_PAIN, MAX_PAIN = 0, 10

NUMBER_WORDS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "nil": 0, "none": 0}
# Number words that are as often no number at all ("the one with the band",
# "none of them"): a pain score only beside a pain word, or as the whole reply.
NUMBER_WORDS_NEEDING_A_LABEL = frozenset({"one", "none", "nil"})

# "Did you do your session?"
DONE_WORDS = frozenset({"y", "yes", "yeah", "yea", "ya", "yep", "yup", "yas", "yess", "done", "did", "completed",
                        "complete", "finished", "trained"})
NOT_DONE_WORDS = frozenset({"n", "no", "nope", "nah", "skipped", "skip", "skipping", "missed", "didnt", "couldnt",
                            "havent", "forgot", "dnf"})
DONE_SYMBOLS = frozenset("✓✔✅👍💪")
NOT_DONE_SYMBOLS = frozenset("❌✗✘👎")
# Words that turn a following "done" word into "not done" ("not done",
# "didnt do it", "haven't finished"), or, before a pain word, say nothing
# about the session ("didn't hurt", "not sore"). "not" alone answers nothing:
# "not bad, 3" is a pain score.
NEGATIONS = frozenset({"not", "didnt", "couldnt", "cant", "havent", "hadnt", "wasnt", "dont", "never", "wont"})
NEGATION_REACH = 3  # words after a negation that it still negates
# Two-word answers read before the single words.
NOT_DONE_PHRASES = frozenset({("not", "today"), ("not", "yet"), ("no", "time"), ("not", "really")})
# "no problem", "no worries": no "no" answer. "no pain", "pain free": pain 0.
NOT_AN_ANSWER_PHRASES = frozenset({("no", "problem"), ("no", "problems"), ("no", "worries"), ("no", "issues"),
                                   ("no", "issue")})
ZERO_PAIN_PHRASES = frozenset({("no", "pain"), ("pain", "free"), ("no", "soreness"), ("not", "any", "pain")})

# Words that make a number beside them a pain score ("pain 7", "sore, 4",
# "7 pain"), within LABEL_REACH_BEFORE words before it or LABEL_REACH_AFTER
# after, in the same clause (up to a comma or full stop).
PAIN_WORDS = frozenset({"pain", "painful", "pains", "sore", "soreness", "hurt", "hurts", "hurting", "ache", "aches",
                        "aching", "achy", "score", "level", "rating", "usual", "scale"})
# After the evening prompt, these make a number the pain during the exercises.
EXERCISE_WORDS = frozenset({"during", "exercise", "exercises", "session", "workout", "training", "while"})
LABEL_REACH_BEFORE, LABEL_REACH_AFTER = 3, 2

# A number right before one of these counts something ("3 sets", "15 reps",
# "7am", "3rd"), right after one of those it counts too ("x10", "sets of 10",
# "day 3", "at 7"): no pain score, unless a pain word sits beside it.
UNIT_WORDS = frozenset({
    "set", "sets", "rep", "reps", "repetitions", "x", "times", "time", "rounds", "round", "laps", "lap", "steps",
    "exercise", "exercises", "sessions", "minutes", "minute", "mins", "min", "m", "seconds", "second", "secs",
    "sec", "s", "hours", "hour", "hrs", "hr", "h", "days", "day", "weeks", "week", "km", "k", "miles", "mile", "mi",
    "kg", "kgs", "kilos", "lb", "lbs", "pounds", "am", "pm", "st", "nd", "rd", "th", "percent", "pct", "degrees",
    "flights", "stairs", "floors", "more", "left", "each", "per", "side", "sides", "legs", "of"})
COUNT_BEFORE_WORDS = frozenset({"x", "of", "at", "day", "week", "set", "sets", "rep", "reps", "round", "number",
                                "step", "lap", "band"})

# Replies that only acknowledge ("thanks", "ok 👍"... without 👍, which
# says done): no check-in and nothing to ask.
ACKNOWLEDGMENT_WORDS = frozenset({"thanks", "thank", "you", "thx", "ty", "ta", "ok", "okay", "k", "kk", "cheers",
                                  "great", "cool", "nice", "got", "it", "will", "do", "sure", "noted", "lol", "haha",
                                  "awesome", "perfect", "sounds", "good"})

# Two numbers joined by "-", "to" or "or" ("6-7", "3 or 4"): the higher is
# taken when they lie this close, so that the pain-monitoring rules err
# toward caution (a higher score can raise an alert, never hide one); a
# wider range ("2-8") is unclear and asked about. A decimal ("6.5") is read
# the same way, as its higher whole number. Our product choice.
RANGE_MAX_SPREAD = 2
RANGE_JOINERS = frozenset({"-", "–", "—", "to", "or"})
