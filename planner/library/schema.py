"""The shape of the library's data files, checked before anything loads.

The README beside this file explains each field; this module enforces it.
"""
from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import (AfterValidator, BaseModel, ConfigDict, Field, StrictBool, StrictInt, field_validator,
                      model_validator)

from planner.validation import multi_line, single_line
from planner.vocabularies import EQUIPMENT, MUSCLE_REGIONS, PAIN_REGIONS, PHASES, POSITIONS, TARGET_ROLES

SLUG = r"^[a-z0-9]+(?:_[a-z0-9]+)*$"
TEMPO = re.compile(r"^[0-9]{1,2}-[0-9]{1,2}-[0-9]{1,2}$")  # eccentric-pause-concentric, seconds

# Dosage bounds. Holds follow the continuum's usual doses: about 30 s on a
# tender spot for inhibit, 30-60 s for lengthen (NASM, Clark & Lucett); the
# bounds leave room for a trainer's judgement either side.
HOLD_SECONDS_FOR_HOLDS = (15, 120)
MAX_SETS = 5
MAX_REPS = 30
MAX_REST_SECONDS = 180
# Text bounds, our product choice: instructions are a short paragraph (the
# library's longest is 434 characters) and a cue is a few words said during
# a rep (its longest is 48); longer text belongs in a handout.
MAX_INSTRUCTIONS = 2_000
MAX_CUE = 120
MAX_CUES = 6


def line(max_length: int, min_length: int = 0):
    """One line of text, `min_length` to `max_length` characters, without control characters."""
    return Annotated[str, Field(min_length=min_length, max_length=max_length), AfterValidator(single_line)]


def _in(vocabulary: tuple[str, ...], what: str):
    def check(value: str) -> str:
        if value not in vocabulary:
            raise ValueError(f"unknown {what} {value!r}; expected one of: {', '.join(vocabulary)}")
        return value
    return check


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class MuscleEntry(Strict):
    slug: str = Field(pattern=SLUG, max_length=64)
    name: str = Field(min_length=1, max_length=120)
    region: str
    actions: list[str] = Field(min_length=1)
    antagonists: list[str] = []
    can_test_weak: StrictBool
    can_be_overactive: StrictBool

    _region = field_validator("region")(_in(MUSCLE_REGIONS, "muscle region"))


class CompensationEntry(Strict):
    slug: str = Field(pattern=SLUG, max_length=64)
    name: str = Field(min_length=1, max_length=120)
    view: Literal["anterior", "lateral", "posterior"]
    overactive: list[str] = []
    underactive: list[str] = []


class ScreenEntry(Strict):
    slug: str = Field(pattern=SLUG, max_length=64)
    name: str = Field(min_length=1, max_length=120)
    source: str = Field(min_length=1)
    compensations: list[CompensationEntry] = Field(min_length=1)


class ScreeningEntry(Strict):
    """A screening question: a red flag asked at each assessment, or a
    precaution recorded on the client (screening.yaml)."""
    slug: str = Field(pattern=SLUG, max_length=64)
    kind: Literal["red_flag", "precaution"]
    label: str = Field(min_length=1, max_length=120)
    question: str = Field(min_length=1, max_length=300)
    source: str = Field(min_length=1)
    excludes: str | None = Field(default=None, min_length=1, max_length=300)
    advice: str | None = Field(default=None, min_length=1, max_length=500)

    @model_validator(mode="after")
    def _precautions_say_what_they_change(self) -> ScreeningEntry:
        if self.kind == "red_flag" and (self.excludes or self.advice):
            raise ValueError("a red flag means referral: give no excludes or advice")
        if self.kind == "precaution" and not self.advice:
            raise ValueError("advice: a precaution says what it changes for the client")
        return self


class LengthTestEntry(Strict):
    """A muscle length test and the muscles it finds short (length_tests.yaml)."""
    slug: str = Field(pattern=SLUG, max_length=64)
    name: str = Field(min_length=1, max_length=120)
    muscles: list[str] = Field(min_length=1)
    how: str = Field(min_length=1)
    source: str = Field(min_length=1)


class Target(Strict):
    muscle: line(64)
    role: str

    _role = field_validator("role")(_in(TARGET_ROLES, "target role"))


