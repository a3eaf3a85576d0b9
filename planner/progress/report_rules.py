"""The thresholds the report judges pain by, as named constants with their
sources, gathered in one settings object that each report prints."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass

PAIN_SCALE_MAX = 10  # numeric rating scale 0-10

# The minimal clinically important change on the 0-10 scale: about 2 points
# or about 30% (Farrar et al., Pain 2001;94:149, 2,724 patients). Both must
# hold, so a small baseline cannot "improve" by noise.
MCID_POINTS = 2.0
# 30% is also IMMPACT's "moderate" band (Dworkin et al., J Pain 2008).
MCID_PERCENT = 30.0
# No standard definition of lasting recovery exists: 82 low-back-pain
# studies used 66 (Kamper et al. 2011). Ours, explicit and printed on each
# report: four weeks, the usual length of a corrective block before
# reassessment, with at least two pain check-ins a week on average.
LASTING_DAYS = 28
LASTING_MIN_CHECKINS = 8
# A rise of the minimal clinically important change is a change, not noise
# (Farrar 2001 again, the same figure planner/caseload/attention.py uses).
FLARE_RISE_POINTS = 2.0
# Pain-monitoring model (Silbernagel et al., Am J Sports Med 2007): 0-3 safe,
# 4-5 acceptable, above 5 the load is too high.
FLARE_CEILING = 5.0
# A week smooths day-to-day noise and matches the weekly rhythm of training.
ROLLING_WINDOW_DAYS = 7


@dataclass(frozen=True)
class Thresholds:
    """The settings a report is computed with. Defaults are the sourced
    constants above; a report states the ones it used (`as_dict`)."""
    mcid_points: float = MCID_POINTS
    mcid_percent: float = MCID_PERCENT
    lasting_days: int = LASTING_DAYS
    lasting_min_checkins: int = LASTING_MIN_CHECKINS
    flare_rise_points: float = FLARE_RISE_POINTS
    flare_ceiling: float = FLARE_CEILING
    rolling_window_days: int = ROLLING_WINDOW_DAYS

    def __post_init__(self) -> None:
        problems = []
        if not 0 < self.mcid_points <= PAIN_SCALE_MAX:
            problems.append("mcid_points must be above 0 and at most 10")
        if not 0 < self.mcid_percent <= 100:
            problems.append("mcid_percent must be above 0 and at most 100")
        if self.lasting_days < 1:
            problems.append("lasting_days must be at least 1")
        if self.lasting_min_checkins < 1:
            problems.append("lasting_min_checkins must be at least 1")
        if not 0 < self.flare_rise_points <= PAIN_SCALE_MAX:
            problems.append("flare_rise_points must be above 0 and at most 10")
        if not 0 <= self.flare_ceiling <= PAIN_SCALE_MAX:
            problems.append("flare_ceiling must be between 0 and 10")
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
    "RELIEF_MCID_POINTS": "mcid_points", "RELIEF_MCID_PERCENT": "mcid_percent",
    "RELIEF_LASTING_DAYS": "lasting_days", "RELIEF_LASTING_MIN_CHECKINS": "lasting_min_checkins",
    "FLARE_RISE_POINTS": "flare_rise_points", "FLARE_CEILING": "flare_ceiling",
}


DEFAULT_THRESHOLDS = Thresholds()
