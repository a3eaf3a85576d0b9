"""`planner library load`: read, check, then write the library in one go.

Every file is parsed and checked, and every cross-reference resolved, before
the first row is written; any error fails the whole load and writes nothing.
The caller commits the load as one transaction (and rolls back if writing
fails: a database error is all that can stop it once checked). Loading is
idempotent: rows are matched by slug and only changed fields are
written, so a second run reports nothing created or updated.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError

from planner.extensions import db
from planner.models import (Compensation, CompensationMuscle, Exercise, ExerciseTarget, MovementScreen, Muscle,
                            LengthTest, ScreeningQuestion)
from planner.library import DATA_DIR
from planner.validation import field_path, message_for
from planner.library.schema import (ExerciseEntry, LengthTestEntry, MuscleEntry, ScreenEntry, ScreeningEntry,
                                    link_problem)
from planner.library.stamp import renew_library_stamp

MUSCLES_FILE = "muscles.yaml"
SCREENS_FILE = "screens.yaml"
SCREENING_FILE = "screening.yaml"
LENGTH_TESTS_FILE = "length_tests.yaml"
EXERCISES_GLOB = "exercises/*.yaml"


@dataclass(frozen=True)
class Problem:
    file: str
    entry: str  # "entry 4 (glute_bridge)", or "" for the file itself
    field: str
    message: str

    def __str__(self) -> str:
        where = ": ".join(part for part in (self.file, self.entry, self.field) if part)
        return f"{where}: {self.message}"


class LibraryError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = [str(p) for p in problems[:50]]
        if len(problems) > 50:
            lines.append(f"... and {len(problems) - 50} more")
        super().__init__("library not loaded, nothing was written:\n  " + "\n  ".join(lines))


@dataclass
class Library:
    muscles: list[MuscleEntry]
    screens: list[ScreenEntry]
    exercises: list[tuple[str, ExerciseEntry]]  # (file, entry)
    screening: list[ScreeningEntry] = field(default_factory=list)
    length_tests: list[LengthTestEntry] = field(default_factory=list)


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)

    def count(self, bucket: str, kind: str) -> None:
        counts = getattr(self, bucket)
        counts[kind] = counts.get(kind, 0) + 1

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def summary(self) -> str:
        kinds = ("muscle", "screen", "exercise", "screening question", "length test")
        parts = []
        for kind in kinds:
            parts.append(f"{kind}s: {self.created.get(kind, 0)} created, "
                         f"{self.updated.get(kind, 0)} updated, {self.unchanged.get(kind, 0)} unchanged")
        return "; ".join(parts)


def _entry_label(index: int, raw: object) -> str:
    slug = raw.get("slug") if isinstance(raw, dict) else None
    return f"entry {index + 1}" + (f" ({slug})" if isinstance(slug, str) else "")


def _read_list(path: Path, name: str, problems: list[Problem]) -> list:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.append(Problem(name, "", "", "file not found"))
        return []
    except yaml.YAMLError as exc:
        problems.append(Problem(name, "", "", f"not valid YAML: {exc}"))
        return []
    if data is None:
        return []
    if not isinstance(data, list):
        problems.append(Problem(name, "", "", "expected a list of entries at the top level"))
        return []
    return data


def _parse(model: type[BaseModel], raw: list, name: str, problems: list[Problem]) -> list:
    parsed = []
    for index, item in enumerate(raw):
        try:
            parsed.append(model.model_validate(item))
        except ValidationError as exc:
            for error in exc.errors():
                problems.append(Problem(name, _entry_label(index, item), field_path(error["loc"]),
                                        message_for(error)))
    return parsed


def read_library(data_dir: Path = DATA_DIR) -> Library:
    """Parse and cross-check every data file; raise LibraryError on any problem."""
    problems: list[Problem] = []
    muscles = _parse(MuscleEntry, _read_list(data_dir / MUSCLES_FILE, MUSCLES_FILE, problems),
                     MUSCLES_FILE, problems)
    screens = _parse(ScreenEntry, _read_list(data_dir / SCREENS_FILE, SCREENS_FILE, problems),
                     SCREENS_FILE, problems)
    screening = _parse(ScreeningEntry, _read_list(data_dir / SCREENING_FILE, SCREENING_FILE, problems),
                       SCREENING_FILE, problems)
    length_tests = _parse(LengthTestEntry, _read_list(data_dir / LENGTH_TESTS_FILE, LENGTH_TESTS_FILE, problems),
                          LENGTH_TESTS_FILE, problems)
    exercises: list[tuple[str, ExerciseEntry]] = []
    exercise_files = sorted(data_dir.glob(EXERCISES_GLOB))
    if not exercise_files:
        problems.append(Problem(EXERCISES_GLOB, "", "", "no exercise files found"))
    for path in exercise_files:
        name = path.relative_to(data_dir).as_posix()
        exercises += [(name, e) for e in _parse(ExerciseEntry, _read_list(path, name, problems), name, problems)]

    _cross_check(muscles, screens, exercises, problems)
    _check_screening(screening, exercises, problems)
    _check_length_tests(length_tests, muscles, problems)
    if problems:
        raise LibraryError(problems)
    return Library(muscles, screens, exercises, screening, length_tests)


def _duplicates(slugs: list[str]) -> set[str]:
    seen: set[str] = set()
    return {s for s in slugs if s in seen or seen.add(s)}


def _cross_check(muscles, screens, exercises, problems: list[Problem]) -> None:
    muscle_slugs = {m.slug for m in muscles}
    for index, muscle in enumerate(muscles):
        label = f"entry {index + 1} ({muscle.slug})"
        if muscle.slug in _duplicates([m.slug for m in muscles][: index + 1]):
            problems.append(Problem(MUSCLES_FILE, label, "slug", f"duplicate slug {muscle.slug!r}"))
        for i, other in enumerate(muscle.antagonists):
            if other not in muscle_slugs:
                problems.append(Problem(MUSCLES_FILE, label, f"antagonists[{i}]", f"unknown muscle slug {other!r}"))
            elif other == muscle.slug:
                problems.append(Problem(MUSCLES_FILE, label, f"antagonists[{i}]", "a muscle cannot oppose itself"))

    for index, screen in enumerate(screens):
        label = f"entry {index + 1} ({screen.slug})"
        for dup in _duplicates([c.slug for c in screen.compensations]):
            problems.append(Problem(SCREENS_FILE, label, "compensations", f"duplicate compensation {dup!r}"))
        for ci, comp in enumerate(screen.compensations):
            for status in ("overactive", "underactive"):
                for mi, slug in enumerate(getattr(comp, status)):
                    if slug not in muscle_slugs:
                        problems.append(Problem(SCREENS_FILE, label, f"compensations[{ci}].{status}[{mi}]",
                                                f"unknown muscle slug {slug!r}"))
            both = set(comp.overactive) & set(comp.underactive)
            if both:
                problems.append(Problem(SCREENS_FILE, label, f"compensations[{ci}]",
                                        f"{', '.join(sorted(both))} listed as both overactive and underactive"))

    by_slug: dict[str, ExerciseEntry] = {}
    for name, entry in exercises:
        if entry.slug in by_slug:
            problems.append(Problem(name, f"({entry.slug})", "slug", f"duplicate slug {entry.slug!r}"))
        by_slug.setdefault(entry.slug, entry)
    positions: dict[str, int] = {}
    for name, entry in exercises:
        positions[name] = positions.get(name, 0) + 1
        label = f"entry {positions[name]} ({entry.slug})"
        for ti, target in enumerate(entry.targets):
            if target.muscle not in muscle_slugs:
                problems.append(Problem(name, label, f"targets[{ti}].muscle", f"unknown muscle slug {target.muscle!r}"))
        for link in ("progression", "regression"):
            other_slug = getattr(entry, link)
            if other_slug is None:
                continue
            other = by_slug.get(other_slug)
            problem = (f"unknown exercise slug {other_slug!r}" if other is None else
                       link_problem(link, entry.phase, entry.level, repr(other_slug), other.phase, other.level))
            if problem:
                problems.append(Problem(name, label, link, problem))


def _check_screening(screening: list[ScreeningEntry], exercises, problems: list[Problem]) -> None:
    for dup in _duplicates([q.slug for q in screening]):
        problems.append(Problem(SCREENING_FILE, f"({dup})", "slug", f"duplicate slug {dup!r}"))
    kinds = {q.slug: q.kind for q in screening}
    positions: dict[str, int] = {}
    for name, entry in exercises:
        positions[name] = positions.get(name, 0) + 1
        for pi, slug in enumerate(entry.precautions):
            if kinds.get(slug) != "precaution":
                what = "a red flag, not a precaution" if slug in kinds else "unknown precaution"
                problems.append(Problem(name, f"entry {positions[name]} ({entry.slug})", f"precautions[{pi}]",
                                        f"{slug!r} is {what}; see {SCREENING_FILE}"))


def _check_length_tests(length_tests: list[LengthTestEntry], muscles, problems: list[Problem]) -> None:
    for dup in _duplicates([test.slug for test in length_tests]):
        problems.append(Problem(LENGTH_TESTS_FILE, f"({dup})", "slug", f"duplicate slug {dup!r}"))
    overactive = {m.slug: m.can_be_overactive for m in muscles}
    for index, test in enumerate(length_tests):
        for mi, slug in enumerate(test.muscles):
            if slug not in overactive:
                message = f"unknown muscle slug {slug!r}"
            elif not overactive[slug]:
                message = f"{slug} cannot be overactive in {MUSCLES_FILE}: a short result could not be treated"
            else:
                continue
            problems.append(Problem(LENGTH_TESTS_FILE, f"entry {index + 1} ({test.slug})", f"muscles[{mi}]", message))


# --- writing -------------------------------------------------------------

def _sync(row, values: dict) -> bool:
    """Set changed attributes only; say whether anything changed."""
    changed = False
    for key, value in values.items():
        if getattr(row, key) != value:
            setattr(row, key, value)
            changed = True
    return changed


def load_library(data_dir: Path = DATA_DIR) -> LoadReport:
    """Check the files (LibraryError before anything is written), then write
    and flush them; the caller commits."""
    library = read_library(data_dir)
    report = LoadReport()
    _write_muscles(library, report)
    _write_screens(library, report)
    _write_exercises(library, report)
    _write_rows(ScreeningQuestion, [q.model_dump() for q in library.screening], "screening question", report)
    _write_rows(LengthTest, [test.model_dump() for test in library.length_tests], "length test", report)
    if report.changed:
        renew_library_stamp()
    db.session.flush()
    return report


def _write_rows(model, entries: list[dict], kind: str, report: LoadReport) -> None:
    """Flat rows keyed by slug, in file order; rows taken out of the file go."""
    existing = {row.slug: row for row in db.session.scalars(db.select(model))}
    for position, values in enumerate(entries):
        row = existing.pop(values["slug"], None)
        if row is None:
            db.session.add(model(**values, position=position))
            report.count("created", kind)
        else:
            report.count("updated" if _sync(row, values | {"position": position}) else "unchanged", kind)
    for stale in existing.values():
        db.session.delete(stale)
    db.session.flush()


def _write_muscles(library: Library, report: LoadReport) -> None:
    existing = {m.slug: m for m in db.session.scalars(db.select(Muscle))}
    for position, entry in enumerate(library.muscles):
        values = entry.model_dump() | {"position": position}
        row = existing.get(entry.slug)
        if row is None:
            db.session.add(Muscle(**values))
            report.count("created", "muscle")
        else:
            report.count("updated" if _sync(row, values) else "unchanged", "muscle")
    db.session.flush()


def _write_screens(library: Library, report: LoadReport) -> None:
    existing = {s.slug: s for s in db.session.scalars(db.select(MovementScreen))}
    for entry in library.screens:
        screen = existing.get(entry.slug)
        created = screen is None
        if created:
            screen = MovementScreen(slug=entry.slug, name=entry.name, source=entry.source)
            db.session.add(screen)
        changed = _sync(screen, {"name": entry.name, "source": entry.source})
        current = {c.slug: c for c in screen.compensations}
        for position, comp in enumerate(entry.compensations):
            row = current.pop(comp.slug, None)
            if row is None:
                row = Compensation(slug=comp.slug)
                screen.compensations.append(row)
                changed = True
            changed |= _sync(row, {"name": comp.name, "view": comp.view, "position": position})
            wanted = [(slug, "overactive") for slug in comp.overactive] + \
                     [(slug, "underactive") for slug in comp.underactive]
            have = [(m.muscle_slug, m.status) for m in row.muscles]
            if have != wanted:
                row.muscles.clear()
                db.session.flush()
                row.muscles.extend(CompensationMuscle(muscle_slug=slug, status=status, position=i)
                                   for i, (slug, status) in enumerate(wanted))
                changed = True
        for stale in current.values():
            # A compensation taken out of the file: keep past assessments'
            # records (they store the slug), drop the mapping.
            screen.compensations.remove(stale)
            changed = True
        report.count("created" if created else ("updated" if changed else "unchanged"), "screen")
    db.session.flush()


def _exercise_values(file: str, entry: ExerciseEntry) -> dict:
    dosage = entry.dosage
    return {
        "name": entry.name, "phase": entry.phase, "level": entry.level,
        "equipment": list(entry.equipment), "position": entry.position, "per_side": entry.per_side,
        "contraindications": list(entry.contraindications), "precautions": list(entry.precautions),
        "sets": dosage.sets, "reps": dosage.reps, "hold_seconds": dosage.hold_seconds,
        "tempo": dosage.tempo, "rest_seconds": dosage.rest_seconds,
        "instructions": entry.instructions, "cues": list(entry.cues), "source_file": file,
    }


def _write_exercises(library: Library, report: LoadReport) -> None:
    existing = {e.slug: e for e in db.session.scalars(
        db.select(Exercise).where(Exercise.trainer_id.is_(None)))}
    rows: dict[str, tuple[Exercise, bool, bool]] = {}
    for file, entry in library.exercises:
        row = existing.get(entry.slug)
        created = row is None
        if created:
            row = Exercise(slug=entry.slug)
            db.session.add(row)
        changed = _sync(row, _exercise_values(file, entry))
        wanted = [(t.muscle, t.role) for t in entry.targets]
        if [(t.muscle_slug, t.role) for t in row.targets] != wanted:
            row.targets.clear()
            db.session.flush()
            row.targets.extend(ExerciseTarget(muscle_slug=m, role=r, position=i)
                               for i, (m, r) in enumerate(wanted))
            changed = True
        rows[entry.slug] = (row, created, changed)
    db.session.flush()  # ids for the links below
    for file, entry in library.exercises:
        row, created, changed = rows[entry.slug]
        links = {
            "progression_id": rows[entry.progression][0].id if entry.progression else None,
            "regression_id": rows[entry.regression][0].id if entry.regression else None,
        }
        changed |= _sync(row, links)
        report.count("created" if created else ("updated" if changed else "unchanged"), "exercise")
