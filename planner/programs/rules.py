"""The rules the program generator follows, as named constants with their
sources, or marked as our product choice where no source sets the number.
Dosage rules live in dosage.py; rationale.RULES says each one to the trainer."""

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
# Every fourth week loaded work is lighter (dosage.DELOAD_LOAD_FACTOR;
# periodisation practice, Bompa & Haff, Periodization, 2009); bodyweight
# corrective work has no load to take off and keeps progressing (our product
# choice, issue 13).
DELOAD_EVERY_WEEKS = 4
# NASM integrates in every session, after activation. Integration starts in
# week 1 when every muscle it integrates was inhibited with a normal grade
# (inhibition resolves once the muscle is activated); otherwise in week 2,
# after a week of isolated activation (our product choice); always at level
# 1-2 of the library at first.
INTEGRATE_AT_ONCE_FROM_WEEK = 1
INTEGRATE_FROM_WEEK = 2
INTEGRATE_ENTRY_MAX_LEVEL = 2
# While findings are left out for lack of room, each session fills at least
# 80% of the minutes asked for, with fuller doses of what is there, and at
# first no more than 90%, leaving room for the weeks' progression (issue 13;
# our product choice).
MIN_SESSION_FILL = 0.8
FILL_AT_MOST = 0.9
