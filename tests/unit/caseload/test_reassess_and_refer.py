"""Reassess and refer: from week 4 a reassessment is asked for until one is
recorded (NASM: every 4-6 weeks); from week 6, 70% of sessions done and no
clinically important change (30% and 1 point) suggest referral."""
from datetime import date, timedelta

from planner.caseload.attention import ClientNumbers, ReassessRules, assess

TODAY = date(2026, 5, 1)


def numbers(weeks_in: int, *, reassessed=False, baseline=6, pains=(5, 6, 5), done=18, prescribed=20) -> ClientNumbers:
    return ClientNumbers(1, "Ada", TODAY, has_active_program=True,
                         program_started=TODAY - timedelta(weeks=weeks_in), last_checkin=TODAY,
                         pains=[(TODAY - timedelta(days=i), p) for i, p in enumerate(pains)],
                         reassessed=reassessed, baseline_pain=baseline, program_prescribed=prescribed,
                         program_done=done)


def kinds(n: ClientNumbers, rules=ReassessRules()) -> set[str]:
    return {r.kind for r in assess(n, rules).reasons}


def test_reassessment_asked_from_week_four_until_recorded():
    assert "reassess" not in kinds(numbers(3))
    assert "reassess" in kinds(numbers(4))
    assert "reassess" not in kinds(numbers(5, reassessed=True))
    assert "reassess" in kinds(numbers(3), ReassessRules(reassess_after_weeks=3))


def test_not_responding_after_six_weeks_of_good_adherence_without_important_change():
    assert "not_responding" not in kinds(numbers(5))
    reasons = assess(numbers(6)).reasons
    [flag] = [r for r in reasons if r.kind == "not_responding"]
    assert flag.text.startswith("Not responding: consider referral")
    assert "90% of sessions done" in flag.text


def test_no_referral_flag_when_pain_improved_or_adherence_is_low_or_nothing_to_compare():
    assert "not_responding" not in kinds(numbers(8, pains=(4, 4, 4)))  # -33%, 2 points: important
    assert "not_responding" in kinds(numbers(8, pains=(5, 4, 5)))  # -22%: not important
    assert "not_responding" not in kinds(numbers(8, done=13, prescribed=20))  # 65% done: not tried enough
    assert "not_responding" not in kinds(numbers(8, baseline=None))
    assert "not_responding" not in kinds(numbers(8, pains=()))
