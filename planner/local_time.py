"""Wall-clock time where each person lives: the UTC instant of a local
time (daylight saving included), a local date, today in a zone. Plain
functions, shared by every stage of the loop."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo


def local_instant(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The UTC instant (naive) of wall-clock time `at` on `day` in `zone`.

    Daylight-saving rules: a time that does not exist that day (the clocks
    jump over it) moves to the next minute that does; a time that occurs
    twice (the clocks fall back) is taken at its first occurrence."""
    naive = datetime.combine(day, at)
    first = naive.replace(tzinfo=zone, fold=0).astimezone(timezone.utc)
    if first.astimezone(zone).replace(tzinfo=None) == naive:
        return first.replace(tzinfo=None)
    # In a gap: fold=1 lands before it, fold=0 after; walk to the first
    # minute whose wall clock has reached `naive`.
    moment = naive.replace(tzinfo=zone, fold=1).astimezone(timezone.utc)
    moment = moment.replace(second=0, microsecond=0)
    while moment.astimezone(zone).replace(tzinfo=None) < naive:
        moment += timedelta(minutes=1)
    return moment.replace(tzinfo=None)


def local_date(instant_utc: datetime, zone: ZoneInfo) -> date:
    return instant_utc.replace(tzinfo=timezone.utc).astimezone(zone).date()


def today_in(zone_name: str) -> date:
    """Today's date where the client lives: an assessment in Auckland can be
    dated a day ahead of the server's clock."""
    return datetime.now(ZoneInfo(zone_name)).date()


def local_wall_clock(instant_utc: datetime, zone_name: str) -> datetime:
    """The wall-clock time (naive) in `zone_name` at a UTC instant (naive)."""
    return instant_utc.replace(tzinfo=timezone.utc).astimezone(ZoneInfo(zone_name)).replace(tzinfo=None)


def clock_time(text: str) -> time:
    """"03:00" as a time of day."""
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def readable_day(day: date) -> str:
    """A date as people read it: "Mon 30 Nov 2026" (English names, whatever
    the server's locale; no zero before the day)."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def readable_moment(instant_utc: datetime, zone_name: str) -> str:
    """A stored UTC instant (naive) as the wall clock of `zone_name` shows it:
    "Mon 30 Nov 2026, 09:15"."""
    wall = local_wall_clock(instant_utc, zone_name)
    return f"{readable_day(wall.date())}, {wall:%H:%M}"
