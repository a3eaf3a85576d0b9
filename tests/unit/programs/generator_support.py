"""The real library, read from its files, as the generator sees it, and a
few helpers to read generated programs. Shared by the generator's tests and
its benchmark."""
from __future__ import annotations

from functools import lru_cache

from planner.programs import dosage
from planner.programs.dosage import Dose
from planner.assessments.findings import ObservedCompensation
from planner.programs.choice import LibraryExercise
from planner.library.loader import read_library


@lru_cache(maxsize=1)
def file_library():
    library = read_library()
    exercises = tuple(LibraryExercise(
        slug=e.slug, name=e.name, phase=e.phase, level=e.level, equipment=tuple(e.equipment),
        per_side=e.per_side, contraindications=tuple(e.contraindications),
        primary=tuple(t.muscle for t in e.targets if t.role == "primary"),
        secondary=tuple(t.muscle for t in e.targets if t.role == "secondary"),
        default=Dose(e.dosage.sets, e.dosage.reps, e.dosage.hold_seconds, e.dosage.tempo, e.dosage.rest_seconds),
        progression=e.progression, regression=e.regression, precautions=tuple(e.precautions)) for _, e in library.exercises)
    names = {m.slug: m.name for m in library.muscles}
    compensations = {c.slug: c for c in library.screens[0].compensations}
    return exercises, names, compensations, library.muscles


def observed(slug: str, side: str = "bilateral") -> ObservedCompensation:
    comp = file_library()[2][slug]
    return ObservedCompensation("overhead_squat", comp.slug, comp.name, side,
                                tuple(comp.overactive), tuple(comp.underactive))


def per_side_of(exercises) -> dict[str, bool]:
    return {e.slug: e.per_side for e in exercises}


def item_seconds(item, per_side: dict[str, bool]) -> int:
    return dosage.seconds(item.dose, per_side[item.exercise], item.side)


def week_volume(week, per_side: dict[str, bool]) -> int:
    return sum(dosage.load(i.dose, per_side[i.exercise], i.side, i.phase)
               for s in week.sessions for i in s.items)


def carried_loaded_volume(before, after, by_slug) -> tuple[int, int]:
    """Loaded volume (before, after) of the work that is the same exercise
    in the same slot of the same session in both weeks: what the 10% rule
    and the lighter week govern (issue 13: new work entering, such as
    integration or a harder exercise up the chain, is not growth of old work;
    bodyweight work is not loaded)."""
    def loaded(week):
        found = {}
        for session in week.sessions:
            for item in session.items:
                exercise = by_slug[item.exercise]
                if exercise.loaded and not item.locked:
                    found[(session.index, item.slot)] = (item.exercise, dosage.load(
                        item.dose, exercise.per_side, item.side, item.phase))
        return found

    old, new = loaded(before), loaded(after)
    shared = [key for key in old if key in new and new[key][0] == old[key][0]]
    return sum(old[k][1] for k in shared), sum(new[k][1] for k in shared)
