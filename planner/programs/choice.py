"""Choosing exercises for findings: which exercise serves which finding,
and what rules an exercise out. Plain functions over plain data."""
from __future__ import annotations

from dataclasses import dataclass, field

from planner.programs.dosage import Dose
from planner.assessments.findings import Finding
from planner.programs.rules import PAIN_EXCLUDES_AT
from planner.vocabularies import PHASES

# Equipment that loads a movement: work with it is "loaded" (the 10% rule and
# the lighter fourth week apply); everything else is bodyweight work. Bands
# count as load: our product choice.
LOADING_EQUIPMENT = frozenset({"resistance_band", "mini_band", "dumbbell", "kettlebell", "cable_machine"})


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

    @property
    def loaded(self) -> bool:
        return self.phase in ("activate", "integrate") and bool(LOADING_EQUIPMENT & set(self.equipment))


def phases_for(finding: Finding) -> tuple[str, ...]:
    """The continuum's phases a finding needs; none for a contradiction,
    which is tested before it is treated."""
    if finding.status == "conflicting":
        return ()
    return ("inhibit", "lengthen") if finding.status == "overactive" else ("activate",)


TEST_IT = ("the screens suggest it is both overactive and underactive and no test settles it: test it "
           "(a manual muscle test or a length test) before it is treated")


def dysfunction_of(finding: Finding) -> str:
    """What a finding is part of, for keeping a dysfunction's continuum in
    one session: its first screen compensation, or the muscle itself when
    only a test found it."""
    compensations = finding.compensations
    return compensations[0] if compensations else f"muscle:{finding.muscle}"


@dataclass(eq=False)  # each unit is its own piece of work: compared by identity
class Unit:
    """One exercise chosen for one or more findings, placed in sessions."""
    exercise: LibraryExercise
    phase: str
    findings: list[Finding]
    rank: int
    side: str | None = None
    sessions: list[int] = field(default_factory=list)
    # The unit on the same exercise that this one doubles, one of them for a
    # one-sided weakness (see choose_units): its own slot, so both can be
    # edited and progressed apart.
    twin_of: Unit | None = None

    @property
    def slot(self) -> str:
        base = f"{self.phase}:{self.exercise.slug}"
        return f"{base}:{self.side}" if self.twin_of is not None else base

    @property
    def dysfunction(self) -> str:
        return dysfunction_of(self.findings[0])


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


def _uncovered(finding: Finding, phase: str | None, reason: str) -> dict:
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


def side_of(exercise: LibraryExercise, findings: list[Finding]) -> str | None:
    """One-sided work on the affected side; both sides otherwise; None for
    exercises that work both sides at once."""
    if not exercise.per_side:
        return None
    sides = sorted({f.side for f in findings})
    return sides[0] if len(sides) == 1 and sides[0] != "bilateral" else "bilateral"


OPPOSITE = {"left": "right", "right": "left"}


def one_sided_weakness(findings: list[Finding]) -> dict[int, Finding]:
    """Suggested-only activation findings whose other side a test found weak
    or inhibited: {id(suggested): the confirmed finding}. The confirmed side
    is worked on its own (a one-sided weakness gets work on its side); the
    suggested side waits for its own test."""
    confirmed = {(f.muscle, f.side): f for f in findings
                 if f.confirmed and f.side in OPPOSITE and phases_for(f) == ("activate",)}
    return {id(f): confirmed[(f.muscle, OPPOSITE[f.side])] for f in findings
            if not f.confirmed and phases_for(f) == ("activate",) and (f.muscle, OPPOSITE.get(f.side)) in confirmed}


def waiting_reason(suggested: Finding, confirmed: Finding) -> str:
    """Why a suggested side waits while its tested other side is worked."""
    return (f"the {confirmed.side} side tested {confirmed.status} and is worked on its own; the "
            f"{suggested.side} side is only suggested by the squat: test it before it is worked too")


def choose_units(findings: list[Finding], library: list[LibraryExercise], equipment: tuple[str, ...],
                 pain: dict[str, int], muscle_names: dict[str, str],
                 precautions: dict[str, str] | None = None) -> tuple[list[Unit], list[dict]]:
    """Pick exercises phase by phase, highest-ranked finding first; an
    exercise that also targets other pending findings of the same side and
    evidence (as a primary target) covers them too. Activation prefers the
    lowest level (isolated, easy first); releases and stretches prefer
    covering more muscles at once."""
    blocked = blocked_regions(pain)
    usable = [e for e in library if exclusion(e, equipment, blocked, precautions) is None]
    waiting = one_sided_weakness(findings)
    uncovered = [_uncovered(f, "activate", waiting_reason(f, waiting[id(f)])) for f in findings if id(f) in waiting]
    ordered = [f for f in findings if id(f) not in waiting]  # in rank order, as ranking.rank leaves them
    rank = {id(f): i for i, f in enumerate(ordered)}
    units: list[Unit] = []
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

            def alike(f: Finding) -> bool:
                # A test-confirmed one-sided finding keeps its own exercise
                # and dose; the rest share.
                return f.side == need.side or not (need.confirmed or f.confirmed)

            # An exercise already chosen in this phase that reaches this
            # muscle serves it too, rather than being prescribed twice; a
            # one-sided unit keeps its side unless no other exercise will do.
            slugs = {e.slug for e in candidates}
            chosen = [u for u in units if u.phase == phase and u.exercise.slug in slugs]
            reuse = [u for u in chosen if all(alike(f) for f in u.findings)]
            others = [e for e in candidates if e.slug not in {u.exercise.slug for u in chosen}]
            if not reuse and chosen and not others:
                # The only exercise left is the one a one-sided weakness
                # already has. Merged, the weak side would lose its own
                # dose; a second item of the same exercise keeps it: this
                # one for both sides (or the other side), the first one on
                # the weak side only, i.e. extra sets for the weak side.
                # (An exercise that works both sides at once has no side to
                # keep: it is shared.)
                first = next((u for u in chosen if u.side in OPPOSITE and any(f.confirmed for f in u.findings)), None)
                if first is None and need.confirmed and need.side in OPPOSITE and chosen[0].exercise.per_side:
                    first = chosen[0]  # the weak side comes second: it still gets its own item
                if first is not None:
                    twin = Unit(first.exercise, phase, [need], rank[id(need)], side_of(first.exercise, [need]),
                                twin_of=first)
                    units.append(twin)
                    pending.pop(0)
                    continue
                reuse = chosen
            candidates = others or candidates
            if reuse:
                unit = reuse[0]
                unit.findings.append(need)
                unit.side = side_of(unit.exercise, unit.findings)
                pending.pop(0)
                continue

            def covers(e: LibraryExercise) -> list[Finding]:
                return [f for f in pending if f.muscle in e.primary and alike(f)]

            if phase == "activate":
                best = min(candidates, key=lambda e: (e.level, -len(covers(e)), e.slug))
            else:
                best = min(candidates, key=lambda e: (-len(covers(e)), e.level, e.slug))
            covered = covers(best)
            if need not in covered:
                covered = [need] + covered
            units.append(Unit(best, phase, covered, rank[id(need)], side_of(best, covered)))
            pending = [f for f in pending if f not in covered]
    return units, uncovered
