"""Calendar maths for programs: which weekdays the sessions fall on, and
their dates. Plain functions, no Flask."""
from __future__ import annotations

from datetime import date, timedelta

from .vocabularies import DAYS


def session_days(sessions_per_week: int, training_days: list[str]) -> list[str]:
    """Weekdays for the week's sessions, Monday first.

    The client's own training days come first, spread as evenly as possible
    when there are more of them than sessions; when there are more sessions
    than training days, the other days fill in, the ones farthest from a
    training day first (so sessions stay spaced out)."""
    own = sorted(set(training_days), key=DAYS.index)
    if sessions_per_week <= len(own):
        step = len(own) / sessions_per_week
        return [own[int(i * step)] for i in range(sessions_per_week)]
    chosen = list(own)
    while len(chosen) < min(sessions_per_week, len(DAYS)):
        def distance(day: str) -> int:
            index = DAYS.index(day)
            if not chosen:
                return 0
            return min(min((index - DAYS.index(c)) % 7, (DAYS.index(c) - index) % 7) for c in chosen)
        free = [d for d in DAYS if d not in chosen]
        chosen.append(max(free, key=lambda d: (distance(d), -DAYS.index(d))))
    return sorted(chosen, key=DAYS.index)


def dates_in_week(start: date, week: int, days: list[str]) -> list[tuple[str, date]]:
    """(day, date) of each session in program week `week` (1-based), in date
    order. A program week is the seven days from start + 7 * (week - 1)."""
    week_start = start + timedelta(days=7 * (week - 1))
    result = []
    for day in days:
        offset = (DAYS.index(day) - week_start.weekday()) % 7
        result.append((day, week_start + timedelta(days=offset)))
    return sorted(result, key=lambda pair: pair[1])
