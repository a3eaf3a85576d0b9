"""Calendar maths for programs: which weekdays the sessions fall on, and
their dates. Plain functions."""
from __future__ import annotations

from datetime import date, timedelta
from itertools import combinations

from planner.vocabularies import DAYS


def session_days(sessions_per_week: int, training_days: list[str]) -> list[str]:
    """Weekdays for the week's sessions, Monday first.

    The client's own training days come first, spread as evenly as possible
    when there are more of them than sessions. When there are more sessions
    than training days, other days fill in so the sessions are as evenly
    spaced as the week allows (widest smallest gap, then the most even
    gaps, then the earliest days)."""
    own = sorted({DAYS.index(d) for d in training_days})
    count = min(sessions_per_week, len(DAYS))
    if count <= len(own):
        step = len(own) / count
        return [DAYS[own[int(i * step)]] for i in range(count)]

    def spacing(days: tuple[int, ...]) -> tuple:
        gaps = [(days[(i + 1) % len(days)] - days[i]) % 7 or 7 for i in range(len(days))]
        return (-min(gaps), sum(g * g for g in gaps), days)

    options = [combo for combo in combinations(range(len(DAYS)), count) if set(own) <= set(combo)]
    return [DAYS[i] for i in min(options, key=spacing)]


def dates_in_week(start: date, week: int, days: list[str]) -> list[tuple[str, date]]:
    """(day, date) of each session in program week `week` (1-based), in date
    order. A program week is the seven days from start + 7 * (week - 1)."""
    week_start = start + timedelta(days=7 * (week - 1))
    result = []
    for day in days:
        offset = (DAYS.index(day) - week_start.weekday()) % 7
        result.append((day, week_start + timedelta(days=offset)))
    return sorted(result, key=lambda pair: pair[1])
