"""Does relief last after the program? Follow-up prompts some weeks after
a program's last session, and whether relief held at each answer. Plain
functions over plain data.

Trials judge whether recovery lasts by following people up after
treatment ends, commonly at 3, 6 and 12 months; there is no standard
definition of lasting recovery (Kamper et al. 2011). Ours, printed on each
report: relief held at a follow-up when the usual pain the client gives is
still a clinically important drop from the baseline, by the same rule as
"improving" (at least 30% below it, Farrar et al. 2001 and IMMPACT's
"moderate"; and at least 1 point, our floor): settings RELIEF_MCID_PERCENT
and RELIEF_MIN_POINTS. One reading rather than a week's mean, because the
client gets one message."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

# Follow-up prompts this many weeks after the last session: our product
# choice, a first look at 4 weeks and trials' usual 3 and 6 months
# (setting FOLLOW_UP_WEEKS).
FOLLOW_UP_WEEKS = (4, 12, 26)


@dataclass(frozen=True)
class FollowUp:
    due_on: date
    answered_on: date | None
    pain: int | None
    relief_held: bool | None  # None: not answered, or no baseline to compare with


def follow_up_dates(last_session: date, weeks: Iterable[int]) -> list[date]:
    return [last_session + timedelta(weeks=w) for w in weeks]


def relief_held(pain: float, baseline: float | None, mcid_percent: float, min_drop_points: float) -> bool | None:
    """Whether `pain` is still a clinically important drop from `baseline`."""
    if baseline is None:
        return None
    drop = baseline - pain
    return drop >= min_drop_points and drop >= baseline * mcid_percent / 100


def follow_ups(last_session: date | None, weeks: Sequence[int], answers: Iterable[tuple[date, date, int]],
               baseline: float | None, mcid_percent: float, min_drop_points: float) -> tuple[FollowUp, ...]:
    """The follow-ups of the program that ended on `last_session` (None: no
    program has ended, or one is running), due or not yet, and every stored
    answer (due_on, answered_on, pain), each judged against the baseline."""
    by_due = {due_on: (answered_on, pain) for due_on, answered_on, pain in answers}
    days = set(by_due) | set(follow_up_dates(last_session, weeks) if last_session else [])
    result = []
    for day in sorted(days):
        answered_on, pain = by_due.get(day, (None, None))
        held = None if pain is None else relief_held(pain, baseline, mcid_percent, min_drop_points)
        result.append(FollowUp(day, answered_on, pain, held))
    return tuple(result)
