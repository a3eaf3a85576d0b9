"""Muscle findings from an assessment's muscle tests and movement screen.

Plain functions over plain data: no Flask, no database.

Rules:
- A manual muscle test graded WEAK_GRADE_AT_OR_BELOW (4/5) or lower is a
  `weak` finding: on the MRC scale only 5 is normal (MRC Memorandum 45).
  Its severity follows the grade: 4 mild, 3 moderate, 0-2 severe (the
  words are our product choice, issue 13).
- A test flagged inhibited is an `inhibited` finding whatever its grade: the
  flag is the examiner's judgement that the muscle fails to engage though it
  is not structurally weak, so it says more than the grade.
- Each screen compensation suggests its mapped muscles are `overactive` or
  `underactive` on the side it was seen (both sides when not one-sided).
  What a screen only suggests is `mild` until a test confirms it.
- A length test found short makes the muscles it implicates `overactive`
  (short) on that side, confirmed by the test (SHORT_SEVERITY).
- A test overrides the screen for the same muscle and side: a weak or
  inhibited muscle test, or a short length test, confirms the suggestion
  (the screen joins the evidence); a normal, uninhibited 5/5 rules an
  underactive suggestion out, and a normal length an overactive one.
- Weak, inhibited and underactive all mean "needs activating": on the same
  muscle and side they merge into one finding whose status is the strongest
  evidence (inhibited, then weak, then underactive) and whose sources list
  everything behind it. Overactive stays a finding of its own.
- When the screens alone call one muscle and side both overactive and
  underactive, the two suggestions cancel into one `conflicting` finding:
  it says "test it" and is never programmed.
- Left and right with the same status, severity and evidence collapse back
  into one `bilateral` finding.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from planner.vocabularies import WEAK_GRADE_AT_OR_BELOW

# Which status wins when activation evidence merges, strongest first.
ACTIVATION_STATUS_PRECEDENCE = ("inhibited", "weak", "underactive")
_STATUS_ORDER = {"inhibited": 0, "weak": 1, "underactive": 2, "overactive": 3, "conflicting": 4}
SEVERITIES = ("severe", "moderate", "mild")  # most severe first
CONFIRMING_KINDS = ("muscle_test", "length_test")
# A length test found short: a clear sign, but with no grade to scale it
# (our product choice: moderate).
SHORT_SEVERITY = "moderate"


def severity_of_grade(grade: int) -> str:
    """MRC grade to words: 0-2 severe, 3 moderate, 4 (and an inhibited 5) mild."""
    return "severe" if grade <= 2 else "moderate" if grade == 3 else "mild"


@dataclass(frozen=True)
class MuscleTestResult:
    muscle: str
    side: str  # left, right, bilateral
    grade: int
    inhibited: bool = False


@dataclass(frozen=True)
class LengthTestResult:
    test: str
    name: str
    side: str  # left, right, bilateral
    result: str  # short or normal
    muscles: tuple[str, ...] = ()


@dataclass(frozen=True)
class ObservedCompensation:
    screen: str
    slug: str
    name: str
    side: str  # left, right, bilateral
    overactive: tuple[str, ...] = ()
    underactive: tuple[str, ...] = ()


@dataclass
class Finding:
    muscle: str
    side: str
    status: str
    sources: list[dict] = field(default_factory=list)
    # Where the muscle stands in its compensation's list (0 = named first):
    # the screen tables name the chief suspects first.
    screen_rank: int = 99
    severity: str = "mild"

    @property
    def lowest_grade(self) -> int | None:
        grades = [s["grade"] for s in self.sources if s["kind"] == "muscle_test"]
        return min(grades) if grades else None

    @property
    def confirmed(self) -> bool:
        """A test, not only a screen, stands behind it."""
        return self.status != "conflicting" and any(s["kind"] in CONFIRMING_KINDS for s in self.sources)

    @property
    def compensations(self) -> list[str]:
        """The screen compensations that suggested it, in source order."""
        return [s["compensation"] for s in self.sources if "compensation" in s]

    def as_dict(self) -> dict:
        return {"muscle": self.muscle, "side": self.side, "status": self.status, "severity": self.severity,
                "sources": list(self.sources)}


def _sides(side: str) -> tuple[str, ...]:
    return ("left", "right") if side == "bilateral" else (side,)


def muscle_test_source(test: MuscleTestResult) -> dict:
    if test.inhibited:
        summary = f"tested inhibited, graded {test.grade}/5"
    else:
        summary = f"graded {test.grade}/5"
    return {"kind": "muscle_test", "side": test.side, "grade": test.grade,
            "inhibited": test.inhibited, "summary": summary}


def length_test_source(test: LengthTestResult) -> dict:
    return {"kind": "length_test", "test": test.test, "side": test.side, "result": test.result,
            "summary": f"{test.result} on the {test.name}"}


def screen_source(comp: ObservedCompensation) -> dict:
    where = "" if comp.side == "bilateral" else f" ({comp.side} side)"
    return {"kind": comp.screen, "compensation": comp.slug, "side": comp.side,
            "summary": f"{comp.name.lower()}{where} in the {comp.screen.replace('_', ' ')}"}


@dataclass
class _Evidence:
    """Everything said about one muscle on one side."""
    test: MuscleTestResult | None = None
    length: list[dict] = field(default_factory=list)  # length test sources
    under: list[dict] = field(default_factory=list)
    over: list[dict] = field(default_factory=list)
    rank: int = 99


def _gather(tests, compensations, length_tests) -> dict[tuple[str, str], _Evidence]:
    evidence: dict[tuple[str, str], _Evidence] = {}

    def at(muscle: str, side: str) -> _Evidence:
        return evidence.setdefault((muscle, side), _Evidence())

    for test in tests:
        for side in _sides(test.side):
            at(test.muscle, side).test = test
    for length in length_tests:
        for muscle in length.muscles:
            for side in _sides(length.side):
                at(muscle, side).length.append(length_test_source(length))
    for comp in compensations:
        source = screen_source(comp)
        for status in ("overactive", "underactive"):
            for rank, muscle in enumerate(getattr(comp, status)):
                for side in _sides(comp.side):
                    found = at(muscle, side)
                    listed = found.over if status == "overactive" else found.under
                    if source not in listed:
                        listed.append(source)
                    found.rank = min(found.rank, rank)
    return evidence


def _activation(muscle: str, side: str, found: _Evidence) -> Finding | None:
    test = found.test
    if test is not None:
        if not test.inhibited and test.grade > WEAK_GRADE_AT_OR_BELOW:
            return None  # a normal muscle test rules the screen's suggestion out
        status = "inhibited" if test.inhibited else "weak"
        return Finding(muscle, side, status, [muscle_test_source(test)] + found.under, found.rank,
                       severity_of_grade(test.grade))
    if found.under:
        return Finding(muscle, side, "underactive", list(found.under), found.rank)
    return None


def _overactivity(muscle: str, side: str, found: _Evidence) -> Finding | None:
    if found.length:
        short = [s for s in found.length if s["result"] == "short"]
        if not short:
            return None  # a normal length rules the screen's suggestion out
        return Finding(muscle, side, "overactive", short + found.over, found.rank, SHORT_SEVERITY)
    if found.over:
        return Finding(muscle, side, "overactive", list(found.over), found.rank)
    return None


def _per_side(evidence: dict[tuple[str, str], _Evidence]) -> list[Finding]:
    findings = []
    for (muscle, side), found in evidence.items():
        activate, overactive = _activation(muscle, side, found), _overactivity(muscle, side, found)
        if activate and overactive and not activate.confirmed and not overactive.confirmed:
            # The screens contradict each other and no test settles it.
            findings.append(Finding(muscle, side, "conflicting", overactive.sources + activate.sources,
                                    found.rank))
            continue
        findings += [f for f in (activate, overactive) if f is not None]
    return findings


def _collapse_sides(per_side: list[Finding]) -> list[Finding]:
    """Left and right that say the same thing become one bilateral finding."""
    by_key = {(f.muscle, f.side, f.status): f for f in per_side}
    findings = []
    for f in per_side:
        if f.side == "right" and (f.muscle, "left", f.status) in by_key:
            continue  # handled with its left twin
        twin = by_key.get((f.muscle, "right", f.status)) if f.side == "left" else None
        if twin and (twin.severity, twin.sources) == (f.severity, f.sources):
            findings.append(Finding(f.muscle, "bilateral", f.status, f.sources, min(f.screen_rank, twin.screen_rank),
                                    f.severity))
        else:
            findings.append(f)
            if twin:
                findings.append(twin)
    return findings


def derive_findings(tests: list[MuscleTestResult], compensations: list[ObservedCompensation],
                    length_tests: list[LengthTestResult] = ()) -> list[Finding]:
    """Combine tests and screen observations into findings, ranked by
    rank_key with no pain (planner.assessments.ranking adds the pain)."""
    findings = _collapse_sides(_per_side(_gather(tests, compensations, length_tests)))
    findings.sort(key=rank_key)
    return findings


def rank_key(finding: Finding, pain_weight: int = 0) -> tuple:
    """Confirmed by a test before suggested by a screen, contradictions to
    test last; then the more painful region's muscles (`pain_weight`, the
    region's 0-10 score); then severity, lower grade, more sources, the
    muscles the screen table names first, the status order (needs-activating
    before overactive); ties broken by name and side, so the order is
    deterministic."""
    evidence = 2 if finding.status == "conflicting" else (0 if finding.confirmed else 1)
    grade = finding.lowest_grade
    return (evidence, -pain_weight, SEVERITIES.index(finding.severity), grade if grade is not None else 6,
            -len(finding.sources), finding.screen_rank, _STATUS_ORDER[finding.status], finding.muscle, finding.side)