class Dosage(Strict):
    sets: StrictInt = Field(ge=1, le=MAX_SETS)
    reps: StrictInt | None = Field(default=None, ge=1, le=MAX_REPS)
    hold_seconds: StrictInt | None = Field(default=None, ge=1, le=HOLD_SECONDS_FOR_HOLDS[1])
    tempo: str | None = None
    rest_seconds: StrictInt = Field(default=0, ge=0, le=MAX_REST_SECONDS)

    @field_validator("tempo")
    @classmethod
    def _tempo_shape(cls, value: str | None) -> str | None:
        if value is not None and not TEMPO.match(value):
            raise ValueError(f"tempo {value!r} must be eccentric-pause-concentric seconds, like '4-2-1'")
        return value


class ExerciseEntry(Strict):
    slug: str = Field(pattern=SLUG, max_length=96)
    name: line(160, min_length=1)
    phase: str
    level: StrictInt = Field(ge=1, le=5)
    equipment: list[str] = []
    position: str
    per_side: StrictBool
    targets: list[Target] = Field(min_length=1)
    contraindications: list[str] = []
    precautions: list[str] = []  # screening precautions that rule it out
    dosage: Dosage
    instructions: Annotated[str, Field(min_length=1, max_length=MAX_INSTRUCTIONS), AfterValidator(multi_line)]
    cues: list[line(MAX_CUE, min_length=1)] = Field(default=[], max_length=MAX_CUES)
    progression: line(96) | None = None
    regression: line(96) | None = None

    _phase = field_validator("phase")(_in(PHASES, "phase"))
    _position = field_validator("position")(_in(POSITIONS, "position"))

    @field_validator("equipment")
    @classmethod
    def _equipment(cls, values: list[str]) -> list[str]:
        for value in values:
            _in(EQUIPMENT, "equipment")(value)
        if len(set(values)) != len(values):
            raise ValueError("equipment lists an item twice")
        return values

    @field_validator("contraindications")
    @classmethod
    def _contraindications(cls, values: list[str]) -> list[str]:
        for value in values:
            _in(PAIN_REGIONS, "pain region")(value)
        if len(set(values)) != len(values):
            raise ValueError("contraindications list a region twice")
        return values

    @field_validator("precautions")
    @classmethod
    def _precautions(cls, values: list[str]) -> list[str]:
        if len(set(values)) != len(values):
            raise ValueError("precautions list one twice")
        return values

    @model_validator(mode="after")
    def _consistent(self) -> ExerciseEntry:
        muscles = [t.muscle for t in self.targets]
        if len(set(muscles)) != len(muscles):
            raise ValueError("targets: a muscle is listed twice")
        if not any(t.role == "primary" for t in self.targets):
            raise ValueError("targets: at least one target must be primary")
        d = self.dosage
        if self.phase in ("inhibit", "lengthen"):
            low, high = HOLD_SECONDS_FOR_HOLDS
            if d.hold_seconds is None or not low <= d.hold_seconds <= high:
                raise ValueError(f"dosage.hold_seconds: {self.phase} exercises hold for {low}-{high} s")
            if d.reps is not None or d.tempo is not None:
                raise ValueError(f"dosage: {self.phase} exercises are holds: give no reps or tempo")
        else:
            if d.reps is None and d.hold_seconds is None:
                raise ValueError(f"dosage: {self.phase} exercises need reps (or hold_seconds for an isometric)")
            if d.reps is not None and d.tempo is None:
                raise ValueError("dosage.tempo: exercises with reps need a tempo, like '4-2-1'")
        if self.progression == self.slug or self.regression == self.slug:
            raise ValueError("an exercise cannot be its own progression or regression")
        return self


def link_problem(link: str, entry_phase: str, entry_level: int, other_name: str, other_phase: str,
                 other_level: int) -> str | None:
    """Why an exercise cannot be this one's `link` ("progression" or
    "regression"), or None: links stay within a phase, a progression is a
    higher level and a regression a lower one."""
    if other_phase != entry_phase:
        return f"{other_name} is a {other_phase} exercise; this one is {entry_phase}"
    higher = link == "progression"
    if (other_level <= entry_level) if higher else (other_level >= entry_level):
        return (f"{other_name} is level {other_level}; a {link} must be at a "
                f"{'higher' if higher else 'lower'} level than {entry_level}")
    return None
