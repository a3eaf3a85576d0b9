"""Dosage: how much of an exercise, how long it takes, how it progresses.

Plain functions over plain data. The defaults follow the corrective exercise
continuum (NASM; Clark & Lucett, NASM Essentials of Corrective Exercise
Training), as summarised in shared/DOMAIN.md:
- inhibit: hold about 30 s on a tender spot;
- lengthen: static holds of 30 s, up to 30-60 s;
- activate: 1-2 sets of 10-15 reps, slow eccentric;
- integrate: 1-3 sets of 10-15 reps, controlled (unconfirmed in the source).
The generator climbs by double progression (climb, restart, add_set); the
nightly review steps one rung of REP_LADDER at a time (next_dose,
previous_dose), up to 3 sets.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

INHIBIT_HOLD_SECONDS = 30
LENGTHEN_HOLD_START_SECONDS = 30
LENGTHEN_HOLD_MAX_SECONDS = 60
LENGTHEN_HOLD_STEP_SECONDS = 5

# Loaded work climbs a ladder of (sets, reps), one rung at a time, so weekly
# volume can rise in small steps. Dropping to 8 reps when a set is added
# keeps the step small (1x15 -> 2x8 adds one rep's worth).
REP_LADDER: tuple[tuple[int, int], ...] = (
    tuple((1, r) for r in range(10, 16))
    + tuple((2, r) for r in range(8, 16))
    + tuple((3, r) for r in range(10, 16))
)
ACTIVATE_START = (1, 12)   # NASM: 1-2 sets of 10-15; start with one set
INTEGRATE_START = (1, 10)  # a first set of a new pattern, at the bottom of 10-15

# Isometric (hold-only) loaded work: the hold grows, then a set is added.
HOLD_STEP_SECONDS = 5
HOLD_GROWTH = 1.5  # up to 1.5x the library's default hold before adding a set
MAX_SETS = 3

# Time estimates for fitting a session into its minutes.
TRANSITION_SECONDS = 30   # setting up and reading the next exercise
SIDE_SWITCH_SECONDS = 10  # changing sides on one-sided work
DEFAULT_TEMPO_SECONDS = 4  # a rep with no stated tempo


@dataclass(frozen=True)
class Dose:
    sets: int
    reps: int | None
    hold_seconds: int | None
    tempo: str | None
    rest_seconds: int

    def as_dict(self) -> dict:
        return {"sets": self.sets, "reps": self.reps, "hold_seconds": self.hold_seconds,
                "tempo": self.tempo, "rest_seconds": self.rest_seconds}


@lru_cache(maxsize=256)  # pure, and called for every item of every week the generator tries
def tempo_seconds(tempo: str | None) -> int:
    if not tempo:
        return DEFAULT_TEMPO_SECONDS
    return sum(int(part) for part in tempo.split("-"))


def work_seconds_per_set(dose: Dose) -> int:
    if dose.reps:
        return dose.reps * tempo_seconds(dose.tempo)
    return dose.hold_seconds or 0


def sides_count(per_side: bool, side: str | None) -> int:
    """One-sided exercises done on both sides take twice the work."""
    return 2 if per_side and side in (None, "bilateral") else 1


@lru_cache(maxsize=4096)  # pure over hashable values: the generator asks for the same ones many times
def seconds(dose: Dose, per_side: bool, side: str | None) -> int:
    """Estimated wall-clock time of one item, set-up included."""
    sides = sides_count(per_side, side)
    work = dose.sets * sides * work_seconds_per_set(dose)
    rests = dose.rest_seconds * max(dose.sets - 1, 0)
    switches = SIDE_SWITCH_SECONDS * (sides - 1)
    return work + rests + switches + TRANSITION_SECONDS


def load(dose: Dose, per_side: bool, side: str | None, phase: str) -> int:
    """Training volume of one item: seconds of loaded work (activate and
    integrate only; releases and stretches are not load)."""
    if phase not in ("activate", "integrate"):
        return 0
    return dose.sets * sides_count(per_side, side) * work_seconds_per_set(dose)


def starting_dose(phase: str, default: Dose) -> Dose:
    """Week one, from the library's default dosage and the continuum."""
    if phase == "inhibit":
        return replace(default, sets=1, reps=None, tempo=None, hold_seconds=INHIBIT_HOLD_SECONDS)
    if phase == "lengthen":
        return replace(default, sets=1, reps=None, tempo=None, hold_seconds=LENGTHEN_HOLD_START_SECONDS)
    if default.reps is None:  # an isometric: start with one set of the default hold
        return replace(default, sets=1)
    sets, reps = ACTIVATE_START if phase == "activate" else INTEGRATE_START
    return replace(default, sets=sets, reps=reps)


def next_dose(phase: str, dose: Dose, default: Dose) -> Dose | None:
    """One small step up, or None at the top."""
    if phase == "inhibit":
        return None
    if phase == "lengthen":
        if dose.hold_seconds is None or dose.hold_seconds >= LENGTHEN_HOLD_MAX_SECONDS:
            return None
        return replace(dose, hold_seconds=min(dose.hold_seconds + LENGTHEN_HOLD_STEP_SECONDS,
                                              LENGTHEN_HOLD_MAX_SECONDS))
    if dose.reps is None:
        top_hold = round_to_step(int((default.hold_seconds or 20) * HOLD_GROWTH))
        hold = dose.hold_seconds or 0
        if hold + HOLD_STEP_SECONDS <= top_hold:
            return replace(dose, hold_seconds=hold + HOLD_STEP_SECONDS)
        if dose.sets < MAX_SETS:
            return replace(dose, sets=dose.sets + 1, hold_seconds=default.hold_seconds)
        return None
    rung = ladder_index(dose)
    if rung + 1 >= len(REP_LADDER):
        return None
    sets, reps = REP_LADDER[rung + 1]
    return replace(dose, sets=sets, reps=reps)


