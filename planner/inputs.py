"""Request bodies of the JSON API, checked with pydantic.

Strict types: "3" is not a grade and 1 is not true, so an integrator's bug
shows up as a 422 naming the field instead of a silently coerced value.
These models also give the OpenAPI document its request schemas.
"""
from __future__ import annotations

import re
from datetime import date, time
from typing import Annotated, Literal
from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, StrictInt,
                      WithJsonSchema, field_validator)

from planner.time_zones import UnknownZone, zone_named
from planner.validation import MAX_ID, MAX_INTEGER, multi_line, quoted, single_line
from planner.vocabularies import (DAYS, EQUIPMENT, MAX_GRADE, MAX_PAIN, MEDIA_CAPTION_MAX, MIN_GRADE, MIN_PAIN,
                                  PAIN_REGIONS, SIDES, VIDEO_URL_MAX)

# ASCII digits only: `\d` would also take "٠٨:٣٠".
HHMM = re.compile(r"^([01][0-9]|2[0-3]):([0-5][0-9])$")
ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# Plausible dates, our product choice: nothing recorded here (an assessment,
# a check-in) predates 1900, and nothing is planned beyond the end of the
# year after next. Whether a date may lie in the future at all is the
# domain's rule (assessments and check-ins may not).
EARLIEST_DATE = date(1900, 1, 1)
YEARS_AHEAD = 2

Side = Literal[SIDES]  # type: ignore[valid-type]
PainRegion = Literal[PAIN_REGIONS]  # type: ignore[valid-type]
Day = Literal[DAYS]  # type: ignore[valid-type]


def latest_date(today: date | None = None) -> date:
    """The last plausible date: the end of the year after next."""
    return date((today or date.today()).year + YEARS_AHEAD, 12, 31)


def _parse_date(value: object) -> object:
    if isinstance(value, str):
        if not ISO_DATE.match(value):
            raise ValueError(f"must be a date as YYYY-MM-DD (got {quoted(value)})")
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a calendar date") from None
        if day < EARLIEST_DATE:
            raise ValueError(f"{value} is before {EARLIEST_DATE.isoformat()}, the earliest date accepted")
        latest = latest_date()
        if day > latest:
            raise ValueError(f"{value} is too far in the future (the latest date accepted is {latest.isoformat()})")
        return day
    raise ValueError("must be a date string as YYYY-MM-DD")


def _parse_hhmm(value: object) -> object:
    if isinstance(value, str) and HHMM.match(value):
        hours, minutes = value.split(":")
        return time(int(hours), int(minutes))
    raise ValueError(f"must be a 24-hour time as HH:MM (got {quoted(value)})")


def _check_timezone(value: str) -> str:
    """The IANA name of a zone given by its name or by a city of one zone."""
    try:
        return zone_named(value)
    except UnknownZone as unknown:
        raise ValueError(str(unknown)) from None


# The one date type of every request: ISO format, a real calendar date, in
# the plausible range.
IsoDate = Annotated[date, BeforeValidator(_parse_date), WithJsonSchema({
    "type": "string", "format": "date",
    "description": f"From {EARLIEST_DATE.isoformat()} to the end of the year after next"})]
ClockTime = Annotated[time, BeforeValidator(_parse_hhmm),
                      WithJsonSchema({"type": "string", "pattern": HHMM.pattern, "examples": ["08:00"]})]
# Text: one line (names, slugs, numbers) refuses every control character;
# multi-line text (notes, messages) keeps tab and line breaks.
Name = Annotated[str, Field(min_length=1, max_length=120), AfterValidator(single_line)]
# A catalog slug (muscle, compensation, exercise): Exercise.slug's width.
Slug = Annotated[str, Field(max_length=96), AfterValidator(single_line)]
# A phone number as typed, spaces and punctuation included: E.164 has at
# most 15 digits, so 40 characters is ample.
PhoneText = Annotated[str, Field(max_length=40), AfterValidator(single_line)]
ZoneName = Annotated[str, Field(max_length=64), AfterValidator(single_line)]  # Client.timezone's width
# Ids in bodies name rows of integer columns (path ids are bounded by the app's converter).
BodyId = Annotated[StrictInt, Field(ge=1, le=MAX_ID)]


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def _unique_slugs(values: list[str] | None) -> list[str] | None:
    if values is not None and len(set(values)) != len(values):
        raise ValueError("lists an answer twice")
    return values


