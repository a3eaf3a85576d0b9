"""Choosing exercises for findings: which exercise serves which finding,
and what rules an exercise out. Plain functions over plain data."""
from __future__ import annotations

from dataclasses import dataclass, field

from planner.programs.dosage import Dose
from planner.assessments.findings import Finding
from planner.programs.rules import PAIN_EXCLUDES_AT
from planner.vocabularies import PHASES


@dataclass(frozen=True)
class LibraryExercise:
    slug: str
    name: str
    phase: str
    level: int
    equipment: tuple[str, ...]
    per_side: bool
    contraindications: tuple[str, ...]
    primary: tuple[str, ...]
    secondary: tuple[str, ...]
    default: Dose
    progression: str | None = None
    regression: str | None = None
    precautions: tuple[str, ...] = ()  # screening precautions that rule it out


def phases_for(finding: Finding) -> tuple[str, ...]:
    """The continuum's phases a finding needs; none for a contradiction,
    which is tested before it is treated."""
    if finding.status == "conflicting":
        return ()
    return ("inhibit", "lengthen") if finding.status == "overactive" else ("activate",)


TEST_IT = ("the screens suggest it is both overactive and underactive and no test settles it: test it "
           "(a manual muscle test or a length test) before it is treated")


@dataclass
class Unit:
    """One exercise chosen for one or more findings, placed in sessions."""
    exercise: LibraryExercise
    phase: str
    findings: list[Finding]
    rank: int
    side: str | None = None
    sessions: list[int] = field(default_factory=list)

    @property
    def slot(self) -> str:
        return f"{self.phase}:{self.exercise.slug}"


def blocked_regions(pain: dict[str, int]) -> dict[str, int]:
    return {region: score for region, score in sorted(pain.items()) if score >= PAIN_EXCLUDES_AT}


def exclusion(exercise: LibraryExercise, equipment: tuple[str, ...], blocked: dict[str, int],
              precautions: dict[str, str] | None = None) -> str | None:
    """Why an exercise cannot be used, or None when it can. `precautions`
    maps the client's precautions that rule exercises out to the reason."""
    missing = [e for e in exercise.equipment if e not in equipment]
    if missing:
        return "needs " + ", ".join(m.replace("_", " ") for m in missing)
    hurt = [r for r in exercise.contraindications if r in blocked]
    if hurt:
        return "contraindicated with " + ", ".join(f"{r.replace('_', ' ')} pain {blocked[r]}/10" for r in hurt)
    ruled_out = [precautions[p] for p in exercise.precautions if p in (precautions or {})]
    if ruled_out:
        return "; ".join(ruled_out)
    return None


def _uncovered(finding: Finding, phase: str, reason: str) -> dict:
    return {"muscle": finding.muscle, "side": finding.side, "status": finding.status, "phase": phase,
            "reason": reason}


def _no_candidate_reason(phase: str, muscle_name: str, reasons: list[str]) -> str:
    if not reasons:
        return f"the library has no {phase} exercise for the {muscle_name}"
    counts: dict[str, int] = {}
    for reason in reasons:
        counts[reason] = counts.get(reason, 0) + 1
    parts = [f"{reason} ({n})" if n > 1 else reason for reason, n in sorted(counts.items())]
    return f"no {phase} exercise for the {muscle_name} can be used: " + "; ".join(parts)


def _side_of(exercise: LibraryExercise, findings: list[Finding]) -> str | None:
    """One-sided work on the affected side; both sides otherwise; None for
    exercises that work both sides at once."""
    if not exercise.per_side:
        return None
    sides = sorted({f.side for f in findings})
    return sides[0] if len(sides) == 1 and sides[0] != "bilateral" else "bilateral"


def choose_units(findings: list[Finding], library: list[LibraryExercise], equipment: tuple[str, ...],
                 pain: dict[str, int], muscle_names: dict[str, str],
                 precautions: dict[str, str] | None = None) -> tuple[list[Unit], list[dict]]:
    """Pick exercises phase by phase, most severe finding first; an exercise
    that also targets other pending findings (as a primary target) covers
    them too. Activation prefers the lowest level (isolated, easy first);
    releases and stretches prefer covering more muscles at once."""
    blocked = blocked_regions(pain)
    usable = [e for e in library if exclusion(e, equipment, blocked, precautions) is None]
    ordered = list(findings)  # most severe first, as derive_findings orders them
    rank = {id(f): i for i, f in enumerate(ordered)}
    units: list[Unit] = []
    uncovered: list[dict] = []
    for phase in PHASES[:3]:
        pending = [f for f in ordered if phase in phases_for(f)]
        in_phase = [e for e in usable if e.phase == phase]
        while pending:
            need = pending[0]
            candidates = [e for e in in_phase if need.muscle in e.primary] or \
                         [e for e in in_phase if need.muscle in e.secondary]
            if not candidates:
                everything = [e for e in library if e.phase == phase and need.muscle in e.primary + e.secondary]
                reasons = [exclusion(e, equipment, blocked, precautions) for e in everything]
                uncovered.append(_uncovered(need, phase, _no_candidate_reason(
                    phase, muscle_names.get(need.muscle, need.muscle), [r for r in reasons if r])))
                pending.pop(0)
                continue

            # An exercise already chosen in this phase that reaches this
            # muscle serves it too, rather than being prescribed twice.
            chosen = {u.exercise.slug: u for u in units if u.phase == phase}
            reuse = [chosen[e.slug] for e in candidates if e.slug in chosen]
            if reuse:
                unit = reuse[0]
                unit.findings.append(need)
                unit.side = _side_of(unit.exercise, unit.findings)
                pending.pop(0)
                continue

            def covers(e: LibraryExercise) -> list[Finding]:
                return [f for f in pending if f.muscle in e.primary]

            if phase == "activate":
                best = min(candidates, key=lambda e: (e.level, -len(covers(e)), e.slug))
            else:
                best = min(candidates, key=lambda e: (-len(covers(e)), e.level, e.slug))
            covered = covers(best)
            if need not in covered:
                covered = [need] + covered
            units.append(Unit(best, phase, covered, rank[id(need)], _side_of(best, covered)))
            pending = [f for f in pending if f not in covered]
    return units, uncovered
