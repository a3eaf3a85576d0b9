"""`planner library load`: good files load, bad files load nothing and say
where the problem is, and a second load changes nothing."""
import shutil

import pytest
import yaml

from planner.extensions import db
from planner.library import DATA_DIR
from planner.library.loader import LibraryError, load_library, read_library
from planner.models import Compensation, CompensationMuscle, Exercise, ExerciseTarget, MovementScreen, Muscle

CATALOG = (Muscle, Exercise, ExerciseTarget, MovementScreen, Compensation, CompensationMuscle)


def snapshot() -> dict:
    """Every catalog row, as plain tuples, for before/after comparisons."""
    result = {}
    for model in CATALOG:
        columns = model.__table__.columns
        rows = db.session.execute(db.select(*columns)).all()
        result[model.__tablename__] = sorted(tuple(map(repr, row)) for row in rows)
    return result


@pytest.fixture
def library_copy(tmp_path, clean_db):
    """A copy of the real library to break; the real one is restored after."""
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    yield copy
    real = {e.slug for _, e in read_library().exercises}
    db.session.rollback()
    db.session.execute(db.delete(Exercise).where(Exercise.trainer_id.is_(None), Exercise.slug.not_in(real)))
    load_library()
    db.session.commit()


def edit(path, change):
    entries = yaml.safe_load(path.read_text())
    change(entries)
    path.write_text(yaml.safe_dump(entries, sort_keys=False))


def first_exercise_file(data_dir):
    return sorted((data_dir / "exercises").glob("*.yaml"))[0]


def test_second_load_changes_nothing(clean_db):
    before = snapshot()
    report = load_library()
    assert not report.changed, report.summary()
    assert report.unchanged["exercise"] >= 150 and report.unchanged["muscle"] >= 55
    assert snapshot() == before


def test_cli_load_reports_counts(cli):
    result = cli.invoke(args=["library", "load"])
    assert result.exit_code == 0, result.output
    assert "0 created, 0 updated" in result.output


def test_a_changed_entry_is_updated_in_place(library_copy):
    path = first_exercise_file(library_copy)
    slug = yaml.safe_load(path.read_text())[0]["slug"]
    exercise_id = db.session.scalar(db.select(Exercise.id).filter_by(slug=slug))

    def rename(entries):
        entries[0]["name"] = "Renamed for the test"
        entries[0]["targets"] = entries[0]["targets"][:1]
    edit(path, rename)
    report = load_library(library_copy)
    assert report.updated == {"exercise": 1}
    row = db.session.scalar(db.select(Exercise).filter_by(slug=slug))
    assert (row.id, row.name, len(row.targets)) == (exercise_id, "Renamed for the test", 1)


def test_a_new_entry_is_created(library_copy):
    path = first_exercise_file(library_copy)

    def add(entries):
        entries.append(dict(entries[0], slug="brand_new_exercise", progression=None, regression=None))
    edit(path, add)
    assert load_library(library_copy).created == {"exercise": 1}
    assert db.session.scalar(db.select(Exercise).filter_by(slug="brand_new_exercise")) is not None


BAD_EXERCISE_EDITS = [
    ("unknown muscle", lambda e: e[0]["targets"].__setitem__(0, {"muscle": "glute_meed", "role": "primary"}),
     "targets[0].muscle", "unknown muscle slug 'glute_meed'"),
    ("level 7", lambda e: e[0].__setitem__("level", 7), "level", "must be at most 5 (got 7)"),
    ("unknown phase", lambda e: e[0].__setitem__("phase", "stretch"), "phase", "unknown phase 'stretch'"),
    ("unknown equipment", lambda e: e[0].__setitem__("equipment", ["trampoline"]), "equipment",
     "unknown equipment 'trampoline'"),
    ("unknown pain region", lambda e: e[0].__setitem__("contraindications", ["toe"]), "contraindications",
     "unknown pain region 'toe'"),
    ("missing name", lambda e: e[0].pop("name"), "name", "is required"),
    ("unknown field", lambda e: e[0].__setitem__("colour", "red"), "colour", "is not a known field"),
    ("dangling progression", lambda e: e[0].__setitem__("progression", "nowhere"), "progression",
     "unknown exercise slug 'nowhere'"),
    ("no primary target", lambda e: e[0].__setitem__("targets", [{"muscle": "soleus", "role": "secondary"}]),
     "", "at least one target must be primary"),
    ("duplicate slug", lambda e: e.append(dict(e[3], slug=e[0]["slug"], progression=None, regression=None)),
     "slug", "duplicate slug"),
]


