"""The thresholds the report judges pain by, as named constants with their
sources, gathered in one settings object that each report prints.
/work/shared/DOMAIN.md ("Pain and what counts as relief", "Progression and
regression") holds the sources' own words."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass

PAIN_SCALE_MAX = 10  # numeric rating scale 0-10

# "Improving" is a relative drop: percent change is steadier across
# baselines than points (Farrar et al., Pain 2001;94:149, 2,724 patients:
# about 30%); 30% is also IMMPACT's "moderate" and 50% its "substantial"
# improvement (Dworkin et al., J Pain 2008).
MCID_PERCENT = 30.0
# A floor in points, so that a low baseline cannot "improve" by a fraction
# of a point (3 to 2.1 is 30%). Our product choice: one whole point, the
# scale's step; a baseline of 2 falling to 1 (50%, IMMPACT's substantial)
# still counts, which a 2-point floor made impossible.
MIN_DROP_POINTS = 1.0
# Several scores before a mean is judged: one reply is not a trend. Our
# product choice: 3, a week of Monday-Wednesday-Friday check-ins.
MIN_WINDOW_CHECKINS = 3
# No standard definition of lasting recovery exists: 82 low-back-pain
# studies used 66 (Kamper et al. 2011). Ours, explicit and printed on each
# report: four weeks, the usual length of a corrective block before
# reassessment, with at least two pain check-ins a week on average.
LASTING_DAYS = 28
LASTING_MIN_CHECKINS = 8
# A flare is a worsening that lasts (hours to weeks), not one bad reading
# (Costa et al., J Pain 2019); pain-defined flares use a 2-point rise over
# the person's usual level, the minimal clinically important change
# (Farrar 2001).
FLARE_RISE_POINTS = 2.0
# A score that calls the trainer at once. Serlin et al. (Pain 1995) put
# 7-10 as severe; 8 or more, at least 3 points above the client's week, is
# our product choice, so that a chronic 7 does not alert every day.
SEVERE_PAIN_SCORE = 8
SEVERE_RISE_POINTS = 3.0
# Pain-monitoring model (Silbernagel et al., Am J Sports Med 2007): pain
# during exercise 0-2 is safe, up to 5 acceptable if it has settled by the
# next morning, above 5 too much.
EXERCISE_PAIN_SAFE_MAX = 2
EXERCISE_PAIN_ACCEPTABLE_MAX = 5
# "Worse the next morning": the model says worse, so any rise counts (1
# point on the 0-10 scale). A clinic that finds its clients' mornings
# noisier can ask for more.
MORNING_WORSE_POINTS = 1
# A week smooths day-to-day noise and matches the weekly rhythm of training.
ROLLING_WINDOW_DAYS = 7


@dataclass(frozen=True)
class Thresholds:
    """The settings a report is computed with. Defaults are the sourced
    constants above; a report states the ones it used (`as_dict`)."""
    mcid_percent: float = MCID_PERCENT
    min_drop_points: float = MIN_DROP_POINTS
    min_window_checkins: int = MIN_WINDOW_CHECKINS
    lasting_days: int = LASTING_DAYS
    lasting_min_checkins: int = LASTING_MIN_CHECKINS
    flare_rise_points: float = FLARE_RISE_POINTS
    severe_pain_score: int = SEVERE_PAIN_SCORE
    severe_rise_points: float = SEVERE_RISE_POINTS
    exercise_pain_safe_max: int = EXERCISE_PAIN_SAFE_MAX
    exercise_pain_acceptable_max: int = EXERCISE_PAIN_ACCEPTABLE_MAX
    morning_worse_points: int = MORNING_WORSE_POINTS
    rolling_window_days: int = ROLLING_WINDOW_DAYS

    def __post_init__(self) -> None:
        problems = []
        if not 0 < self.mcid_percent <= 100:
            problems.append("mcid_percent must be above 0 and at most 100")
        if not 0 <= self.min_drop_points <= PAIN_SCALE_MAX:
            problems.append("min_drop_points must be between 0 and 10")
        if self.min_window_checkins < 1:
            problems.append("min_window_checkins must be at least 1")
        if self.lasting_days < 1:
            problems.append("lasting_days must be at least 1")
        if self.lasting_min_checkins < 1:
            problems.append("lasting_min_checkins must be at least 1")
        if not 0 < self.flare_rise_points <= PAIN_SCALE_MAX:
            problems.append("flare_rise_points must be above 0 and at most 10")
        if not 0 < self.severe_pain_score <= PAIN_SCALE_MAX:
            problems.append("severe_pain_score must be above 0 and at most 10")
        if not 0 < self.severe_rise_points <= PAIN_SCALE_MAX:
            problems.append("severe_rise_points must be above 0 and at most 10")
        if not 0 <= self.exercise_pain_safe_max <= self.exercise_pain_acceptable_max <= PAIN_SCALE_MAX:
            problems.append("exercise pain limits must be 0 <= safe <= acceptable <= 10")
        if not 1 <= self.morning_worse_points <= PAIN_SCALE_MAX:
            problems.append("morning_worse_points must be between 1 and 10")
        if self.rolling_window_days < 1:
            problems.append("rolling_window_days must be at least 1")
        if problems:
            raise ValueError("; ".join(problems))

    @classmethod
    def from_config(cls, config: Mapping) -> Thresholds:
        """The thresholds the app's settings name (planner/config.py); a
        setting that is absent keeps its sourced default."""
        return cls(**{name: config[key] for key, name in SETTING_NAMES.items() if config.get(key) is not None})

    def as_dict(self) -> dict:
        return asdict(self)


# The app setting each threshold is read from.
SETTING_NAMES = {
    "RELIEF_MCID_PERCENT": "mcid_percent", "RELIEF_MIN_POINTS": "min_drop_points",
    "RELIEF_MIN_WINDOW_CHECKINS": "min_window_checkins",
    "RELIEF_LASTING_DAYS": "lasting_days", "RELIEF_LASTING_MIN_CHECKINS": "lasting_min_checkins",
    "FLARE_RISE_POINTS": "flare_rise_points",
    "SEVERE_PAIN_SCORE": "severe_pain_score", "SEVERE_RISE_POINTS": "severe_rise_points",
    "EXERCISE_PAIN_SAFE_MAX": "exercise_pain_safe_max", "EXERCISE_PAIN_ACCEPTABLE_MAX": "exercise_pain_acceptable_max",
    "MORNING_WORSE_POINTS": "morning_worse_points",
}


DEFAULT_THRESHOLDS = Thresholds()
