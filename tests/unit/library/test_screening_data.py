"""The screening data and the exercises' precautions, checked on the files."""
import shutil

import pytest
import yaml

from planner.library.loader import LibraryError, read_library


@pytest.fixture(scope="module")
def library():
    return read_library()


def test_red_flags_and_precautions_name_their_sources(library):
    kinds = {q.slug: q for q in library.screening}
    red_flags = [q for q in library.screening if q.kind == "red_flag"]
    assert len(red_flags) >= 8 and all("IFOMPT" in q.source for q in red_flags)
    precautions = [q for q in library.screening if q.kind == "precaution"]
    assert all("PAR-Q+" in q.source and q.advice for q in precautions)
    assert kinds["anticoagulants"].excludes and kinds["pregnancy"].excludes
    assert kinds["recent_surgery"].excludes is None and kinds["uncontrolled_blood_pressure"].excludes is None


def test_every_pressure_based_release_is_ruled_out_by_anticoagulants_and_a_recent_dvt(library):
    releases = [e for _, e in library.exercises if e.phase == "inhibit"]
    assert releases
    assert [e.slug for e in releases if not {"anticoagulants", "recent_dvt"} <= set(e.precautions)] == []
    others = [e.slug for _, e in library.exercises if e.phase != "inhibit" and "anticoagulants" in e.precautions]
    assert others == []


def test_every_exercise_lying_on_the_back_or_face_down_is_ruled_out_in_pregnancy(library):
    lying = [e for _, e in library.exercises if e.position in ("supine", "prone")]
    assert [e.slug for e in lying if "pregnancy" not in e.precautions] == []
    assert [e.slug for _, e in library.exercises if e.position not in ("supine", "prone")
            and "pregnancy" in e.precautions] == []


def test_precautions_that_exclude_are_used_and_advice_only_ones_are_not(library):
    used = {p for _, e in library.exercises for p in e.precautions}
    for question in library.screening:
        if question.kind == "precaution":
            assert (question.slug in used) == bool(question.excludes), question.slug


def test_an_exercise_naming_an_unknown_or_red_flag_precaution_fails_the_load(tmp_path, data_dir):
    copy = tmp_path / "data"
    shutil.copytree(data_dir, copy)
    path = sorted((copy / "exercises").glob("*.yaml"))[0]
    entries = yaml.safe_load(path.read_text())
    entries[0]["precautions"] = ["haemophilia", "saddle_numbness"]
    path.write_text(yaml.safe_dump(entries, sort_keys=False))
    with pytest.raises(LibraryError) as refused:
        read_library(copy)
    text = str(refused.value)
    assert "precautions[0]: 'haemophilia' is unknown precaution" in text
    assert "precautions[1]: 'saddle_numbness' is a red flag, not a precaution" in text


def test_every_length_test_names_its_source_and_treatable_muscles(library):
    muscles = {m.slug: m for m in library.muscles}
    slugs = {test.slug for test in library.length_tests}
    assert {"thomas_test", "ober_test", "hamstring_90_90", "straight_leg_raise", "knee_to_wall",
            "shoulder_flexion_supine", "pectoralis_minor_length"} <= slugs
    for test in library.length_tests:
        assert test.source and test.how
        assert all(muscles[m].can_be_overactive for m in test.muscles), test.slug


def test_a_length_test_naming_a_muscle_that_cannot_be_overactive_fails_the_load(tmp_path, data_dir):
    copy = tmp_path / "data"
    shutil.copytree(data_dir, copy)
    path = copy / "length_tests.yaml"
    entries = yaml.safe_load(path.read_text())
    entries[0]["muscles"] = ["psoas_major", "deep_cervical_flexors", "nope"]
    path.write_text(yaml.safe_dump(entries, sort_keys=False))
    with pytest.raises(LibraryError) as refused:
        read_library(copy)
    text = str(refused.value)
    assert "muscles[1]: deep_cervical_flexors cannot be overactive" in text
    assert "muscles[2]: unknown muscle slug 'nope'" in text
