"""The assessment form: from posted fields to the API's AssessmentCreate, and
from the API's error paths back to the form's inputs.

Plain functions over a MultiDict-like mapping (anything with `.get`): no
Flask, no database. The layout (which muscles, compensations and regions the
form shows) is passed in, so the form and the parser always agree.

Rules the form adds on top of the API's:
- An empty grade means "not tested"; an inhibited box needs a grade, because
  the API records inhibition as a flag next to a measured grade.
- The same result on both sides (same grade and flag, or a compensation
  ticked left and right) is sent as one `bilateral` entry, as an API caller
  would write it, so the findings read "both sides" rather than twice.
- The Patient-Specific Functional Scale has 5 rows of activity and score;
  an empty row is left out, and a row with only one of the two is an error
  beside the missing one.
- Compensations seen from the front (or back) can be ticked per side; those
  judged from the side view (forward lean, arching, head position) are one
  box, since one camera angle cannot tell left from right.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, TypeVar

from pydantic import ValidationError

from planner.inputs import MAX_PSFS_ACTIVITIES, MAX_PSFS_SCORE, MIN_PSFS_SCORE, AssessmentCreate
from planner.validation import MAX_INTEGER, InputError, errors_from, quoted, whole_number
from planner.vocabularies import MAX_GRADE, MAX_PAIN, MIN_GRADE, MIN_PAIN, PAIN_REGIONS

TESTED_SIDES = ("left", "right")
# Screen views from which left and right can be told apart.
VIEWS_WITH_SIDES = frozenset({"anterior", "posterior"})
GENERAL = "form"  # errors that belong to no single input

MUSCLE_REGION_LABELS = {"hip": "Hip", "knee": "Knee", "ankle_foot": "Ankle and foot",
                        "lumbopelvic_core": "Lumbopelvic core", "thoracic": "Thoracic spine",
                        "scapular": "Shoulder blade", "shoulder": "Shoulder", "neck": "Neck"}
PAIN_REGION_LABELS = {"neck": "Neck", "shoulder": "Shoulder", "elbow": "Elbow", "wrist_hand": "Wrist and hand",
                      "upper_back": "Upper back", "low_back": "Low back", "hip": "Hip", "knee": "Knee",
                      "ankle_foot": "Ankle and foot"}
SIDE_LABELS = {"left": "left", "right": "right", "bilateral": "both sides"}


@dataclass(frozen=True)
class GridMuscle:
    slug: str
    name: str
    region: str


@dataclass(frozen=True)
class CheckableCompensation:
    slug: str
    name: str
    view: str

    @property
    def per_side(self) -> bool:
        return self.view in VIEWS_WITH_SIDES


@dataclass(frozen=True)
class Question:
    """A screening question asked on the form (a red flag)."""
    slug: str
    label: str
    question: str


@dataclass(frozen=True)
class LengthTestRow:
    """A muscle length test on the form: short or normal, per side."""
    slug: str
    name: str
    muscles: str  # the muscles it implicates, in words


LENGTH_RESULTS = ("short", "normal")


@dataclass(frozen=True)
class FormLayout:
    muscles: tuple[GridMuscle, ...]  # in catalog order
    compensations: tuple[CheckableCompensation, ...]
    pain_regions: tuple[str, ...] = PAIN_REGIONS
    red_flags: tuple[Question, ...] = ()
    length_tests: tuple[LengthTestRow, ...] = ()

    def regions(self) -> list[tuple[str, list[GridMuscle]]]:
        """(region, its muscles), regions in the order the catalog first names them."""
        grouped: dict[str, list[GridMuscle]] = {}
        for muscle in self.muscles:
            grouped.setdefault(muscle.region, []).append(muscle)
        return list(grouped.items())

    def labels(self) -> dict[str, str]:
        """Every input's name -> what a person calls it, for the error summary."""
        labels = {"performed_on": "Date performed", "notes": "Notes"}
        for q in self.red_flags:
            labels[red_flag_field(q.slug)] = f"Red flag: {q.label}"
        for m in self.muscles:
            for side in TESTED_SIDES:
                labels[grade_field(m.slug, side)] = f"{m.name}, {side}: grade"
                labels[inhibited_field(m.slug, side)] = f"{m.name}, {side}: inhibited"
        for c in self.compensations:
            for side in (TESTED_SIDES if c.per_side else ("bilateral",)):
                labels[compensation_field(c.slug, side)] = (
                    f"{c.name}, {side}" if c.per_side else c.name)
        for test in self.length_tests:
            for side in TESTED_SIDES:
                labels[length_field(test.slug, side)] = f"{test.name}, {side}"
        for region in self.pain_regions:
            labels[pain_field(region)] = f"Pain: {region_label(region)}"
        for row in PSFS_ROWS:
            labels[psfs_activity_field(row)] = f"Function: activity {row}"
            labels[psfs_score_field(row)] = f"Function: activity {row}, score"
        return labels