@pytest.mark.parametrize("label, change, field, message", BAD_EXERCISE_EDITS, ids=[b[0] for b in BAD_EXERCISE_EDITS])
def test_a_bad_exercise_names_file_entry_and_field_and_loads_nothing(library_copy, label, change, field, message):
    path = first_exercise_file(library_copy)
    name = f"exercises/{path.name}"

    def break_it(entries):
        entries[2]["name"] = "A good change that must not land"
        entries.append(dict(entries[3], slug="good_new_entry", progression=None, regression=None))
        change(entries)
    edit(path, break_it)
    before = snapshot()
    with pytest.raises(LibraryError) as caught:
        load_library(library_copy)
    problem = next(p for p in caught.value.problems if message in p.message)
    assert problem.file == name
    assert problem.entry.startswith("entry ") or problem.entry.startswith("(")
    assert problem.field == field
    assert name in str(caught.value)
    assert snapshot() == before


def test_a_bad_muscle_or_screen_file_loads_nothing(library_copy):
    edit(library_copy / "muscles.yaml", lambda m: m[0].__setitem__("antagonists", ["not_a_muscle"]))
    edit(library_copy / "screens.yaml",
         lambda s: s[0]["compensations"][0].__setitem__("overactive", ["not_a_muscle_either"]))
    before = snapshot()
    with pytest.raises(LibraryError) as caught:
        load_library(library_copy)
    text = str(caught.value)
    assert "muscles.yaml: entry 1 (gluteus_maximus): antagonists[0]: unknown muscle slug 'not_a_muscle'" in text
    assert "screens.yaml: entry 1 (overhead_squat): compensations[0].overactive[0]" in text
    assert snapshot() == before


def test_broken_yaml_names_the_file(library_copy, cli):
    path = first_exercise_file(library_copy)
    path.write_text("- slug: [unclosed\n")
    result = cli.invoke(args=["library", "load", "--data-dir", str(library_copy)])
    assert result.exit_code != 0
    assert f"exercises/{path.name}: not valid YAML" in result.output
    assert "nothing was written" in result.output


def test_the_catalog_a_process_keeps_follows_a_library_load(library_copy):
    """The generator's catalog is kept between generations
    (planner/programs/catalog.py); a load that changes the library is seen
    by the very next one, in this process and any other."""
    from planner.library.stamp import library_stamp
    from planner.programs.catalog import load_catalog

    path = first_exercise_file(library_copy)
    slug = yaml.safe_load(path.read_text())[0]["slug"]
    before = {e.slug: e for e in load_catalog(trainer_id=0).exercises}[slug]
    stamp = library_stamp()
    assert not load_library(library_copy).changed and library_stamp() == stamp  # nothing changed, stamp kept
    edit(path, lambda entries: entries[0].update(name="Renamed for the catalog"))
    load_library(library_copy)
    assert library_stamp() != stamp
    after = {e.slug: e for e in load_catalog(trainer_id=0).exercises}[slug]
    assert before.name != after.name == "Renamed for the catalog"


def test_a_trainers_own_exercise_is_in_their_catalog_at_once_and_in_no_one_elses(make_trainer):
    from planner.library.own_exercises import Draft, create_own_exercise, delete_own_exercise, own_exercise
    from planner.programs.catalog import load_catalog

    ann, bob = make_trainer(), make_trainer(email="bob@clinic.example", name="Bob Trainer")
    load_catalog(ann.id), load_catalog(bob.id)  # both kept before the new exercise
    slug = create_own_exercise(ann.id, Draft(
        name="Banded wall slide", phase="activate", level="2", position="standing",
        targets=[("lower_trapezius", "primary")], sets="2", reps="10", tempo="3-1-2", rest_seconds="30",
        instructions="Slide the forearms up the wall against the band.")).slug
    db.session.commit()
    assert slug in {e.slug for e in load_catalog(ann.id).exercises}
    assert slug not in {e.slug for e in load_catalog(bob.id).exercises}
    delete_own_exercise(own_exercise(ann.id, slug))
    db.session.commit()
    assert slug not in {e.slug for e in load_catalog(ann.id).exercises}
