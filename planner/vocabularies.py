"""Fixed vocabularies shared by the API, the library files and the models.

Order matters where it is meaningful: PHASES run in the corrective exercise
continuum's order within a session (NASM, Clark & Lucett, Essentials of
Corrective Exercise Training), DAYS run Monday first (ISO 8601).
"""

PAIN_REGIONS = ("neck", "shoulder", "elbow", "wrist_hand", "upper_back",
                "low_back", "hip", "knee", "ankle_foot")

MUSCLE_REGIONS = ("hip", "knee", "ankle_foot", "lumbopelvic_core", "thoracic",
                  "scapular", "shoulder", "neck")

PHASES = ("inhibit", "lengthen", "activate", "integrate")

# Body weight alone is the empty list, not an item of this vocabulary.
EQUIPMENT = ("foam_roller", "massage_ball", "resistance_band", "mini_band",
             "dumbbell", "kettlebell", "cable_machine", "stability_ball",
             "bench", "step", "strap", "dowel")

POSITIONS = ("standing", "supine", "prone", "side_lying", "seated",
             "quadruped", "kneeling", "half_kneeling")

SIDES = ("left", "right", "bilateral")

TARGET_ROLES = ("primary", "secondary")

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

# "conflicting": the screens alone say both overactive and underactive; test it.
FINDING_STATUSES = ("weak", "inhibited", "overactive", "underactive", "conflicting")
FINDING_SEVERITIES = ("severe", "moderate", "mild")

# Manual muscle testing on the MRC (Oxford) scale, 0-5 (MRC Memorandum 45).
MIN_GRADE, MAX_GRADE = 0, 5
# Only 5 is normal: a grade of 4 (some resistance) or lower is weak, mildly
# so at 4 (MRC scale; issue 13: trainers rarely record 3 or lower).
WEAK_GRADE_AT_OR_BELOW = 4

# Numeric pain rating scale.
MIN_PAIN, MAX_PAIN = 0, 10

# A practice's own media on an exercise (planner/library/media.py).
MEDIA_KINDS = ("photo", "video")
MEDIA_CAPTION_MAX = 200  # our product choice: a line under a photo, not a paragraph
VIDEO_URL_MAX = 500  # our product choice: longer than any video site's share link
