"""Counting SMS segments (3GPP TS 23.038) and writing a practice's name in GSM-7."""
import pytest

from planner.messaging import texts
from planner.messaging.segments import gsm7_name, is_gsm7, segments

LINK = "https://planner.example.test/s/eyJjIjoxMjM0LCJzIjo1Njc4OX0.Z0aBcD.abcdefghijklmnopqrstuvwxyz0"
LONGEST_GSM_NAME = "Northside Sports Physiotherapy & Pilates"  # 40 characters, the most allowed


def test_segment_limits_of_both_encodings():
    assert segments("a" * 160) == 1 and segments("a" * 161) == 2 and segments("a" * 306) == 2
    assert segments("€" * 80) == 1 and segments("€" * 81) == 2  # extension characters take two places
    assert segments("ë" * 70) == 1 and segments("ë" * 71) == 2 and segments("ë" * 134) == 2
    assert segments("😀" * 35) == 1 and segments("😀" * 36) == 2  # two UTF-16 units each


@pytest.mark.parametrize("typed, written", [
    ("Physio Zoë", "Physio Zoe"),  # ë is not in GSM-7: its accent goes
    ("Clínica Ñandú", "Clinica Ñandu"),  # Ñ is: it stays
    ("Café Élan", "Café Élan"),
    ("O’Brien Physio – Leeds", "O'Brien Physio - Leeds"),
    ("Kraków Fizjo", "Krakow Fizjo"),
    ("東京整体", "東京整体"),  # no GSM-7 twin: kept as typed, its texts go as UCS-2
])
def test_a_practice_name_is_written_in_gsm7_where_it_can_be(typed, written):
    assert gsm7_name(typed) == written


def every_text(practice: str, name: str = "Maximiliane Jones") -> list[str]:
    return [texts.reminder(name, practice, LINK), texts.morning_reminder(name, practice, LINK),
            texts.checkin_prompt(name, practice), texts.morning_prompt(name, practice),
            texts.follow_up_prompt(name, practice), texts.safety_line(practice),
            texts.opt_in_confirmation(practice), texts.confirmed(practice), texts.help_for(practice),
            texts.opted_in(practice)]


def test_every_text_opens_with_the_practice_and_the_longest_name_keeps_each_within_two_segments():
    for text in every_text(LONGEST_GSM_NAME):
        assert text.startswith(f"{LONGEST_GSM_NAME}: ") and "coach" not in text
        assert is_gsm7(text) and segments(text) <= 2, text


def test_an_accented_name_does_not_turn_texts_into_ucs2():
    for text in every_text("Physio Zoë Kraków"):
        assert text.startswith("Physio Zoe Krakow: ") and is_gsm7(text)


def test_a_name_in_another_script_is_kept_and_costs_at_most_four_segments():
    for text in every_text("東京整体クリニック"):
        assert text.startswith("東京整体クリニック: ") and segments(text) <= 4, text
