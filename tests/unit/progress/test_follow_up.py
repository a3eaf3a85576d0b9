"""Follow-up after the program: when the prompts fall, and whether relief
held at each answer (the 'improving' rule on one reading: 30% and 1 point
below the baseline)."""
from datetime import date

import pytest

from planner.config import follow_up_weeks
from planner.progress.follow_up import FollowUp, follow_up_dates, follow_ups, relief_held
from planner.progress.report import build_report

LAST = date(2026, 3, 6)


def test_prompts_fall_4_12_and_26_weeks_after_the_last_session():
    assert follow_up_dates(LAST, (4, 12, 26)) == [date(2026, 4, 3), date(2026, 5, 29), date(2026, 9, 4)]


@pytest.mark.parametrize("pain, baseline, held", [
    (5, 8, True),    # -37.5%, 3 points
    (6, 8, False),   # -25%: less than 30%
    (1, 2, True),    # -50% and 1 point: IMMPACT's substantial
    (2, 3, True),    # -33%, 1 point
    (3, 3, False),   # back at the baseline
    (7, 6, False),   # worse
    (0, 0.5, False),  # 100% but half a point: below the 1-point floor
    (4, None, None),  # no baseline to compare with
])
def test_relief_held_is_the_improving_rule_on_one_reading(pain, baseline, held):
    assert relief_held(pain, baseline, 30.0, 1.0) is held


def test_answers_join_the_schedule_and_old_answers_stay():
    answers = [(date(2026, 4, 3), date(2026, 4, 4), 2), (date(2025, 6, 1), date(2025, 6, 1), 6)]
    result = follow_ups(LAST, (4, 12), answers, 6.0, 30.0, 1.0)
    assert result == (FollowUp(date(2025, 6, 1), date(2025, 6, 1), 6, False),
                      FollowUp(date(2026, 4, 3), date(2026, 4, 4), 2, True),
                      FollowUp(date(2026, 5, 29), None, None, None))


def test_the_report_lists_follow_ups_only_once_the_last_session_has_passed():
    checkins = [(date(2026, 3, 2), 6, True), (date(2026, 3, 4), 5, True), (date(2026, 3, 6), 4, True)]
    running = build_report(checkins, today=LAST, last_session=LAST)
    assert running.follow_up == ()
    after = build_report(checkins, today=date(2026, 4, 10), last_session=LAST,
                         follow_up_answers=[(date(2026, 4, 3), date(2026, 4, 3), 2)])
    assert [(f.due_on, f.pain, f.relief_held) for f in after.follow_up] == [
        (date(2026, 4, 3), 2, True), (date(2026, 5, 29), None, None), (date(2026, 9, 4), None, None)]
    assert after.as_dict()["follow_up"][0] == {"due_on": "2026-04-03", "answered_on": "2026-04-03", "pain": 2,
                                               "relief_held": True}


def test_follow_up_weeks_setting_reads_whole_weeks():
    assert follow_up_weeks("4,12,26") == (4, 12, 26)


@pytest.mark.parametrize("text", ["4,x", "12,4", "0,4", "4,4"])
def test_follow_up_weeks_setting_refuses_what_it_cannot_schedule(text):
    with pytest.raises(RuntimeError, match="FOLLOW_UP_WEEKS"):
        follow_up_weeks(text)