def _days_in_week_order(days: list[str]) -> list[str]:
    if len(set(days)) != len(days):
        raise ValueError("lists a day twice")
    return sorted(days, key=DAYS.index)


class ClientCreate(Body):
    name: Name
    phone: PhoneText = Field(description="A real phone number, without an extension; stored in E.164, "
                                         "e.g. +14155552671")
    timezone: ZoneName = Field(description="IANA time zone name, e.g. Europe/Berlin, or a city of exactly one "
                                           "zone, e.g. Berlin (stored as the zone's name)")
    reminder_time: ClockTime = Field(default_factory=lambda: time(8, 0),
                                     description="Local time of the training-day reminder, HH:MM (default 08:00)")
    training_days: list[Day] = Field(default=["mon", "wed", "fri"], description="Days of the week, Monday first")
    checkin_time: ClockTime = Field(default_factory=lambda: time(19, 0),
                                    description="Local time of the evening check-in prompt, HH:MM (default 19:00)")
    sms_consent: StrictBool = Field(default=False, description="The client agreed to receive SMS")
    auto_adjust: StrictBool = Field(default=False, description="Apply the nightly review's proposals without "
                                                               "waiting for the trainer's approval")
    precautions: list[Slug] = Field(default=[], description="Precaution slugs from GET /api/v1/screening that "
                                                            "apply to the client, e.g. anticoagulants")

    _timezone = field_validator("timezone")(_check_timezone)
    _days = field_validator("training_days")(_days_in_week_order)
    _precautions = field_validator("precautions")(_unique_slugs)


