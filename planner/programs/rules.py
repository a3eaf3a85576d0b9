"""The rules the program generator follows, as named constants with their
sources, or marked as our product choice where no source sets the number.
Dosage rules live in dosage.py; rationale.RULES says each one to the trainer."""
from planner.caseload.attention import REASSESS_AFTER_WEEKS  # the dashboard's reassessment point: one source

# A region in pain at 4/10 or more rules out the exercises contraindicated
# for it. Product choice: Serlin et al. (Pain 1995) call 1-4 mild and 5-6
# moderate; we start one point early, to be cautious.
PAIN_EXCLUDES_AT = 4
# Few exercises are done better (Henry et al., Phys Ther 1999: two exercises
# were performed better than eight; five did not differ from either), but no
# study sets a cap: six is our product choice.
MAX_ITEMS_PER_SESSION = 6
# NASM prescribes corrective work 3-5 days a week; with the sessions the
# client has, each dysfunction's work comes at least twice a week (our
# product choice, so that what does not fit every session can alternate),
# and more often wherever room is left.
MIN_WEEKLY_EXPOSURES = 2
# The "10% rule": loaded work (external resistance) grows at most 10% a
# week. Common practice, not evidence: a trial in novice runners found no
# fewer injuries with it (Buist et al., Am J Sports Med 2008). Product choice;
# new work entering (integration, a harder exercise) is not growth of old work.
MAX_WEEKLY_VOLUME_RISE = 0.10
# Loaded work has a lighter week every fourth week (three weeks building,
# one lighter: dosage.DELOAD_LOAD_FACTOR; periodisation practice, Bompa &
# Haff, Periodization, 2009); bodyweight corrective work has no load to take
# off and keeps progressing (our product choice, issue 13).
DELOAD_EVERY_WEEKS = 4
# NASM reassesses every 4-6 weeks, and the dashboard asks for a reassessment
# from week REASSESS_AFTER_WEEKS (planner/caseload/attention.py; setting of
# the same name). A lighter week there would have the reassessment judge the
# client on a week of deliberately less work, so the first lighter week is
# the week after the reassessment point (week 5), while the trainer acts on
# it, and every DELOAD_EVERY_WEEKS-th week after that (9, 13): a product
# choice. A program that ends by the reassessment point has no lighter week.
LIGHTER_WEEK_AFTER_REASSESSMENT = 1
# NASM integrates in every session, after activation: integration starts in
# week 1, at level 1-2 of the library (the easiest patterns). It used to
# wait a week of isolated activation (our earlier product choice, no
# source), which left week 1's sessions short of their minutes (issue 13).
INTEGRATE_FROM_WEEK = 1
INTEGRATE_ENTRY_MAX_LEVEL = 2
# While findings are left out for lack of room, each session fills at least
# 80% of the minutes asked for, with fuller doses of what is there, and at
# first no more than 90%, leaving room for the weeks' progression (issue 13;
# our product choice).
MIN_SESSION_FILL = 0.8
FILL_AT_MOST = 0.9


def lighter_week(week: int, reassess_after_weeks: int = REASSESS_AFTER_WEEKS) -> bool:
    """Is `week` (1-based) a lighter week for loaded work? The week after
    the reassessment point, then every DELOAD_EVERY_WEEKS-th week, never on
    a reassessment point itself (see LIGHTER_WEEK_AFTER_REASSESSMENT)."""
    first = reassess_after_weeks + LIGHTER_WEEK_AFTER_REASSESSMENT
    if reassess_after_weeks < 1 or week < first or week % reassess_after_weeks == 0:
        return False
    return (week - first) % DELOAD_EVERY_WEEKS == 0
