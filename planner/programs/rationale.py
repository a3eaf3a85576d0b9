"""The one-line reasons printed beside each program item, citing the
evidence: "activates right gluteus medius: graded 3/5 on 2026-11-20; knees
move inward in the overhead squat"."""
from __future__ import annotations

from datetime import date

from planner.programs.choice import LibraryExercise, Unit
from planner.assessments.findings import Finding
from planner.programs.packing import SessionPlan

VERBS = {"inhibit": "releases", "lengthen": "lengthens", "activate": "activates"}


def side_label(side: str) -> str:
    return "" if side == "bilateral" else f"{side} "


def evidence(finding: Finding, assessed_on: date | None) -> str:
    on = f" on {assessed_on.isoformat()}" if assessed_on else ""
    parts = []
    for source in finding.sources:
        if source.get("kind") == "muscle_test":
            parts.append(source["summary"] + on)
        else:
            parts.append(source["summary"])
    return "; ".join(parts)


def join_names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def rationale(unit: Unit, muscle_names: dict[str, str], assessed_on: date | None) -> str:
    def name(f: Finding) -> str:
        return side_label(f.side) + muscle_names.get(f.muscle, f.muscle.replace("_", " ")).lower()

    verb = VERBS[unit.phase]
    proofs = [evidence(f, assessed_on) for f in unit.findings]
    if len(set(proofs)) == 1:
        return f"{verb} {join_names([name(f) for f in unit.findings])}: {proofs[0]}"
    return f"{verb} " + "; ".join(f"{name(f)} ({proof})" for f, proof in zip(unit.findings, proofs))


def integrate_rationale(exercise: LibraryExercise, plan: SessionPlan, muscle_names: dict[str, str]) -> str:
    activated = []
    for unit in plan.units:
        if unit.phase == "activate":
            for f in unit.findings:
                if f.muscle in exercise.primary + exercise.secondary and f.muscle not in activated:
                    activated.append(f.muscle)
    names = [muscle_names.get(m, m).lower() for m in activated] or ["the muscles activated"]
    return f"integrates {join_names(names)}, activated earlier in this session, into one whole-body movement"


def integrate_targets(exercise: LibraryExercise, plan: SessionPlan) -> list[dict]:
    targets = []
    for unit in plan.units:
        if unit.phase == "activate":
            for f in unit.findings:
                entry = {"muscle": f.muscle, "side": f.side, "status": f.status}
                if f.muscle in exercise.primary + exercise.secondary and entry not in targets:
                    targets.append(entry)
    return targets