def region_label(region: str) -> str:
    return MUSCLE_REGION_LABELS.get(region) or PAIN_REGION_LABELS.get(region) or region.replace("_", " ").capitalize()


def grade_field(muscle: str, side: str) -> str:
    return f"grade-{muscle}-{side}"


def inhibited_field(muscle: str, side: str) -> str:
    return f"inhibited-{muscle}-{side}"


def compensation_field(compensation: str, side: str) -> str:
    return f"squat-{compensation}" if side == "bilateral" else f"squat-{compensation}-{side}"


def length_field(test: str, side: str) -> str:
    return f"length-{test}-{side}"


def red_flag_field(slug: str) -> str:
    return f"red-flag-{slug}"


def pain_field(region: str) -> str:
    return f"pain-{region}"


PSFS_ROWS = tuple(range(1, MAX_PSFS_ACTIVITIES + 1))


def psfs_activity_field(row: int) -> str:
    return f"psfs-activity-{row}"


def psfs_score_field(row: int) -> str:
    return f"psfs-score-{row}"


GRADE_CHOICES = tuple(str(g) for g in range(MIN_GRADE, MAX_GRADE + 1))


@dataclass
class Reading:
    """What the form says: the API fields, errors found while reading them
    (keyed by input name), and where each API path sits on the form."""
    fields: dict
    errors: dict[str, str] = field(default_factory=dict)
    places: dict[str, tuple[str, ...]] = field(default_factory=dict)


def _whole_number(raw: str) -> int | None:
    """Digits 0-9 only; the model then says which range the field takes."""
    return whole_number(raw, 0, MAX_INTEGER)


def read_form(form, layout: FormLayout) -> Reading:
    """The posted form as AssessmentCreate's fields, still unchecked."""
    reading = Reading(fields={"performed_on": (form.get("performed_on") or "").strip(),
                              "notes": (form.get("notes") or "").strip(),
                              "muscle_tests": [], "overhead_squat": [], "pain": []},
                      places={"performed_on": ("performed_on",), "notes": ("notes",)})
    if not reading.fields["performed_on"]:
        reading.errors["performed_on"] = "is required"
    flags = [q.slug for q in layout.red_flags if form.get(red_flag_field(q.slug))]
    if flags:  # left out when none is ticked, as an API caller would
        reading.fields["red_flags"] = flags
        reading.places |= {f"red_flags[{i}]": (red_flag_field(slug),) for i, slug in enumerate(flags)}
    for muscle in layout.muscles:
        _read_muscle(form, muscle, reading)
    for compensation in layout.compensations:
        _read_compensation(form, compensation, reading)
    for test in layout.length_tests:
        _read_length_test(form, test, reading)
    for region in layout.pain_regions:
        _read_pain(form, region, reading)
    for row in PSFS_ROWS:
        _read_psfs_row(form, row, reading)
    return reading


def _read_length_test(form, test: LengthTestRow, reading: Reading) -> None:
    results: dict[str, str] = {}
    for side in TESTED_SIDES:
        name = length_field(test.slug, side)
        raw = (form.get(name) or "").strip()
        if raw == "":
            continue  # not tested
        if raw not in LENGTH_RESULTS:
            reading.errors[name] = f"must be short or normal (got {raw!r})"
            continue
        results[side] = raw
    if len(results) == 2 and results["left"] == results["right"]:
        results = {"bilateral": results["left"]}
    if results:  # left out when nothing was tested, as an API caller would
        items = reading.fields.setdefault("length_tests", [])
        for side, result in results.items():
            sides = TESTED_SIDES if side == "bilateral" else (side,)
            reading.places[f"length_tests[{len(items)}]"] = tuple(length_field(test.slug, s) for s in sides)
            items.append({"test": test.slug, "side": side, "result": result})


def _read_muscle(form, muscle: GridMuscle, reading: Reading) -> None:
    tested: dict[str, tuple[int, bool]] = {}
    for side in TESTED_SIDES:
        name = grade_field(muscle.slug, side)
        raw = (form.get(name) or "").strip()
        inhibited = bool(form.get(inhibited_field(muscle.slug, side)))
        if raw == "":
            if inhibited:
                reading.errors[name] = "choose the grade the inhibited muscle tested at"
            continue
        grade = _whole_number(raw)
        if grade is None:
            reading.errors[name] = f"must be a whole number from {MIN_GRADE} to {MAX_GRADE} (got {quoted(raw)})"
            continue
        tested[side] = (grade, inhibited)
    if len(tested) == 2 and tested["left"] == tested["right"]:
        tested = {"bilateral": tested["left"]}
    tests = reading.fields["muscle_tests"]
    for side, (grade, inhibited) in tested.items():
        sides = TESTED_SIDES if side == "bilateral" else (side,)
        path = f"muscle_tests[{len(tests)}]"
        reading.places[path] = tuple(grade_field(muscle.slug, s) for s in sides)
        reading.places[f"{path}.inhibited"] = tuple(inhibited_field(muscle.slug, s) for s in sides)
        tests.append({"muscle": muscle.slug, "side": side, "grade": grade, "inhibited": inhibited})


