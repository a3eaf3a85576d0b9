"""Findings as a trainer reads them between two clients: those a test
confirmed one by one, those a screen only suggests one line per
compensation, and the contradictions to test. Works on MuscleFinding rows
and on generator Findings alike (status, confirmed, compensations)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class FindingGroups:
    confirmed: list = field(default_factory=list)  # in treatment order
    # (compensation slug, the findings it suggests), compensations in the
    # order their first finding ranks; a muscle two compensations suggest
    # is listed under both.
    suggested: list[tuple[str, list]] = field(default_factory=list)
    to_test: list = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.confirmed) + len({id(f) for _, group in self.suggested for f in group}) + len(self.to_test)


def group_findings(findings) -> FindingGroups:
    groups = FindingGroups()
    by_compensation: dict[str, list] = {}
    for finding in findings:
        if finding.status == "conflicting":
            groups.to_test.append(finding)
        elif finding.confirmed:
            groups.confirmed.append(finding)
        else:
            for slug in dict.fromkeys(finding.compensations) or ("other",):
                by_compensation.setdefault(slug, []).append(finding)
    groups.suggested = list(by_compensation.items())
    return groups
