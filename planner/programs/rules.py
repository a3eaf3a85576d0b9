"""The rules the program generator follows, as named constants with their
sources. Dosage rules live in dosage.py."""

# An exercise contraindicated for a region is left out when that region's
# pain is 4/10 or more. Serlin et al. (Pain 1995) put 1-4 as mild, 5-6 as
# moderate and 7-10 as severe, so 4 is the top of "mild": excluding from
# there, a step before "moderate", is our product choice, erring on the
# safe side (the planner's issue #3).
PAIN_EXCLUDES_AT = 4
# Few exercises: Henry et al. (Phys Ther 1999;79:270) gave older adults 2, 5
# or 8 exercises; those given 2 performed them better than those given 8
# (5 differed from neither), and self-reported compliance did not differ.
# It supports "few", not a cap: 6 is our product choice (the issue asks
# for roughly 4-6).
MAX_ITEMS_PER_SESSION = 6
# Each finding trained at least twice a week where the schedule allows
# (NASM: corrective work 3-5 days a week).
MIN_WEEKLY_EXPOSURES = 2
# The "10% rule" for training load is common practice, not evidence: a
# randomised trial in novice runners (Buist et al., Am J Sports Med 2008)
# did not find that it reduced injuries. Kept as our product choice.
MAX_WEEKLY_VOLUME_RISE = 0.10
DELOAD_EVERY_WEEKS = 4
# Integration enters once activation has had two weeks (NASM's continuum
# activates before it integrates), and climbs a level every two weeks.
INTEGRATE_FROM_WEEK = 3
INTEGRATE_LEVEL_UP_EVERY_WEEKS = 2
