"""Replies as clients write them: a table of real-world forms and what each
must be read as. A new form a client used belongs here first.

Columns: the question answered (D: a reminder or no prompt, E: the evening
prompt of a session day, W: the morning question), the text, then usual
pain, done, pain during the exercises, pain on waking, and whether the reply
gets the one question back (ASK). What an ASK row says clearly is still kept.
"""
import pytest
from hypothesis import given, settings, strategies as st

from planner.messaging.replies import (ASK_DONE, ASK_EVENING, ASK_PAIN, ASK_PAIN_AND_DONE, ASK_WAKING, DAY, DONE,
                                       PAIN, SESSION_EVENING, WAKING, CheckInReply, Reading, corrected_fields,
                                       question_about, read_reply)

D, E, W = DAY, SESSION_EVENING, WAKING
ASK, OK = True, False

FORMS = [
    # The short forms the prompts suggest.
    (D, "3 y", 3, True, None, None, OK),
    (D, "y 3", 3, True, None, None, OK),
    (D, "3Y", 3, True, None, None, OK),
    (D, "5n", 5, False, None, None, OK),
    (D, "done, pain 2", 2, True, None, None, OK),
    (D, "7", 7, None, None, None, OK),
    (D, "y", None, True, None, None, OK),
    (D, "N", None, False, None, None, OK),
    # Sentences.
    (D, "knee is pretty sore today, maybe a 7, skipped it", 7, False, None, None, OK),
    (D, "Knee is pretty sore today, maybe a 7, skipped it 😩", 7, False, None, None, OK),
    (D, "Hi! Did my exercises this morning. Knee 2/10.", 2, True, None, None, OK),
    (D, "it's about a 5 today, yep", 5, True, None, None, OK),
    (D, "around 6 I guess. Did all of it", 6, True, None, None, OK),
    (D, "Pain level 4 today and I did it", 4, True, None, None, OK),
    (D, "It was ok. Pain 3. Did everything", 3, True, None, None, OK),
    (D, "Sorry forgot today. Pain 4", 4, False, None, None, OK),
    (D, "did it but it hurt, 6", 6, True, None, None, OK),
    (D, "at the gym now, 7", 7, None, None, None, OK),
    (D, "3 maybe", 3, None, None, None, OK),
    # Number words and "out of 10".
    (D, "seven", 7, None, None, None, OK),
    (D, "zero", 0, None, None, None, OK),
    (D, "pain is a seven", 7, None, None, None, OK),
    (D, "ten out of ten, did it", 10, True, None, None, OK),
    (D, "7 out of ten", 7, None, None, None, OK),
    (D, "7 of 10", 7, None, None, None, OK),
    (D, "7/10", 7, None, None, None, OK),
    (D, "4 / 10 ✔️", 4, True, None, None, OK),
    (D, "yes did my exercises, about a 4 out of 10", 4, True, None, None, OK),
    (D, "5 out of 10 pain today, no", 5, False, None, None, OK),
    (D, "no pain, did it", 0, True, None, None, OK),
    (D, "Completed! No pain at all", 0, True, None, None, OK),
    (D, "pain free today, yes", 0, True, None, None, OK),
    # Yes and no in their common forms, emoji among them.
    (D, "Yeah, 5", 5, True, None, None, OK),
    (D, "Yep 3", 3, True, None, None, OK),
    (D, "👍", None, True, None, None, OK),
    (D, "👍 4", 4, True, None, None, OK),
    (D, "Done ✅ pain 3/10", 3, True, None, None, OK),
    (D, "completed, 1/10", 1, True, None, None, OK),
    (D, "Finished. Pain 3 out of 10", 3, True, None, None, OK),
    (D, "nope, too busy. pain 6", 6, False, None, None, OK),
    (D, "nah, 4", 4, False, None, None, OK),
    (D, "Didn't do them today. Pain about 6", 6, False, None, None, OK),
    (D, "did not do it, 4/10", 4, False, None, None, OK),
    (D, "Not today sorry, pain 5", 5, False, None, None, OK),
    (D, "haven't done it yet, 4", 4, False, None, None, OK),
    (D, "Missed it. 8", 8, False, None, None, OK),
    (D, "pain 8 😣 couldn't do it", 8, False, None, None, OK),
    (D, "not done yet", None, False, None, None, OK),
    (D, "didn't hurt, did it", None, True, None, None, OK),  # "didn't" before a pain word: no "no"
    (D, "no problem, did it, 3", 3, True, None, None, OK),
    (D, "not bad, 3", 3, None, None, None, OK),
    # Numbers that count something are no pain score.
    (D, "did 3 sets", None, True, None, None, OK),
    (D, "15 reps done", None, True, None, None, OK),
    (D, "did 3 sets of 10, pain 4", 4, True, None, None, OK),
    (D, "10 reps x 3 sets, pain 1", 1, None, None, None, OK),
    (D, "pain 4 but did 3 sets at 7am", 4, True, None, None, OK),
    (D, "at 7:30 did it, 3", 3, True, None, None, OK),
    (D, "I'm a 3 today, did 2 of the 4 exercises", 3, True, None, None, OK),
    (D, "walked 5k, no pain", 0, None, None, None, OK),
    (D, "Day 3 done, pain 2", 2, True, None, None, OK),
    (D, "15 reps", None, None, None, None, ASK),
    # Ranges: the higher when close (reply_words.RANGE_MAX_SPREAD), asked when wide.
    (D, "6-7", 7, None, None, None, OK),
    (D, "6-7 skipped", 7, False, None, None, OK),
    (D, "3 or 4, done", 4, True, None, None, OK),
    (D, "6.5", 7, None, None, None, OK),
    (D, "2-8", None, None, None, None, ASK),
    # Unclear: asked once.
    (D, "3 7", None, None, None, None, ASK),
    (D, "pain was 3 yesterday but 5 today", None, None, None, None, ASK),
    (D, "pain 3, maybe 4", None, None, None, None, ASK),
    (D, "12", None, None, None, None, ASK),
    (D, "pain 12", None, None, None, None, ASK),
    (D, "-2", None, None, None, None, ASK),
    (D, "yes and no, 3", 3, None, None, None, ASK),
    (D, "sore", None, None, None, None, ASK),
    (D, "my knee hurts", None, None, None, None, ASK),
    (D, "call me please", None, None, None, None, ASK),
    (D, "³ y", None, True, None, None, ASK),
    # Thanks and okays: nothing to record, nothing to ask.
    (D, "thanks!", None, None, None, None, OK),
    (D, "Thanks, will do", None, None, None, None, OK),
    # After the evening prompt: usual pain, then during the exercises.
    (E, "3 4", 3, True, 4, None, OK),
    (E, "3 n", 3, False, None, None, OK),
    (E, "usual 3, during exercises 5", 3, True, 5, None, OK),
    (E, "pain 2 during 4", 2, True, 4, None, OK),
    (E, "did it, 3 then 5 during", 3, True, 5, None, OK),
    (E, "during exercises 4", None, True, 4, None, OK),
    (E, "3 4 thanks", 3, True, 4, None, OK),
    (E, "skipped, 4", 4, False, None, None, OK),
    (E, "3 4 n", None, None, None, None, ASK),  # pain during exercises not done
    (E, "3 4 5", None, None, None, None, ASK),
    # The morning question: one number is the pain on waking.
    (W, "2", None, None, None, 2, OK),
    (W, "two", None, None, None, 2, OK),
    (W, "woke up with a 3", None, None, None, 3, OK),
    (W, "slept badly, 5", None, None, None, 5, OK),
    (W, "3 y", 3, True, None, None, OK),
    (W, "2 3", None, None, None, None, ASK),
]