class ClientUpdate(Body):
    name: Name | None = None
    phone: PhoneText | None = None
    timezone: ZoneName | None = None
    reminder_time: ClockTime | None = None
    training_days: list[Day] | None = None
    checkin_time: ClockTime | None = None
    sms_consent: StrictBool | None = None
    auto_adjust: StrictBool | None = None
    precautions: list[Slug] | None = None

    _precautions = field_validator("precautions")(_unique_slugs)

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str | None) -> str | None:
        return None if value is None else _check_timezone(value)

    @field_validator("training_days")
    @classmethod
    def _days(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else _days_in_week_order(value)


class MuscleTestIn(Body):
    muscle: Slug = Field(description="Muscle slug from GET /api/v1/muscles")
    side: Side
    grade: StrictInt = Field(ge=MIN_GRADE, le=MAX_GRADE, description="MRC manual muscle test grade, 0-5")
    inhibited: StrictBool = False


class CompensationIn(Body):
    compensation: Slug = Field(description="Compensation slug from GET /api/v1/movement-screens")
    side: Side = "bilateral"


def _compensation_shorthand(items: object) -> object:
    # A bare slug means "seen on both sides"; an object can name one side.
    if isinstance(items, list):
        return [{"compensation": item} if isinstance(item, str) else item for item in items]
    return items


class LengthTestIn(Body):
    test: Slug = Field(description="Length test slug from GET /api/v1/length-tests")
    side: Side
    result: Literal["short", "normal"]


class PainIn(Body):
    region: PainRegion
    score: StrictInt = Field(ge=MIN_PAIN, le=MAX_PAIN, description="Numeric pain rating, 0-10")


# The Patient-Specific Functional Scale (Stratford et al., Physiother Can
# 1995): up to 5 activities the client names, each 0 (unable) to 10 (able
# as before the problem). PsfsScore.activity's width bounds the name.
MAX_PSFS_ACTIVITIES = 5
MIN_PSFS_SCORE, MAX_PSFS_SCORE = 0, 10


class PsfsIn(Body):
    activity: Name = Field(
        description="An activity the client finds hard, in their words, e.g. 'climbing stairs'")
    score: StrictInt = Field(ge=MIN_PSFS_SCORE, le=MAX_PSFS_SCORE,
                             description="Ability, 0 (unable) to 10 (as before the problem)")


def _distinct_activities(items: list[PsfsIn]) -> list[PsfsIn]:
    names = [item.activity.casefold() for item in items]
    if len(set(names)) != len(names):
        raise ValueError("names an activity twice")
    return items


class AssessmentCreate(Body):
    performed_on: IsoDate
    notes: Annotated[str, AfterValidator(multi_line)] = Field(default="", max_length=10_000)
    red_flags: list[Slug] = Field(default=[], description="Red-flag slugs from GET /api/v1/screening answered yes; "
                                                          "any means refer before exercise")
    muscle_tests: list[MuscleTestIn] = []
    overhead_squat: Annotated[list[CompensationIn], BeforeValidator(_compensation_shorthand)] = Field(
        default=[], description='Compensation slugs, or {"compensation": slug, "side": "left"} for one side')
    length_tests: list[LengthTestIn] = Field(default=[], description="Muscle length tests, per side: short or normal")
    pain: list[PainIn] = []
    psfs: list[PsfsIn] = Field(default=[], max_length=MAX_PSFS_ACTIVITIES,
                               description="Patient-Specific Functional Scale (Stratford et al. 1995): up to 5 "
                                           "activities the client chooses, each rated 0-10")

    _red_flags = field_validator("red_flags")(_unique_slugs)
    _psfs = field_validator("psfs")(_distinct_activities)


class ClearanceCreate(Body):
    """A clinician's clearance to exercise despite the assessment's red flags."""
    cleared_by: Name = Field(description="The clinician who cleared the client, e.g. 'Dr Rao, GP'")
    cleared_on: IsoDate
    note: str = Field(default="", max_length=2_000)


# --- programs -----------------------------------------------------------------

# Bounds on what a program can ask for. A corrective block usually runs 4-12
# weeks before a reassessment; half a year is the outer limit we accept.
MAX_PROGRAM_WEEKS = 26
MIN_SESSION_MINUTES, MAX_SESSION_MINUTES = 5, 90
Equipment = Literal[EQUIPMENT]  # type: ignore[valid-type]
TEMPO_PATTERN = r"^[0-9]{1,2}-[0-9]{1,2}-[0-9]{1,2}$"


def _check_tempo(value: str) -> str:
    if not re.match(TEMPO_PATTERN, value):
        raise ValueError("write it as three numbers of seconds joined by dashes, e.g. 3-1-2 "
                         f"(lowering, pause, lifting) (got {quoted(value)})")
    return value


# Seconds lowering, pausing, lifting: the pattern is for the OpenAPI
# document, the message for people.
Tempo = Annotated[str, AfterValidator(_check_tempo), WithJsonSchema({
    "type": "string", "pattern": TEMPO_PATTERN, "examples": ["3-1-2"],
    "description": "Seconds lowering, pausing and lifting, e.g. 3-1-2"})]


def _unique_equipment(values: list[str] | None) -> list[str] | None:
    if values is not None and len(set(values)) != len(values):
        raise ValueError("lists an item twice")
    return values


class ProgramStart(Body):
    """Where a new program starts: shared by generating, starting from a template and copying."""
    assessment_id: BodyId | None = Field(default=None, description="Default: the client's latest assessment")
    start_date: IsoDate | None = Field(default=None, description="Default: today, in the client's time zone")
    equipment: list[Equipment] | None = Field(default=None, description="Available equipment; default none")

    _equipment = field_validator("equipment")(_unique_equipment)


class ProgramSettings(ProgramStart):
    weeks: StrictInt | None = Field(default=None, ge=1, le=MAX_PROGRAM_WEEKS, description="Default 6")
    sessions_per_week: StrictInt | None = Field(default=None, ge=1, le=7,
                                                description="Default: the client's number of training days")
    minutes_per_session: StrictInt | None = Field(default=None, ge=MIN_SESSION_MINUTES, le=MAX_SESSION_MINUTES,
                                                  description="Default 20")


class ProgramCreate(ProgramSettings):
    template_id: BodyId | None = Field(default=None, description=(
        "Start from this template of yours, adapted to the client, instead of generating; weeks, "
        "sessions_per_week and minutes_per_session are then the template's (leave them out), and its equipment "
        "the default"))


class ProgramRegenerate(ProgramSettings):
    """Like ProgramCreate; a field left out keeps the program's current value."""


class ProgramCopy(ProgramStart):
    """Copy a program to another client of yours, adapted to them."""
    client_id: BodyId = Field(description="the client to copy the program to")
    equipment: list[Equipment] | None = Field(default=None, description="Default: the program's equipment")


class TemplateCreate(Body):
    name: Name = Field(description="unique among your templates")


class DoseFields(Body):
    """Dosage a trainer may set on a program item."""
    sets: StrictInt | None = Field(default=None, ge=1, le=5)
    reps: StrictInt | None = Field(default=None, ge=1, le=50)
    hold_seconds: StrictInt | None = Field(default=None, ge=1, le=300)
    tempo: Tempo | None = None
    rest_seconds: StrictInt | None = Field(default=None, ge=0, le=300)
    side: Side | None = None


class ItemUpdate(DoseFields):
    exercise: Slug | None = None
    locked: StrictBool | None = None
    position: StrictInt | None = Field(default=None, ge=1, le=MAX_INTEGER,
                                       description="New place in the session, 1 = first")
    apply_to: Literal["item", "following"] = Field(
        default="item", description="'following' also changes every later session with this item (its slot); a "
                                     "dose change shifts their planned progression by the same amount")

    @field_validator("sets", "rest_seconds", "exercise", "locked", "position", mode="before")
    @classmethod
    def _kept_when_null(cls, value):
        # An item always has these; null would clear what cannot be empty.
        if value is None:
            raise ValueError("cannot be null: leave it out to keep the current value")
        return value


class ItemCreate(DoseFields):
    exercise: Slug
    locked: StrictBool = False
    position: StrictInt | None = Field(default=None, ge=1, le=MAX_INTEGER)
    rationale: Annotated[str, Field(max_length=300), AfterValidator(single_line)] | None = None


# --- messages and check-ins ------------------------------------------------------

MAX_SMS_LENGTH = 640  # four segments: longer texts belong on the session page


class ManualMessage(Body):
    body: Annotated[str, AfterValidator(multi_line)] = Field(min_length=1, max_length=MAX_SMS_LENGTH)


class CheckInCreate(Body):
    date: IsoDate
    pain: StrictInt | None = Field(default=None, ge=MIN_PAIN, le=MAX_PAIN, description="Usual pain that day, 0-10")
    done: StrictBool | None = None
    exercise_pain: StrictInt | None = Field(default=None, ge=MIN_PAIN, le=MAX_PAIN,
                                            description="Pain during that day's session, 0-10")
    morning_pain: StrictInt | None = Field(default=None, ge=MIN_PAIN, le=MAX_PAIN,
                                           description="Pain on waking that morning, 0-10")


class VideoLinkCreate(Body):
    """A video link on an exercise. What makes a link acceptable (https, a
    website, no password in it) is planner/library/media.py's rule."""
    video_url: str = Field(max_length=VIDEO_URL_MAX, json_schema_extra={"pattern": "^https://"},
                           description="a secure web link (https://) to the video, e.g. on YouTube or Vimeo")
    caption: Annotated[str, Field(max_length=MEDIA_CAPTION_MAX), AfterValidator(single_line)] | None = None
