"""The rules the program generator follows, as named constants with their
sources. Dosage rules live in dosage.py."""

# A pain score of 4/10 or more is at least moderate on the numeric rating
# scale (cut-points of Serlin et al., Pain 1995; the planner's issue #3).
PAIN_EXCLUDES_AT = 4
# Fewer exercises, better adherence: adherence drops past about 4 items
# (Henry et al.); the issue asks to keep sessions to roughly 4-6.
MAX_ITEMS_PER_SESSION = 6
# Each finding trained at least twice a week where the schedule allows
# (NASM: corrective work 3-5 days a week).
MIN_WEEKLY_EXPOSURES = 2
# The "10% rule" for training load: common practice, kept as the default.
MAX_WEEKLY_VOLUME_RISE = 0.10
DELOAD_EVERY_WEEKS = 4
# Integration enters once activation has had two weeks (NASM's continuum
# activates before it integrates), and climbs a level every two weeks.
INTEGRATE_FROM_WEEK = 3
INTEGRATE_LEVEL_UP_EVERY_WEEKS = 2
