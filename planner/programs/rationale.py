"""The reasons printed beside each program item, citing the evidence
("activates right gluteus medius: graded 3/5 on 2026-11-20; knees move
inward in the overhead squat"), and the rules the generator followed, each
with its source or marked as our product choice, in the words a trainer reads
on the program."""
from __future__ import annotations

from datetime import date

from planner.programs import dosage
from planner.programs.choice import LibraryExercise, Unit
from planner.assessments.findings import Finding
from planner.programs.packing import SessionPlan
from planner.programs.progression import Work
from planner.programs import rules

VERBS = {"inhibit": "releases", "lengthen": "lengthens", "activate": "activates"}

RULES = (
    "Each session follows the corrective exercise continuum: inhibit, lengthen, activate, integrate (NASM, "
    "Clark & Lucett); a dysfunction's release and stretch come in the same session as its activation.",
    "Findings a test confirmed come first, then the painful region's muscles (with the scapular muscles for a "
    "painful shoulder, Kibler et al. 2013, and the hip's for a painful knee, Powers 2010), then the most severe "
    "(MRC grade 4 mild, 3 moderate, 0-2 severe); a muscle the screens contradict is tested, not treated. The "
    "order and the words are our product choice.",
    f"At most {rules.MAX_ITEMS_PER_SESSION} exercises a session: our product choice (fewer exercises are done "
    "better, Henry et al., Phys Ther 1999, but no study sets the number).",
    f"Each dysfunction's work at least {rules.MIN_WEEKLY_EXPOSURES} times a week where the sessions allow, more "
    "where room is left (our product choice; NASM advises corrective work 3-5 days a week).",
    f"While findings are left out for lack of room, sessions fill at least {rules.MIN_SESSION_FILL:.0%} of their "
    "minutes with fuller doses (a second set: NASM 1-2 sets of activation; ACSM about 60 s per stretch; then a "
    "stretch or an isometric held 5 s longer, within NASM's 30-60 s); our product choice. Integration joins in "
    "week 1, so no room is kept empty for it.",
    f"Activation: 10-15 reps (NASM), {dosage.REP_STEP} more a week ({dosage.REP_STEP_LOADED} for loaded work); at "
    "15 the exercise moves up its chain and the reps start again at 10 (double progression, NSCA); the weekly step "
    "is our product choice. The nightly review can also move an item when the check-ins say so.",
    f"Integration in every session from week {rules.INTEGRATE_FROM_WEEK}, after activation, at level "
    f"1-{rules.INTEGRATE_ENTRY_MAX_LEVEL} at first (NASM integrates in every session; the entry levels are our "
    "product choice).",
    f"Loaded work (bands, weights, cables) grows at most {rules.MAX_WEEKLY_VOLUME_RISE:.0%} a week (common practice, "
    "not evidence: Buist et al., Am J Sports Med 2008; our product choice) and is lighter one week in "
    f"{rules.DELOAD_EVERY_WEEKS} (about {dosage.DELOAD_LOAD_FACTOR:.0%}; Bompa & Haff); bodyweight work keeps "
    "progressing.",
    f"The lighter week never falls on the reassessment point (NASM reassesses every 4-6 weeks; the dashboard asks "
    f"from week {rules.REASSESS_AFTER_WEEKS}), so the reassessment sees a full week's work: it comes the week after, "
    f"week {rules.REASSESS_AFTER_WEEKS + rules.LIGHTER_WEEK_AFTER_REASSESSMENT}, then every "
    f"{rules.DELOAD_EVERY_WEEKS}th week (our product choice).",
    f"Exercises contraindicated for a region in pain at {rules.PAIN_EXCLUDES_AT}/10 or more are left out (our "
    "product choice, one point below the moderate band of Serlin et al., Pain 1995), as are those a recorded "
    "precaution rules out (PAR-Q+ screening).",
    "A one-sided weakness a test found is worked on its side; the other side, if only the squat suggests it, waits "
    "for its own test. When the weak side's exercise is also the only one for a muscle the squat suggests on both "
    "sides, it comes twice: both sides for the suggestion and extra sets on the weak side (our product choice: "
    "a physiotherapist's usual extra work for the weaker side).",
)

ONE_SIDED_RULE = "our product choice, as a physiotherapist gives the weaker side extra work"


def side_label(side: str) -> str:
    return "" if side == "bilateral" else f"{side} "


def evidence(finding: Finding, assessed_on: date | None) -> str:
    on = f" on {assessed_on.isoformat()}" if assessed_on else ""
    parts = []
    for source in finding.sources:
        if source.get("kind") in ("muscle_test", "length_test"):
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


def side_note(unit: Unit, partners: dict[int, Unit]) -> str:
    """Why one exercise appears twice (choice.choose_units): the weak
    side's own item, and the other item of the same exercise."""
    other = partners.get(id(unit))
    if other is None:
        return ""
    if unit.side == "bilateral":
        return (f"; both sides here, for what the screen suggests; the {other.side} side, which a test found weak, "
                f"also has its own item of this exercise (extra sets on the weak side: {ONE_SIDED_RULE})")
    if other.side == "bilateral":
        return (f"; the {unit.side} side only: the side a test found weak gets these sets on top of the two-sided "
                f"item of this exercise ({ONE_SIDED_RULE})")
    return (f"; the {unit.side} side only; the {other.side} side has its own item of this exercise, each side at "
            f"its own dose ({ONE_SIDED_RULE})")


def progress_note(work: Work) -> str:
    """What the week changed: a move up the chain, or the lighter week."""
    notes = []
    if work.previous is not None:
        notes.append(f"moved up from {work.previous.name.lower()} in week {work.since_week}: the reps reached the "
                     f"top of 10-15 (double progression, NSCA)")
    if work.lighter:
        notes.append(f"lighter week for loaded work, one week in {rules.DELOAD_EVERY_WEEKS} (Bompa & Haff), after the "
                     "reassessment point rather than on it, so the reassessment sees a full week's work (NASM "
                     "reassesses at 4-6 weeks; the placement is our product choice)")
    return "".join(f"; {note}" for note in notes)


def integrate_rationale(exercise: LibraryExercise, plan: SessionPlan, muscle_names: dict[str, str]) -> str:
    activated = []
    for f in plan.activated():
        if f.muscle in exercise.primary + exercise.secondary and f.muscle not in activated:
            activated.append(f.muscle)
    names = [muscle_names.get(m, m).lower() for m in activated] or ["the muscles activated"]
    return (f"integrates {join_names(names)}, activated earlier in this session, into one whole-body movement "
            f"(NASM: integrate after activating)")


def integrate_targets(exercise: LibraryExercise, plan: SessionPlan) -> list[dict]:
    targets = []
    for f in plan.activated():
        entry = {"muscle": f.muscle, "side": f.side, "status": f.status}
        if f.muscle in exercise.primary + exercise.secondary and entry not in targets:
            targets.append(entry)
    return targets
