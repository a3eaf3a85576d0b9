"""Time zones as people name them, and dates and times as people read them."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from planner.local_time import readable_day, readable_moment
from planner.time_zones import UnknownZone, zone_choices, zone_named


@pytest.mark.parametrize("typed, zone", [
    ("Europe/London", "Europe/London"), ("europe/london", "Europe/London"), ("London", "Europe/London"),
    ("  edinburgh ", "Europe/London"), ("Europe/London — London, Edinburgh", "Europe/London"),
    ("New York", "America/New_York"), ("new_york", "America/New_York"),
    ("Buenos Aires", "America/Argentina/Buenos_Aires"),
    ("Bengaluru", "Asia/Kolkata"), ("US/Eastern", "US/Eastern"), ("UTC", "UTC"),
    # Two names of one clock: the zone listed with cities of its own.
    ("Istanbul", "Europe/Istanbul"),
])
def test_a_zone_is_found_by_its_name_or_a_city(typed, zone):
    assert zone_named(typed, year=2026) == zone


@pytest.mark.parametrize("typed, words", [
    ("", "choose a time zone"), ("Atlantis", "not a time zone or a city we know"),
    ("Victoria", "fits several time zones with different clocks"),
])
def test_what_names_no_zone_or_several_is_refused_in_plain_words(typed, words):
    with pytest.raises(UnknownZone, match=words):
        zone_named(typed, year=2026)


def test_each_offered_zone_names_its_cities():
    choices = {choice.name: choice for choice in zone_choices()}
    assert choices["Europe/London"].label.startswith("Europe/London — London, Edinburgh")
    assert choices["America/Argentina/Buenos_Aires"].cities[0] == "Buenos Aires"
    assert "US/Eastern" not in choices and "Etc/GMT+5" not in choices  # old and technical spellings
    assert all(zone_named(name) == name for name in choices)


def test_every_city_of_the_data_file_names_a_real_zone():
    from zoneinfo import available_timezones

    from planner.time_zones import _extra_cities

    assert set(_extra_cities()) <= available_timezones()


def test_dates_and_times_read_as_people_write_them():
    assert readable_day(date(2026, 11, 30)) == "Mon 30 Nov 2026"
    assert readable_day(date(2026, 12, 7)) == "Mon 7 Dec 2026"
    # 09:15 UTC is 09:15 in London in winter, 18:15 in Tokyo; in summer London is an hour ahead.
    assert readable_moment(datetime(2026, 11, 30, 9, 15), "Europe/London") == "Mon 30 Nov 2026, 09:15"
    assert readable_moment(datetime(2026, 11, 30, 9, 15), "Asia/Tokyo") == "Mon 30 Nov 2026, 18:15"
    assert readable_moment(datetime(2026, 7, 1, 23, 30), "Europe/London") == "Thu 2 Jul 2026, 00:30"
