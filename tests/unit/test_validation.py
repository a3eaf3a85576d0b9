"""The shared checks of typed text and numbers: control characters, quoting
what was typed back, bounded dates."""
from datetime import date

import pytest
from pydantic import ValidationError

from planner.inputs import CheckInCreate, latest_date
from planner.validation import control_character_problem, errors_from, quoted, search_text


@pytest.mark.parametrize("text, problem", [
    ("Ada\x00", "must not contain control characters (found NUL at character 4)"),
    ("\x1b[31m", "must not contain control characters (found U+001B at character 1)"),
    ("a\x7f", "must not contain control characters (found U+007F at character 2)"),
    ("a\x85b", "must not contain control characters (found U+0085 at character 2)"),
    ("two\nlines", "must not contain control characters (found U+000A at character 4)"),
])
def test_one_line_refuses_every_control_character(text, problem):
    assert control_character_problem(text) == problem


def test_multi_line_text_keeps_tabs_and_line_breaks_only():
    assert control_character_problem("Left knee\r\n\tsore", multiline=True) is None
    assert control_character_problem("Zoë, 7/10 – “better”", multiline=False) is None
    assert "found NUL" in control_character_problem("a\n\x00", multiline=True)


def test_search_text_drops_control_characters():
    assert search_text("hip\x00 stretch\x07") == "hip stretch"


def test_quoted_cuts_long_values_short():
    assert quoted("three") == "'three'"
    assert quoted("5" * 5000) == "'" + "5" * 37 + "…'"
    assert len(quoted("5" * 5000)) == 40
    assert quoted(["a"] * 100) == "['a', 'a', 'a', 'a', 'a', 'a', 'a', 'a'…"


@pytest.mark.parametrize("day, message", [
    ("0001-01-01", "0001-01-01 is before 1900-01-01, the earliest date accepted"),
    ("1899-12-31", "1899-12-31 is before 1900-01-01, the earliest date accepted"),
    ("9999-12-20", f"9999-12-20 is too far in the future (the latest date accepted is {latest_date()})"),
    ("٢٠٢٦-٠١-٠١", "must be a date as YYYY-MM-DD (got '٢٠٢٦-٠١-٠١')"),
    ("2026-02-30", "'2026-02-30' is not a calendar date"),
])
def test_dates_are_refused_outside_the_plausible_range(day, message):
    with pytest.raises(ValidationError) as refused:
        CheckInCreate.model_validate({"date": day, "pain": 3})
    assert errors_from(refused.value) == {"date": message}


def test_the_plausible_range_is_1900_to_the_end_of_the_year_after_next():
    assert latest_date(date(2026, 3, 1)) == date(2028, 12, 31)
    for day in ("1900-01-01", latest_date().isoformat()):
        assert CheckInCreate.model_validate({"date": day, "pain": 3}).date.isoformat() == day