@pytest.mark.parametrize("answering, text, pain, done, exercise_pain, morning_pain, asks", FORMS,
                         ids=[f"{row[0]}:{row[1]}" for row in FORMS])
def test_real_world_reply_forms(answering, text, pain, done, exercise_pain, morning_pain, asks):
    reading = read_reply(text, answering)
    said = (pain, done, exercise_pain, morning_pain)
    expected = None if said == (None, None, None, None) else CheckInReply(*said)
    assert (reading.checkin, reading.needs_question) == (expected, asks)


def test_the_table_is_large_and_covers_every_question():
    assert len(FORMS) >= 40 and {row[0] for row in FORMS} == {D, E, W}


@pytest.mark.parametrize("text, answering, about", [
    ("hello", D, ASK_PAIN_AND_DONE), ("3 7", D, ASK_PAIN), ("yes and no, 3", D, ASK_DONE),
    ("yes and no, 3 7", D, ASK_PAIN_AND_DONE), ("hello", E, ASK_EVENING), ("3 4 5", E, ASK_EVENING),
    ("sore", W, ASK_WAKING), ("2 3", W, ASK_WAKING),
])
def test_the_question_asks_about_what_stayed_unclear(text, answering, about):
    assert question_about(read_reply(text, answering), answering) == about


def test_what_stays_unclear_is_named():
    assert read_reply("yes and no, 3 7") == Reading(None, frozenset({PAIN, DONE}))


@pytest.mark.parametrize("before, after, fields", [
    (CheckInReply(3, True), CheckInReply(5, True), ("pain",)),
    (CheckInReply(3, True), CheckInReply(3, False), ("done",)),
    (CheckInReply(4, None), CheckInReply(None, True), ()),  # completed, not corrected
    (CheckInReply(3, True), CheckInReply(3, True), ()),  # said again
    (CheckInReply(3, True, 4), CheckInReply(None, None, 6), ("exercise_pain",)),
])
def test_a_later_answer_corrects_the_fields_it_changes(before, after, fields):
    assert corrected_fields(before, after) == fields


REPLY_PIECES = ["3", "7", "15", "10", "/10", "out of", "-", "6-7", ".", ",", "y", "n", "no", "pain", "sets", "did",
                "not", "didn't", "today", "👍", "❌", "seven", "one", "none", "²", ":", "30", "or", " ", "\n"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(REPLY_PIECES), st.text(max_size=6)), max_size=30),
       st.sampled_from([D, E, W]))
def test_any_text_is_read_without_error_and_every_score_is_0_to_10(pieces, answering):
    reading = read_reply(" ".join(pieces), answering)
    if reading.checkin is not None:
        for value in (reading.checkin.pain, reading.checkin.exercise_pain, reading.checkin.morning_pain):
            assert value is None or 0 <= value <= 10
    assert reading.unclear <= {PAIN, DONE}
    assert not (reading.acknowledgment and (reading.checkin or reading.unclear))
