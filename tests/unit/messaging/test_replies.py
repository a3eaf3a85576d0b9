"""Reading SMS replies: every check-in form and every keyword."""
import pytest

from planner.messaging.replies import DAY, SESSION_EVENING, WAKING, CheckInReply, keyword, parse_checkin


@pytest.mark.parametrize("text, pain, done", [
    ("7", 7, None), ("7/10", 7, None), ("7 / 10", 7, None), ("pain 7", 7, None), ("Pain: 7", 7, None),
    ("seven", 7, None), ("0", 0, None), ("ten", 10, None), ("7 out of 10", 7, None),
    ("y", None, True), ("yes", None, True), ("Done", None, True), ("done!", None, True),
    ("n", None, False), ("no", None, False), ("skipped", None, False),
    ("3 y", 3, True), ("y 3", 3, True), ("3y", 3, True), ("3, yes", 3, True), ("no 6", 6, False),
    ("done pain 2", 2, True), ("Y 3/10", 3, True), ("  4  n ", 4, False),
])
def test_checkin_forms(text, pain, done):
    assert parse_checkin(text) == CheckInReply(pain, done)


# "3 maybe" and "3 4 maybe" were refused here before replies in sentences
# were read; they are read now (tests/unit/messaging/test_reply_forms.py).
@pytest.mark.parametrize("text", ["", "hello", "11", "3 7", "y n", "my knee hurts", "12/10", "-1", "call me"])
def test_what_is_not_a_checkin(text):
    assert parse_checkin(text) is None


@pytest.mark.parametrize("text, kind", [
    ("STOP", "opt_out"), ("stop", "opt_out"), ("Stop.", "opt_out"), ("STOPALL", "opt_out"),
    ("UNSUBSCRIBE", "opt_out"), ("CANCEL", "opt_out"), ("END", "opt_out"), ("QUIT", "opt_out"),
    ("START", "opt_in"), ("UNSTOP", "opt_in"), ("YES", "opt_in"), ("HELP", "help"), ("info", "help"),
])
def test_keywords(text, kind):
    assert keyword(text).kind == kind


@pytest.mark.parametrize("text", ["stop it", "please stop", "3 y", "yes 3", "help me"])
def test_a_keyword_counts_only_as_the_whole_message(text):
    assert keyword(text) is None


@pytest.mark.parametrize("text", ["²", "¹⁰", "³ y", "٣ y", "pain ٧", "5" * 5000, "5" * 1600 + " y", "0" * 1600,
                                  "100", "3 " + "9" * 4400])
def test_numbers_it_cannot_read_for_sure_are_no_checkin(text):
    assert parse_checkin(text) is None


def test_a_body_cut_at_twilios_maximum_is_read_quickly():
    import time

    started = time.monotonic()
    assert parse_checkin("3 y " * 400) == CheckInReply(3, True)  # 1,600 characters saying the same
    assert time.monotonic() - started < 1.0


@pytest.mark.parametrize("text, pain, done, exercise_pain", [
    ("3 4", 3, True, 4), ("3, 4", 3, True, 4), ("3 4 y", 3, True, 4), ("y 3 4", 3, True, 4),
    ("3 3", 3, True, 3), ("pain 3, exercises 4", 3, True, 4), ("3/10 0/10", 3, True, 0), ("three five", 3, True, 5),
    # The day's forms still read the same after the evening prompt.
    ("3 y", 3, None, None), ("y 3", 3, None, None), ("done, pain 2", 2, None, None), ("3 n", 3, None, None),
    ("7", 7, None, None), ("n", None, None, None),
])
def test_the_evening_prompt_of_a_session_day_reads_usual_then_exercise_pain(text, pain, done, exercise_pain):
    day_form = parse_checkin(text)
    expected = (CheckInReply(pain, done, exercise_pain) if exercise_pain is not None else day_form)
    assert parse_checkin(text, SESSION_EVENING) == expected
    assert expected is not None


@pytest.mark.parametrize("text", ["3 4 n", "3 4 5", "3 11", "y n 3"])
def test_what_is_not_an_evening_answer(text):
    assert parse_checkin(text, SESSION_EVENING) is None


@pytest.mark.parametrize("text, morning_pain", [("2", 2), ("two", 2), ("0", 0), ("pain 4/10", 4), (" 10 ", 10)])
def test_the_morning_question_reads_one_number_as_pain_on_waking(text, morning_pain):
    assert parse_checkin(text, WAKING) == CheckInReply(None, None, morning_pain=morning_pain)


@pytest.mark.parametrize("text", ["3 y", "y 3", "done, pain 2", "n", "4 n"])
def test_the_days_forms_still_work_after_the_morning_question(text):
    assert parse_checkin(text, WAKING) == parse_checkin(text, DAY) is not None


@pytest.mark.parametrize("text", ["2 3", "11", "-2", "²", "sore"])
def test_what_is_not_a_morning_answer(text):
    assert parse_checkin(text, WAKING) is None


def test_two_numbers_without_the_evening_question_stay_for_the_trainer():
    assert parse_checkin("3 4") is None and parse_checkin("3 4", WAKING) is None
