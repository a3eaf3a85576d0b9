"""The library's coverage rules, checked on the data files themselves."""
from collections import defaultdict

import pytest

from planner.library.loader import read_library
from planner.vocabularies import MUSCLE_REGIONS


@pytest.fixture(scope="module")
def library():
    return read_library()


def primary_targets(library, phase):
    found = defaultdict(set)  # muscle -> levels
    for _, exercise in library.exercises:
        if exercise.phase == phase:
            for target in exercise.targets:
                if target.role == "primary":
                    found[target.muscle].add(exercise.level)
    return found


def activate_counts(library):
    counts = defaultdict(int)
    for _, exercise in library.exercises:
        if exercise.phase == "activate":
            for target in exercise.targets:
                if target.role == "primary":
                    counts[target.muscle] += 1
    return counts


def test_catalog_size(library):
    assert len(library.muscles) >= 55
    assert len(library.exercises) >= 150
    assert {m.region for m in library.muscles} == set(MUSCLE_REGIONS)


def test_every_muscle_that_can_test_weak_has_three_activate_exercises_over_two_levels(library):
    counts, levels = activate_counts(library), primary_targets(library, "activate")
    short = {m.slug: (counts[m.slug], sorted(levels[m.slug])) for m in library.muscles
             if m.can_test_weak and (counts[m.slug] < 3 or len(levels[m.slug]) < 2)}
    assert short == {}


def test_every_muscle_that_can_be_overactive_can_be_inhibited_and_lengthened(library):
    inhibit, lengthen = primary_targets(library, "inhibit"), primary_targets(library, "lengthen")
    missing = {m.slug: [p for p, found in (("inhibit", inhibit), ("lengthen", lengthen)) if m.slug not in found]
               for m in library.muscles if m.can_be_overactive}
    assert {k: v for k, v in missing.items() if v} == {}


def test_screen_muscles_are_flagged_so_the_generator_can_treat_them(library):
    muscles = {m.slug: m for m in library.muscles}
    for screen in library.screens:
        for comp in screen.compensations:
            for slug in comp.overactive:
                assert muscles[slug].can_be_overactive, f"{comp.slug}: {slug} is overactive but not flagged"
            for slug in comp.underactive:
                assert muscles[slug].can_test_weak, f"{comp.slug}: {slug} is underactive but has no activation"


def test_every_phase_has_exercises_at_several_levels(library):
    for phase in ("activate", "integrate"):
        levels = {e.level for _, e in library.exercises if e.phase == phase}
        assert len(levels) >= 3, (phase, levels)


def test_progression_chains_link_both_ways(library):
    by_slug = {e.slug: e for _, e in library.exercises}
    for exercise in by_slug.values():
        if exercise.progression:
            assert by_slug[exercise.progression].regression is not None, (
                f"{exercise.progression} is a progression of {exercise.slug} but has no regression")