def previous_dose(phase: str, dose: Dose, default: Dose) -> Dose | None:
    """One small step down, or None at the bottom: the mirror of next_dose."""
    if phase == "inhibit":
        return None
    if dose.reps is None:
        hold = dose.hold_seconds or 0
        floor = LENGTHEN_HOLD_START_SECONDS if phase == "lengthen" else HOLD_STEP_SECONDS
        if dose.sets > 1:
            return replace(dose, sets=dose.sets - 1)
        if hold - HOLD_STEP_SECONDS >= floor:
            return replace(dose, hold_seconds=hold - HOLD_STEP_SECONDS)
        return None
    rung = ladder_index(dose)
    if rung == 0:
        return None
    sets, reps = REP_LADDER[rung - 1]
    return replace(dose, sets=sets, reps=reps)


def round_to_step(seconds_: int) -> int:
    return max(HOLD_STEP_SECONDS, seconds_ - seconds_ % HOLD_STEP_SECONDS)


def ladder_index(dose: Dose) -> int:
    """Where (sets, reps) sits on the ladder: the highest rung not above it."""
    volume = dose.sets * (dose.reps or 0)
    best = 0
    for index, (sets, reps) in enumerate(REP_LADDER):
        if (sets, reps) == (dose.sets, dose.reps):
            return index
        if sets * reps <= volume:
            best = index
    return best


# --- the generator's double progression ---------------------------------------
# Reps climb REP_STEP a week (REP_STEP_LOADED for loaded work, so it stays
# within the 10% rule) to the top of NASM's 10-15; at the top the exercise
# moves up its progression chain and the reps go back to the bottom: double
# progression (NSCA, Essentials of Strength Training and Conditioning: raise
# the load once the reps beat the target). The steps are our product choice.
REP_RANGE = (10, 15)
REP_STEP = 2
REP_STEP_LOADED = 1
# Sets a phase may reach: activation 1-2 (NASM), integration 1-3 (commonly
# taught, unconfirmed), a stretch repeated to about 60 s in all (ACSM:
# Garber et al., Med Sci Sports Exerc 2011), a release on a second tender
# spot (NASM holds each spot about 30 s; the second spot is our product choice).
MAX_SETS_BY_PHASE = {"inhibit": 2, "lengthen": 2, "activate": 2, "integrate": 3}


def climb(phase: str, dose: Dose, default: Dose, loaded: bool) -> Dose | None:
    """One week's double-progression step within the same exercise, or None
    at the top of its range (a release holds 30 s and does not climb)."""
    if phase == "inhibit":
        return None
    if phase == "lengthen" or dose.reps is None:
        return next_dose(phase, dose, default) if phase == "lengthen" else _longer_hold(dose, default)
    if dose.reps >= REP_RANGE[1]:
        return None
    step = REP_STEP_LOADED if loaded else REP_STEP
    return replace(dose, reps=min(dose.reps + step, REP_RANGE[1]))


def _longer_hold(dose: Dose, default: Dose) -> Dose | None:
    top = round_to_step(int((default.hold_seconds or 20) * HOLD_GROWTH))
    hold = dose.hold_seconds or 0
    return replace(dose, hold_seconds=hold + HOLD_STEP_SECONDS) if hold + HOLD_STEP_SECONDS <= top else None


def restart(phase: str, dose: Dose, harder: Dose) -> Dose:
    """The dose on the next exercise up the chain: the same sets, reps back
    to the bottom of the range (an isometric: its own default hold)."""
    if harder.reps is None:
        return replace(harder, sets=dose.sets)
    return replace(harder, sets=dose.sets, reps=REP_RANGE[0])


def add_set(phase: str, dose: Dose) -> Dose | None:
    """At the top of the chain: one more set, reps back to the bottom."""
    if dose.sets >= MAX_SETS_BY_PHASE[phase]:
        return None
    if dose.reps is None:
        return replace(dose, sets=dose.sets + 1)
    return replace(dose, sets=dose.sets + 1, reps=REP_RANGE[0])


def fuller(phase: str, dose: Dose) -> Dose | None:
    """One more set of the same work, to fill the minutes a session has
    (see rules.MIN_SESSION_FILL), or None at the phase's most sets."""
    if dose.sets >= MAX_SETS_BY_PHASE[phase]:
        return None
    return replace(dose, sets=dose.sets + 1)


# A lighter week keeps about 60% of the load (a common deload of 40-60%;
# periodisation practice, e.g. Bompa & Haff, Periodization, 5th ed.).
DELOAD_LOAD_FACTOR = 0.6


def deload_dose(phase: str, dose: Dose, default: Dose, start: Dose) -> Dose:
    """The lighter-week dose: loaded work drops to about 60%, never below the
    starting dose and never above this week's; holds go back to the start."""
    if phase in ("inhibit", "lengthen"):
        return start
    if dose.reps is None:
        target = max(int(dose.sets * (dose.hold_seconds or 0) * DELOAD_LOAD_FACTOR), 1)
        candidate = start
        while True:
            step = next_dose(phase, candidate, default)
            if step is None or step.sets * (step.hold_seconds or 0) > target:
                return candidate
            candidate = step
    target = dose.sets * dose.reps * DELOAD_LOAD_FACTOR
    sets, reps = REP_LADDER[0]
    for rung_sets, rung_reps in REP_LADDER:
        if rung_sets * rung_reps <= target:
            sets, reps = rung_sets, rung_reps
    if sets * reps > dose.sets * dose.reps:
        return dose
    return replace(dose, sets=sets, reps=reps)