def _read_compensation(form, compensation: CheckableCompensation, reading: Reading) -> None:
    if compensation.per_side:
        ticked = [s for s in TESTED_SIDES if form.get(compensation_field(compensation.slug, s))]
        side = "bilateral" if len(ticked) == 2 else (ticked[0] if ticked else None)
        inputs = tuple(compensation_field(compensation.slug, s) for s in ticked)
    else:
        side = "bilateral" if form.get(compensation_field(compensation.slug, "bilateral")) else None
        inputs = (compensation_field(compensation.slug, "bilateral"),)
    if side is None:
        return
    items = reading.fields["overhead_squat"]
    reading.places[f"overhead_squat[{len(items)}]"] = inputs
    items.append({"compensation": compensation.slug, "side": side})


def _read_pain(form, region: str, reading: Reading) -> None:
    name = pain_field(region)
    raw = (form.get(name) or "").strip()
    if raw == "":
        return  # not reported
    score = _whole_number(raw)
    if score is None:
        reading.errors[name] = f"must be a whole number from {MIN_PAIN} to {MAX_PAIN} (got {quoted(raw)})"
        return
    items = reading.fields["pain"]
    reading.places[f"pain[{len(items)}]"] = (name,)
    items.append({"region": region, "score": score})


def _read_psfs_row(form, row: int, reading: Reading) -> None:
    activity_name, score_name = psfs_activity_field(row), psfs_score_field(row)
    activity = (form.get(activity_name) or "").strip()
    raw = (form.get(score_name) or "").strip()
    if not activity and not raw:
        return  # an unused row
    if not activity:
        reading.errors[activity_name] = "name the activity this score is for"
    if not raw:
        reading.errors[score_name] = f"give the score for {quoted(activity)}, {MIN_PSFS_SCORE} to {MAX_PSFS_SCORE}"
        return
    score = _whole_number(raw)
    if score is None:
        reading.errors[score_name] = (f"must be a whole number from {MIN_PSFS_SCORE} to {MAX_PSFS_SCORE} "
                                      f"(got {quoted(raw)})")
        return
    if not activity:
        return
    items = reading.fields.setdefault("psfs", [])
    path = f"psfs[{len(items)}]"
    reading.places[path] = (activity_name, score_name)
    reading.places[f"{path}.activity"] = (activity_name,)
    reading.places[f"{path}.score"] = (score_name,)
    # A list-wide refusal (an activity named twice) belongs beside the activities.
    reading.places["psfs"] = reading.places.get("psfs", ()) + (activity_name,)
    items.append({"activity": activity, "score": score})


def on_the_form(reading: Reading, api_errors: dict[str, str]) -> dict[str, str]:
    """API error paths (`muscle_tests[3].grade`) -> the inputs they concern.
    A path is tried as is, then with its last part dropped, until it names a
    place; what names none is a general error of the form."""
    errors: dict[str, str] = {}
    for path, message in api_errors.items():
        inputs = _inputs_for(reading, path)
        for name in inputs or (GENERAL,):
            errors.setdefault(name, message)
    return errors


def _inputs_for(reading: Reading, path: str) -> tuple[str, ...]:
    while path:
        if path in reading.places:
            return reading.places[path]
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return ()


def checked_body(reading: Reading) -> AssessmentCreate:
    """The API's own model, or InputError keyed by input name with every
    problem the reading and the model found."""
    errors = dict(reading.errors)
    try:
        body = AssessmentCreate.model_validate(reading.fields)
    except ValidationError as exc:
        for name, message in on_the_form(reading, errors_from(exc)).items():
            errors.setdefault(name, message)
        body = None
    if errors:
        raise InputError(errors)
    return body


Recorded = TypeVar("Recorded")


def submit(reading: Reading, record: Callable[[AssessmentCreate], Recorded]) -> Recorded:
    """Check the reading, then `record` it (the domain function, which checks
    the catalog and the date); any refusal comes back keyed by input name."""
    body = checked_body(reading)
    try:
        return record(body)
    except InputError as exc:
        raise InputError(on_the_form(reading, exc.errors)) from None
