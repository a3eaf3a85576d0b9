"""A template (or another client's program) made into a program for this
client. Plain functions over plain data: no Flask, no database.

The rules, each said to the trainer beside the item it changed and in the
summary of changes:
- The template's weeks, sessions, order and doses stay as the trainer left
  them; the dates follow this client's training days.
- An exercise this client cannot use (a precaution from the screening, a
  region in pain at rules.PAIN_EXCLUDES_AT or more, equipment they lack) is
  swapped for a usable exercise of the same continuum phase that works the
  same muscles (most shared primary targets, then the nearest level: the
  builder's own order of alternatives), or dropped when there is none.
- One-sided work follows this client's findings: the side of the finding it
  serves, both sides when the findings are on both, and both sides when no
  finding of this client calls for it (our product choice: a side is chosen
  only on evidence). A side only the squat suggests, while a test found the
  other side weak, waits for its own test, as in the generator.
- Each finding of this client that no item serves is listed as not covered,
  with the reason; a finding the screens contradict is to be tested first.
- Each item's reason cites this client's own evidence, never the client the
  template came from.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from planner.assessments.findings import Finding
from planner.programs import dosage
from planner.programs.choice import (TEST_IT, LibraryExercise, Unit, _uncovered, blocked_regions, exclusion,
                                     one_sided_weakness, phases_for, side_of, waiting_reason)
from planner.programs.dosage import Dose
from planner.programs.generator import Item, Params, Program, Session, Week
from planner.programs.rationale import join_names, rationale, side_label
from planner.programs.rules import DELOAD_EVERY_WEEKS
from planner.programs.schedule import dates_in_week, session_days

ADDED_BY_TRAINER = "added by the trainer"
SWAPPED, DROPPED, SIDE, NO_FINDING, UNCOVERED = "swapped", "dropped", "side", "no_finding", "uncovered"


@dataclass(frozen=True)
class TemplateItem:
    exercise: str
    name: str
    phase: str
    dose: Dose
    side: str | None
    targets: tuple[dict, ...]
    slot: str
    locked: bool = False
    note: str | None = None  # the trainer's own words on an item they added

    @classmethod
    def from_dict(cls, data: dict) -> TemplateItem:
        return cls(data["exercise"], data["name"], data["phase"],
                   Dose(data["sets"], data["reps"], data["hold_seconds"], data["tempo"], data["rest_seconds"]),
                   data["side"], tuple(data["targets"]), data["slot"], data["locked"], data.get("note"))

    def as_dict(self) -> dict:
        return {"exercise": self.exercise, "name": self.name, "phase": self.phase, **self.dose.as_dict(),
                "side": self.side, "targets": list(self.targets), "slot": self.slot, "locked": self.locked,
                "note": self.note}


@dataclass(frozen=True)
class TemplateSession:
    week: int
    index: int
    deload: bool
    items: tuple[TemplateItem, ...]


@dataclass(frozen=True)
class Template:
    name: str
    sessions_per_week: int
    minutes_per_session: int
    sessions: tuple[TemplateSession, ...]
    built_for: tuple[dict, ...] = ()  # the findings ({muscle, side, status}) it was built for
    source: str = "the template"  # how the reasons name it: "the template", "the program copied"

    @property
    def weeks(self) -> int:
        return max((s.week for s in self.sessions), default=0)

    @classmethod
    def from_schedule(cls, name: str, sessions_per_week: int, minutes_per_session: int, schedule: list[dict],
                      built_for: list[dict] = (), source: str = "the template") -> Template:
        """From the stored form: [{week, deload, sessions: [{index, items: [...]}]}]."""
        sessions = tuple(TemplateSession(week["week"], session["index"], week["deload"],
                                         tuple(TemplateItem.from_dict(i) for i in session["items"]))
                         for week in schedule for session in week["sessions"])
        return cls(name, sessions_per_week, minutes_per_session, sessions, tuple(built_for), source)


@dataclass
class Adaptation:
    """One change for this client, and the weeks it applies to."""
    kind: str
    item: str
    change: str
    reason: str
    weeks: list[int] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"kind": self.kind, "item": self.item, "change": self.change, "reason": self.reason,
                "weeks": self.weeks}


@dataclass
class Adapted:
    program: Program
    adaptations: list[Adaptation]


class _Changes:
    """Adaptations gathered once per distinct change, with their weeks."""

    def __init__(self):
        self.found: dict[tuple, Adaptation] = {}

    def note(self, kind: str, item: str, change: str, reason: str, week: int | None) -> None:
        found = self.found.setdefault((kind, item, change, reason), Adaptation(kind, item, change, reason))
        if week is not None and week not in found.weeks:
            found.weeks.append(week)


def _muscle(name_of: dict[str, str], muscle: str) -> str:
    return name_of.get(muscle, muscle.replace("_", " ")).lower()


def _finding_name(finding: Finding, names: dict[str, str]) -> str:
    return f"{side_label(finding.side)}{_muscle(names, finding.muscle)} ({finding.status})"


def _side_words(side: str | None) -> str:
    return "both sides" if side in (None, "bilateral") else f"the {side} side"


def alternative(exercise: LibraryExercise, phase: str, muscles: list[str],
                usable: list[LibraryExercise]) -> LibraryExercise | None:
    """A usable exercise of the same phase for the same muscles: the most
    shared primary targets, then the nearest level (as the builder offers)."""
    options = [e for e in usable if e.phase == phase and e.slug != exercise.slug
               and set(muscles) & set(e.primary + e.secondary)]
    if not options:
        return None
    return min(options, key=lambda e: (-len(set(muscles) & set(e.primary)), abs(e.level - exercise.level), e.slug))


def _same_kind_of_dose(dose: Dose, default: Dose) -> bool:
    """Repetitions stay repetitions and holds stay holds."""
    return (dose.reps is None) == (default.reps is None)


def _matching(item: TemplateItem, exercise: LibraryExercise, findings: list[Finding]) -> list[Finding]:
    """This client's findings the item serves: those of its target muscles
    (the exercise's own for an item the trainer added) that need its phase;
    for integration, the muscles it integrates that need activating."""
    if item.phase == "integrate":
        reach = exercise.primary + exercise.secondary
        return [f for f in findings if phases_for(f) == ("activate",) and f.muscle in reach]
    muscles = [t["muscle"] for t in item.targets] or list(exercise.primary)
    return [f for f in findings if item.phase in phases_for(f) and f.muscle in muscles]


def _why(item: TemplateItem, exercise: LibraryExercise, matching: list[Finding], side: str | None,
         names: dict[str, str], assessed_on: date | None, source: str) -> str:
    if item.note is not None:
        return item.note
    if matching and item.phase == "integrate":
        muscles = list(dict.fromkeys(_muscle(names, f.muscle) for f in matching))
        return f"integrates {join_names(muscles)} into one whole-body movement (NASM: integrate after activating)"
    if matching:
        return rationale(Unit(exercise, item.phase, matching, 0, side), names, assessed_on)
    muscles = [t["muscle"] for t in item.targets] or list(exercise.primary)
    verb = {"inhibit": "releases", "lengthen": "lengthens", "activate": "activates"}.get(item.phase, "integrates")
    return (f"{verb} {join_names(list(dict.fromkeys(_muscle(names, m) for m in muscles)))}: kept from "
            f"{source}; no finding of this client calls for it")


class _Adapter:
    def __init__(self, template: Template, findings: list[Finding], pain: dict[str, int], params: Params,
                 library: list[LibraryExercise], names: dict[str, str], assessed_on: date | None,
                 precautions: dict[str, str] | None):
        self.template, self.params, self.names, self.assessed_on = template, params, names, assessed_on
        self.by_slug = {e.slug: e for e in library}
        blocked = blocked_regions(pain)
        self.problem = {e.slug: exclusion(e, params.equipment, blocked, precautions) for e in library}
        self.usable = [e for e in library if self.problem[e.slug] is None]
        self.waiting = one_sided_weakness(findings)
        self.findings = findings
        self.active = [f for f in findings if id(f) not in self.waiting]
        self.changes = _Changes()
        self.dropped: dict[tuple[str, str], str] = {}  # (muscle, phase) -> why its work was dropped
        # The exercise of each slot by week, for "moved up the chain" notes.
        self.slot_exercise = {(s.week, i.slot): i.exercise for s in template.sessions for i in s.items}

    def item(self, item: TemplateItem, session: TemplateSession) -> Item | None:
        week = session.week
        exercise = self.by_slug.get(item.exercise)
        if exercise is None:
            self.changes.note(DROPPED, item.name, "dropped", f"{item.name} is no longer in your library", week)
            return None
        dose, notes = item.dose, []
        problem = self.problem[exercise.slug]
        if problem:
            muscles = [t["muscle"] for t in item.targets] or list(exercise.primary)
            swap = alternative(exercise, item.phase, muscles, self.usable)
            if swap is None:
                work = join_names(list(dict.fromkeys(_muscle(self.names, m) for m in muscles)))
                for muscle in muscles:
                    self.dropped.setdefault((muscle, item.phase), (
                        f"no {item.phase} exercise for the {_muscle(self.names, muscle)} can be used: {problem} "
                        f"({exercise.name} in {self.template.source})"))
                self.changes.note(DROPPED, exercise.name, "dropped", (
                    f"{problem}; and no other {item.phase} exercise for the {work} can be used"), week)
                return None
            self.changes.note(SWAPPED, exercise.name, f"swapped for {swap.name}", problem, week)
            notes.append(f"in place of {exercise.name} from {self.template.source}, which cannot be used: {problem}")
            if not _same_kind_of_dose(dose, swap.default):
                dose = dosage.starting_dose(item.phase, swap.default)
            exercise = swap
        matching = _matching(item, exercise, self.active)
        side = self._side(item, exercise, matching, week, notes)
        if not matching:
            self.changes.note(NO_FINDING, exercise.name, f"kept as in {self.template.source}", (
                "no finding of this client calls for it: remove it if it is not wanted"), week)
        notes += self._progress_notes(item, exercise, session)
        targets = [{"muscle": f.muscle, "side": f.side, "status": f.status} for f in matching]
        why = _why(item, exercise, matching, side, self.names, self.assessed_on, self.template.source)
        return Item(exercise.slug, item.phase, dose, side, targets, why + "".join(f"; {n}" for n in notes),
                    item.slot, item.locked)

    def _side(self, item: TemplateItem, exercise: LibraryExercise, matching: list[Finding], week: int,
              notes: list[str]) -> str | None:
        if not exercise.per_side:
            return None
        side = side_of(exercise, matching) if matching else "bilateral"
        before = item.side if item.side is not None else "bilateral"
        if side != before:
            if matching:
                where = sorted({f.side for f in matching})
                reason = (f"this client's finding is on {_side_words(where[0])}" if len(where) == 1
                          else "this client's findings are on both sides")
            else:
                reason = "no finding of this client is on one side"
            change = f"on {_side_words(side)} instead of {_side_words(before)}"
            self.changes.note(SIDE, exercise.name, change, reason, week)
            notes.append(f"{change} in {self.template.source}: {reason}")
        return side

    def _progress_notes(self, item: TemplateItem, exercise: LibraryExercise, session: TemplateSession) -> list[str]:
        notes = []
        before = self.slot_exercise.get((session.week - 1, item.slot))
        earlier = self.by_slug.get(before) if before else None
        if exercise.slug == item.exercise and earlier is not None and earlier.progression == exercise.slug:
            notes.append(f"moved up from {earlier.name.lower()} in week {session.week}: the reps reached the top "
                         f"of 10-15 (double progression, NSCA)")
        if session.deload and exercise.loaded:
            notes.append(f"lighter week for loaded work (every {DELOAD_EVERY_WEEKS}th week)")
        return notes

    def session(self, template_session: TemplateSession, day: str, when: date) -> Session:
        items: list[Item] = []
        for template_item in template_session.items:
            item = self.item(template_item, template_session)
            if item is None:
                continue
            if any(i.exercise == item.exercise for i in items):
                name = self.by_slug[item.exercise].name
                self.changes.note(DROPPED, template_item.name, "dropped",
                                  f"{name}, which replaces it, is already in this session", template_session.week)
                continue
            items.append(item)
        seconds = sum(dosage.seconds(i.dose, self.by_slug[i.exercise].per_side, i.side) for i in items)
        return Session(template_session.index, day, when, -(-seconds // 60), items)

    def uncovered(self, weeks: list[Week]) -> list[dict]:
        items = [(i, self.by_slug[i.exercise]) for w in weeks for s in w.sessions for i in s.items]

        def covered(f: Finding, phase: str) -> bool:
            target = {"muscle": f.muscle, "side": f.side, "status": f.status}
            return any(i.phase == phase and (target in i.targets or not i.targets and f.muscle in e.primary
                                             and i.side in (None, "bilateral", f.side)) for i, e in items)

        built_for = {(f["muscle"], f["status"]) for f in self.template.built_for}
        found = [(f, _uncovered(f, "activate", waiting_reason(f, self.waiting[id(f)])))
                 for f in self.findings if id(f) in self.waiting]
        for f in self.active:
            for phase in phases_for(f):
                if covered(f, phase):
                    continue
                if (f.muscle, phase) in self.dropped:
                    found.append((f, _uncovered(f, phase, self.dropped[(f.muscle, phase)])))
                    continue
                source = self.template.source
                why = (f"{source} leaves it out too" if (f.muscle, f.status) in built_for
                       else f"{source} was not built for it")
                found.append((f, _uncovered(f, phase, f"not in {source}: {why}; add an exercise for it, "
                                                      f"or generate a program instead")))
        found += [(f, _uncovered(f, None, TEST_IT)) for f in self.findings if not phases_for(f)]
        for f, entry in found:
            what = f"no {entry['phase']} work" if entry["phase"] else "not treated"
            self.changes.note(UNCOVERED, _finding_name(f, self.names), what, entry["reason"], None)
        found = [entry for _, entry in found]
        return found


def adapt(template: Template, findings: list[Finding], pain: dict[str, int], params: Params,
          library: list[LibraryExercise], muscle_names: dict[str, str], assessed_on: date | None = None,
          precautions: dict[str, str] | None = None) -> Adapted:
    """The template as a program for a client with these `findings`, `pain`
    ({region: 0-10}) and `precautions` ({slug: why}), with the equipment,
    days and start date of `params`, and every change made for them."""
    adapter = _Adapter(template, findings, pain, params, library, muscle_names, assessed_on, precautions)
    week_days = session_days(template.sessions_per_week, list(params.days))
    days = [day for day, _ in dates_in_week(params.start_date, 1, week_days)]
    weeks = []
    for number in range(1, template.weeks + 1):
        in_week = sorted((s for s in template.sessions if s.week == number), key=lambda s: s.index)
        dated = dates_in_week(params.start_date, number, days)
        sessions = [adapter.session(s, day, when) for s, (day, when) in zip(in_week, dated)]
        weeks.append(Week(number, any(s.deload for s in in_week), sessions))
    uncovered = adapter.uncovered(weeks)
    return Adapted(Program(weeks, uncovered), list(adapter.changes.found.values()))
