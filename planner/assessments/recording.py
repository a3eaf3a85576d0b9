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
    seen_tests: list[tuple[int, str, str]] = []
    for i, test in enumerate(body.muscle_tests):
        if test.muscle not in known_muscles:
            errors[f"muscle_tests[{i}].muscle"] = f"unknown muscle {test.muscle!r}; see GET /api/v1/muscles"
            continue
        for j, muscle, side in seen_tests:
            if muscle == test.muscle and _overlaps(side, test.side):
                errors[f"muscle_tests[{i}]"] = (f"{test.muscle} ({test.side}) is already tested in "
                                                f"muscle_tests[{j}] ({side})")
                break
        seen_tests.append((i, test.muscle, test.side))

    mapping = screen_mapping(OVERHEAD_SQUAT)
    seen_comps: list[tuple[int, str, str]] = []
    for i, item in enumerate(body.overhead_squat):
        if item.compensation not in mapping:
            errors[f"overhead_squat[{i}]"] = (f"unknown compensation {item.compensation!r}; "
                                              f"see GET /api/v1/movement-screens")
            continue
        for j, slug, side in seen_comps:
            if slug == item.compensation and _overlaps(side, item.side):
                errors[f"overhead_squat[{i}]"] = f"{slug} is already listed in overhead_squat[{j}]"
                break
        seen_comps.append((i, item.compensation, item.side))

    errors.update(unknown_answers(RED_FLAG, body.red_flags, "red_flags"))
    length_tests = {test.slug: test for test in db.session.scalars(db.select(LengthTest))}
    seen_lengths: list[tuple[int, str, str]] = []
    for i, item in enumerate(body.length_tests):
        if item.test not in length_tests:
            errors[f"length_tests[{i}].test"] = f"unknown length test {item.test!r}; see GET /api/v1/length-tests"
            continue
        for j, slug, side in seen_lengths:
            if slug == item.test and _overlaps(side, item.side):
                errors[f"length_tests[{i}]"] = f"{slug} ({item.side}) is already recorded in length_tests[{j}] ({side})"
                break
        seen_lengths.append((i, item.test, item.side))

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
