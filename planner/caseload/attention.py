"""Who needs the trainer's attention, and why: plain rules over a client's
recent numbers, so the dashboard can sort a caseload worst first."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from statistics import fmean

# A reply or a session a few days overdue is worth a call; one missed day is not.
QUIET_DAYS = 4
# 2 points on the 0-10 scale is the minimal clinically important change
# (Farrar et al. 2001, Pain 94:149); a rise that size is a change, not noise.
PAIN_RISE_POINTS = 2.0
TREND_WINDOW_DAYS = 7
ADHERENCE_WINDOW_DAYS = 14
# Under half of the prescribed sessions done: the program is not being followed.
LOW_ADHERENCE = 0.5

# NASM reassesses every 4-6 weeks: from week 4 the dashboard asks for a
# reassessment until one is recorded (setting REASSESS_AFTER_WEEKS).
REASSESS_AFTER_WEEKS = 4
# After about 6 weeks of good adherence without a clinically important
# change, a client is a candidate for referral (NASM's cadence; see
# /work/shared/DOMAIN.md "Outcomes beyond pain"). 70% of sessions done is
# "good adherence": the figure, our product choice.
REFER_AFTER_WEEKS = 6
REFER_MIN_ADHERENCE_PCT = 70.0
# A clinically important change: 30% and at least 1 point below the
# baseline, the report's rule for improving (Farrar et al. 2001; IMMPACT).
MCID_PERCENT = 30.0
MIN_DROP_POINTS = 1.0

# Worst first: a client who cannot be reached at all comes before one whose
# pain is rising, who comes before one who has merely gone quiet.
REASON_WEIGHTS = {
    "opted_out": 60,
    "alert": 55,
    "not_responding": 45,
    "pain_rising": 50,
    "failed_messages": 40,
    "unparsed_replies": 30,
    "proposal": 25,
    "quiet": 20,
    "reassess": 15,
    "low_adherence": 10,
}


@dataclass(frozen=True)
class ReassessRules:
    """When to ask for a reassessment and when to suggest referral; the
    app's settings (from_config), the sourced constants above by default."""
    reassess_after_weeks: int = REASSESS_AFTER_WEEKS
    refer_after_weeks: int = REFER_AFTER_WEEKS
    refer_min_adherence_pct: float = REFER_MIN_ADHERENCE_PCT
    mcid_percent: float = MCID_PERCENT
    min_drop_points: float = MIN_DROP_POINTS

    @classmethod
    def from_config(cls, config: Mapping) -> ReassessRules:
        return cls(config["REASSESS_AFTER_WEEKS"], config["REFER_AFTER_WEEKS"], config["REFER_MIN_ADHERENCE_PCT"],
                   config["RELIEF_MCID_PERCENT"], config["RELIEF_MIN_POINTS"])


DEFAULT_RULES = ReassessRules()


@dataclass
class ClientNumbers:
    """What the dashboard knows about one client, read in bulk."""
    client_id: int
    name: str
    today: date  # in the client's own zone
    opted_out: bool = False
    failed_messages: int = 0
    unparsed_replies: int = 0
    has_active_program: bool = False
    program_started: date | None = None
    last_checkin: date | None = None
    # (date, pain) of recent check-ins with a pain score, oldest first.
    pains: list[tuple[date, int]] = field(default_factory=list)
    prescribed_recent: int = 0
    done_recent: int = 0
    open_alerts: list[str] = field(default_factory=list)  # their one-line descriptions
    proposals: int = 0
    reassessed: bool = False  # an assessment recorded since the active program started
    baseline_pain: int | None = None  # the highest pain of the program's assessment
    # Sessions of the active program due so far, and those done.
    program_prescribed: int = 0
    program_done: int = 0


@dataclass
class Reason:
    kind: str
    text: str


@dataclass
class Attention:
    numbers: ClientNumbers
    reasons: list[Reason]
    last_pain: int | None
    trend: float | None  # this week's mean pain minus last week's; positive is worse
    adherence: float | None  # 0..1 over the last two weeks

    @property
    def score(self) -> int:
        return sum(REASON_WEIGHTS[r.kind] for r in self.reasons)


