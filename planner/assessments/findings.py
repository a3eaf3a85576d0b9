"""Muscle findings from an assessment's muscle tests and movement screen.

Plain functions over plain data: no Flask, no database.

Rules:
- A manual muscle test graded WEAK_GRADE_AT_OR_BELOW (3/5) or lower is a
  `weak` finding (MRC scale: 3 = full range against gravity only).
- A test flagged inhibited is an `inhibited` finding whatever its grade: the
  flag is the examiner's judgement that the muscle fails to engage though it
  is not structurally weak, so it says more than the grade.
- Each screen compensation marks its mapped muscles `overactive` or
  `underactive` on the side it was seen (both sides when not one-sided).
- Weak, inhibited and underactive all mean "needs activating": on the same
  muscle and side they merge into one finding whose status is the strongest
  evidence (inhibited, then weak, then underactive) and whose sources list
  everything behind it. Overactive stays a finding of its own.
- Left and right with the same status and the same evidence collapse back
  into one `bilateral` finding.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from planner.vocabularies import WEAK_GRADE_AT_OR_BELOW

# Which status wins when activation evidence merges, strongest first.
ACTIVATION_STATUS_PRECEDENCE = ("inhibited", "weak", "underactive")
_GROUP = {"inhibited": "activate", "weak": "activate", "underactive": "activate",
          "overactive": "inhibit"}
_STATUS_ORDER = {"inhibited": 0, "weak": 1, "underactive": 2, "overactive": 3}


@dataclass(frozen=True)
class MuscleTestResult:
    muscle: str
    side: str  # left, right, bilateral
    grade: int
    inhibited: bool = False


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

    @property
    def lowest_grade(self) -> int | None:
        grades = [s["grade"] for s in self.sources if s["kind"] == "muscle_test"]
        return min(grades) if grades else None

    def as_dict(self) -> dict:
        return {"muscle": self.muscle, "side": self.side, "status": self.status,
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


def screen_source(comp: ObservedCompensation) -> dict:
    where = "" if comp.side == "bilateral" else f" ({comp.side} side)"
    return {"kind": comp.screen, "compensation": comp.slug, "side": comp.side,
            "summary": f"{comp.name.lower()}{where} in the {comp.screen.replace('_', ' ')}"}


def derive_findings(tests: list[MuscleTestResult], compensations: list[ObservedCompensation]) -> list[Finding]:
    """Combine tests and screen observations into findings, most severe first."""
    # (muscle, side, group) -> [statuses], [sources]
    atoms: dict[tuple[str, str, str], tuple[list[str], list[dict]]] = {}
    ranks: dict[tuple[str, str, str], int] = {}

    def add(muscle: str, side: str, status: str, source: dict, rank: int = 99) -> None:
        for one_side in _sides(side):
            key = (muscle, one_side, _GROUP[status])
            statuses, sources = atoms.setdefault(key, ([], []))
            statuses.append(status)
            if source not in sources:
                sources.append(source)
            ranks[key] = min(ranks.get(key, 99), rank)

    for test in tests:
        if test.inhibited:
            add(test.muscle, test.side, "inhibited", muscle_test_source(test))
        elif test.grade <= WEAK_GRADE_AT_OR_BELOW:
            add(test.muscle, test.side, "weak", muscle_test_source(test))
    for comp in compensations:
        source = screen_source(comp)
        for rank, muscle in enumerate(comp.overactive):
            add(muscle, comp.side, "overactive", source, rank)
        for rank, muscle in enumerate(comp.underactive):
            add(muscle, comp.side, "underactive", source, rank)

    per_side: dict[tuple[str, str, str], Finding] = {}
    for (muscle, side, group), (statuses, sources) in atoms.items():
        if group == "activate":
            status = next(s for s in ACTIVATION_STATUS_PRECEDENCE if s in statuses)
        else:
            status = "overactive"
        per_side[(muscle, side, group)] = Finding(muscle, side, status, sources, ranks[(muscle, side, group)])

    findings: list[Finding] = []
    for (muscle, side, group), finding in per_side.items():
        if side == "right" and (muscle, "left", group) in per_side:
            continue  # handled with its left twin
        twin = per_side.get((muscle, "right", group)) if side == "left" else None
        if twin and twin.status == finding.status and twin.sources == finding.sources:
            findings.append(Finding(muscle, "bilateral", finding.status, finding.sources,
                                    min(finding.screen_rank, twin.screen_rank)))
        else:
            findings.append(finding)
            if twin:
                findings.append(twin)
    findings.sort(key=severity_key)
    return findings


def severity_key(finding: Finding) -> tuple:
    """Most severe first: lower grade, then more sources, then muscles the
    screen table names first, then the status order (needs-activating before
    overactive); ties broken by name and side so the order is deterministic."""
    grade = finding.lowest_grade
    return (grade if grade is not None else 6, -len(finding.sources), finding.screen_rank,
            _STATUS_ORDER[finding.status], finding.muscle, finding.side)
