"""Local times to UTC across daylight-saving changes, and session days."""
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from planner.local_time import local_instant
from planner.programs.schedule import session_days

NEW_YORK, BERLIN = ZoneInfo("America/New_York"), ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize("zone, day, at, utc", [
    # 08:00 stays 08:00 local on the days the clocks move.
    (NEW_YORK, date(2026, 3, 7), time(8, 0), datetime(2026, 3, 7, 13, 0)),
    (NEW_YORK, date(2026, 3, 8), time(8, 0), datetime(2026, 3, 8, 12, 0)),
    (NEW_YORK, date(2026, 11, 1), time(8, 0), datetime(2026, 11, 1, 13, 0)),
    (BERLIN, date(2026, 3, 29), time(8, 0), datetime(2026, 3, 29, 6, 0)),
    (BERLIN, date(2026, 10, 25), time(8, 0), datetime(2026, 10, 25, 7, 0)),
    # A time the clocks jump over goes out at the next minute that exists.
    (NEW_YORK, date(2026, 3, 8), time(2, 30), datetime(2026, 3, 8, 7, 0)),
    (NEW_YORK, date(2026, 3, 8), time(2, 0), datetime(2026, 3, 8, 7, 0)),
    (BERLIN, date(2026, 3, 29), time(2, 15), datetime(2026, 3, 29, 1, 0)),
    # A time that happens twice goes out once, at its first occurrence.
    (NEW_YORK, date(2026, 11, 1), time(1, 30), datetime(2026, 11, 1, 5, 30)),
    (BERLIN, date(2026, 10, 25), time(2, 30), datetime(2026, 10, 25, 0, 30)),
])
def test_local_instant(zone, day, at, utc):
    assert local_instant(day, at, zone) == utc


@pytest.mark.parametrize("sessions, days, expected", [
    (3, ["mon", "wed", "fri"], ["mon", "wed", "fri"]),
    (2, ["mon", "wed", "fri"], ["mon", "wed"]),
    (1, ["tue", "thu"], ["tue"]),
    (3, ["mon"], ["mon", "wed", "fri"]),
    (5, ["mon", "wed", "fri"], ["mon", "tue", "wed", "fri", "sat"]),
    (7, [], ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]),
])
def test_session_days(sessions, days, expected):
    result = session_days(sessions, days)
    assert len(result) == sessions and len(set(result)) == sessions
    assert set(days[:sessions]) <= set(result) or len(days) > sessions
    if expected:
        assert result == expected