def pain_trend(pains: list[tuple[date, int]], today: date) -> float | None:
    """Mean pain of the last 7 days minus the 7 before; None without both."""
    this_week = [p for d, p in pains if 0 <= (today - d).days < TREND_WINDOW_DAYS]
    last_week = [p for d, p in pains if TREND_WINDOW_DAYS <= (today - d).days < 2 * TREND_WINDOW_DAYS]
    if not this_week or not last_week:
        return None
    return round(fmean(this_week) - fmean(last_week), 1)


def important_drop(current: float, baseline: float, rules: ReassessRules) -> bool:
    drop = baseline - current
    return drop >= rules.min_drop_points and drop >= baseline * rules.mcid_percent / 100


def program_reasons(numbers: ClientNumbers, rules: ReassessRules) -> list[Reason]:
    """Reassessment due, and not responding: consider referral."""
    if not (numbers.has_active_program and numbers.program_started and numbers.program_started <= numbers.today):
        return []
    weeks = (numbers.today - numbers.program_started).days // 7
    reasons = []
    if weeks >= rules.reassess_after_weeks and not numbers.reassessed:
        reasons.append(Reason("reassess", f"Reassessment due: {weeks} weeks into the program "
                                          f"(NASM: every 4-6 weeks)"))
    this_week = [p for d, p in numbers.pains if 0 <= (numbers.today - d).days < TREND_WINDOW_DAYS]
    done_pct = 100 * numbers.program_done / numbers.program_prescribed if numbers.program_prescribed else None
    if weeks >= rules.refer_after_weeks and done_pct is not None and done_pct >= rules.refer_min_adherence_pct \
            and numbers.baseline_pain is not None and this_week \
            and not important_drop(fmean(this_week), numbers.baseline_pain, rules):
        reasons.append(Reason("not_responding", f"Not responding: consider referral ({weeks} weeks, "
                                                f"{round(done_pct)}% of sessions done, pain {fmean(this_week):.1f} "
                                                f"against {numbers.baseline_pain} at the start)"))
    return reasons


def assess(numbers: ClientNumbers, rules: ReassessRules = DEFAULT_RULES) -> Attention:
    reasons: list[Reason] = []
    if numbers.opted_out:
        reasons.append(Reason("opted_out", "Opted out of SMS"))
    for text in numbers.open_alerts:
        reasons.append(Reason("alert", text))
    trend = pain_trend(numbers.pains, numbers.today)
    if trend is not None and trend >= PAIN_RISE_POINTS:
        reasons.append(Reason("pain_rising", f"Pain up {trend:g} points on last week"))
    if numbers.failed_messages:
        reasons.append(Reason("failed_messages", f"{numbers.failed_messages} failed message"
                              f"{'s' if numbers.failed_messages != 1 else ''}"))
    if numbers.unparsed_replies:
        reasons.append(Reason("unparsed_replies", f"{numbers.unparsed_replies} repl"
                              f"{'ies' if numbers.unparsed_replies != 1 else 'y'} to read"))
    if numbers.has_active_program and numbers.program_started and numbers.program_started <= numbers.today:
        # A check-in from before this program does not count as one for it.
        since = max(numbers.last_checkin or numbers.program_started, numbers.program_started)
        quiet = (numbers.today - since).days
        if quiet >= QUIET_DAYS:
            reasons.append(Reason("quiet", f"No check-in for {quiet} days" if numbers.last_checkin
                                  else f"No check-in since the program started {quiet} days ago"))
    if numbers.proposals:
        reasons.append(Reason("proposal", "Program change to approve"))
    reasons += program_reasons(numbers, rules)
    adherence = (numbers.done_recent / numbers.prescribed_recent) if numbers.prescribed_recent else None
    if adherence is not None and adherence < LOW_ADHERENCE:
        reasons.append(Reason("low_adherence", f"{round(adherence * 100)}% of sessions done in two weeks"))
    last_pain = numbers.pains[-1][1] if numbers.pains else None
    return Attention(numbers, reasons, last_pain, trend, adherence)


def ranked(caseload: list[ClientNumbers], rules: ReassessRules = DEFAULT_RULES) -> list[Attention]:
    """Worst first; among equals, alphabetical so the list does not jump about."""
    return sorted((assess(n, rules) for n in caseload), key=lambda a: (-a.score, a.numbers.name.lower(), a.numbers.client_id))
