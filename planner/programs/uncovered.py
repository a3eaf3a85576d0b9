"""What a program leaves out, as a trainer reads it between two clients: a
count, and the entries grouped by reason (each group expandable)."""
from __future__ import annotations

from dataclasses import dataclass, field

# (key, what the trainer reads, does an entry's reason belong here?), first match wins.
REASONS = (
    ("room", "no room in the sessions (minutes or the six-exercise cap)",
     lambda reason: reason.startswith("no room") or "time(s) a week instead of" in reason),
    ("test", "to test before treating",
     lambda reason: "test it" in reason),
    ("excluded", "left out by the equipment, a painful region or a precaution",
     lambda reason: "can be used:" in reason),
    ("library", "no exercise for it in the library",
     lambda reason: reason.startswith("the library has no")),
    ("template", "not in the template or the program it was copied from",
     lambda reason: reason.startswith("not in the ")),
)


@dataclass
class UncoveredGroup:
    key: str
    label: str
    entries: list[dict] = field(default_factory=list)

    @property
    def muscles(self) -> int:
        return len({(e["muscle"], e["side"]) for e in self.entries})


def summarise(uncovered: list[dict]) -> list[UncoveredGroup]:
    """The entries grouped by reason, in REASONS' order, then anything else."""
    groups = {key: UncoveredGroup(key, label) for key, label, _ in REASONS}
    other = UncoveredGroup("other", "other reasons")
    for entry in uncovered:
        reason = entry.get("reason", "")
        key = next((key for key, _, belongs in REASONS if belongs(reason)), None)
        (groups[key] if key else other).entries.append(entry)
    return [g for g in (*groups.values(), other) if g.entries]


def finding_count(uncovered: list[dict]) -> int:
    """How many findings (muscle, side, status) are not fully covered."""
    return len({(e["muscle"], e["side"], e["status"]) for e in uncovered})
