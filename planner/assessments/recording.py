"""Recording an assessment: check it against the catalog, derive the
findings, and build the rows, all or nothing."""
from __future__ import annotations

from datetime import date

from planner.extensions import db
from planner.library.screening import RED_FLAG, unknown_answers
from planner.assessments.findings import LengthTestResult, MuscleTestResult, ObservedCompensation, derive_findings
from planner.assessments.ranking import rank
from planner.models import (Assessment, Client, Compensation, LengthTest, Muscle, MuscleFinding, MuscleLengthTest,
                            MuscleTest, PainScore, PsfsScore, ScreenFinding)
from planner.validation import InputError

OVERHEAD_SQUAT = "overhead_squat"


def _overlaps(side_a: str, side_b: str) -> bool:
    return side_a == side_b or "bilateral" in (side_a, side_b)


def _listed_once_per_side(field: str, items: list, names: list[str], known, unknown_key: str, unknown: str,
                          repeated) -> dict[str, str]:
    """Errors for the items of `field` that name something not in `known`,
    or list again what an earlier item listed for an overlapping side;
    `repeated(name, side, earlier index, earlier side)` words the second."""
    errors: dict[str, str] = {}
    seen: list[tuple[int, str, str]] = []
    for i, (item, name) in enumerate(zip(items, names)):
        if name not in known:
            errors[f"{field}[{i}]{unknown_key}"] = unknown.format(name=repr(name))
            continue
        for j, earlier, side in seen:
            if earlier == name and _overlaps(side, item.side):
                errors[f"{field}[{i}]"] = repeated(name, item.side, j, side)
                break
        seen.append((i, name, item.side))
    return errors


def screen_mapping(screen: str) -> dict[str, Compensation]:
    rows = db.session.scalars(
        db.select(Compensation).where(Compensation.screen_slug == screen)
        .options(db.selectinload(Compensation.muscles)))
    return {c.slug: c for c in rows}


def record_assessment(client: Client, body, today: date) -> Assessment:
    """Validate `body` (an AssessmentCreate) against the catalog and store it
    with its findings. Raises InputError naming every bad field."""
    errors: dict[str, str] = {}
    if body.performed_on > today:
        errors["performed_on"] = f"{body.performed_on.isoformat()} is in the future (today is {today.isoformat()})"

    known_muscles = dict(db.session.execute(db.select(Muscle.slug, Muscle.region)).all())
    errors.update(_listed_once_per_side(
        "muscle_tests", body.muscle_tests, [test.muscle for test in body.muscle_tests], known_muscles, ".muscle",
        "unknown muscle {name}; see GET /api/v1/muscles",
        lambda name, side, j, earlier: f"{name} ({side}) is already tested in muscle_tests[{j}] ({earlier})"))
    mapping = screen_mapping(OVERHEAD_SQUAT)
    errors.update(_listed_once_per_side(
        "overhead_squat", body.overhead_squat, [item.compensation for item in body.overhead_squat], mapping, "",
        "unknown compensation {name}; see GET /api/v1/movement-screens",
        lambda name, side, j, earlier: f"{name} is already listed in overhead_squat[{j}]"))
    errors.update(unknown_answers(RED_FLAG, body.red_flags, "red_flags"))
    length_tests = {test.slug: test for test in db.session.scalars(db.select(LengthTest))}
    errors.update(_listed_once_per_side(
        "length_tests", body.length_tests, [item.test for item in body.length_tests], length_tests, ".test",
        "unknown length test {name}; see GET /api/v1/length-tests",
        lambda name, side, j, earlier: f"{name} ({side}) is already recorded in length_tests[{j}] ({earlier})"))

    regions: dict[str, int] = {}
    for i, pain in enumerate(body.pain):
        if pain.region in regions:
            errors[f"pain[{i}].region"] = f"{pain.region} is already scored in pain[{regions[pain.region]}]"
        regions.setdefault(pain.region, i)

    if errors:
        raise InputError(errors)

    tests = [MuscleTestResult(t.muscle, t.side, t.grade, t.inhibited) for t in body.muscle_tests]
    observed = []
    for item in body.overhead_squat:
        comp = mapping[item.compensation]
        observed.append(ObservedCompensation(
            screen=OVERHEAD_SQUAT, slug=comp.slug, name=comp.name, side=item.side,
            overactive=tuple(m.muscle_slug for m in comp.muscles if m.status == "overactive"),
            underactive=tuple(m.muscle_slug for m in comp.muscles if m.status == "underactive")))
    lengths = [LengthTestResult(item.test, length_tests[item.test].name, item.side, item.result,
                                tuple(length_tests[item.test].muscles)) for item in body.length_tests]
    findings = rank(derive_findings(tests, observed, lengths), {p.region: p.score for p in body.pain}, known_muscles)

    assessment = Assessment(client=client, performed_on=body.performed_on, notes=body.notes,
                            red_flags=list(body.red_flags))
    assessment.muscle_tests = [
        MuscleTest(muscle_slug=t.muscle, side=t.side, grade=t.grade, inhibited=t.inhibited, position=i)
        for i, t in enumerate(body.muscle_tests)]
    assessment.screen_findings = [
        ScreenFinding(screen_slug=OVERHEAD_SQUAT, compensation_slug=c.compensation, side=c.side, position=i)
        for i, c in enumerate(body.overhead_squat)]
    assessment.length_tests = [
        MuscleLengthTest(test_slug=item.test, side=item.side, result=item.result, position=i)
        for i, item in enumerate(body.length_tests)]
    assessment.pain_scores = [PainScore(region=p.region, score=p.score, position=i)
                              for i, p in enumerate(body.pain)]
    assessment.psfs_scores = [PsfsScore(activity=item.activity, score=item.score, position=i)
                              for i, item in enumerate(body.psfs, start=1)]
    assessment.findings = [
        MuscleFinding(muscle_slug=f.muscle, side=f.side, status=f.status, severity=f.severity, sources=f.sources,
                      position=i)
        for i, f in enumerate(findings)]
    db.session.add(assessment)
    return assessment
