"""Ranking findings for treatment: the painful region's muscles first.

The order is findings.rank_key's: confirmed by a test before suggested by a
screen (contradictions to test last), then the painful region's muscles,
then severity. This module says which muscles belong to a painful region.
Plain functions over plain data.
"""
from __future__ import annotations

from planner.assessments.findings import Finding, rank_key

# The muscle regions (muscles.yaml) whose muscles are "the painful region's"
# for each pain region. The local region always; our product choices beyond
# it, each with its reason:
# - shoulder: the scapular muscles, part of shoulder pain care (Kibler et
#   al., Br J Sports Med 2013, the "scapular summit" consensus);
# - neck: the scapular elevators (upper trapezius, levator scapulae are
#   filed under scapular);
# - upper back: the thoracic and scapular muscles;
# - knee: the hip muscles, which steer the knee's alignment (Powers, JOSPT
#   2010, hip mechanics and knee injury).
# Elbow and wrist pain have no muscles of their own in the catalog.
PAIN_REGION_MUSCLE_REGIONS: dict[str, tuple[str, ...]] = {
    "neck": ("neck", "scapular"),
    "shoulder": ("shoulder", "scapular"),
    "upper_back": ("thoracic", "scapular"),
    "low_back": ("lumbopelvic_core",),
    "hip": ("hip",),
    "knee": ("knee", "hip"),
    "ankle_foot": ("ankle_foot",),
    "elbow": (),
    "wrist_hand": (),
}


def pain_weights(pain: dict[str, int], muscle_regions: dict[str, str]) -> dict[str, int]:
    """Muscle slug -> the highest pain score among the painful regions it
    belongs to (muscles of no painful region are left out)."""
    weights: dict[str, int] = {}
    for region, score in pain.items():
        if score <= 0:
            continue
        for muscle, muscle_region in muscle_regions.items():
            if muscle_region in PAIN_REGION_MUSCLE_REGIONS.get(region, ()):
                weights[muscle] = max(weights.get(muscle, 0), score)
    return weights


def rank(findings: list[Finding], pain: dict[str, int], muscle_regions: dict[str, str]) -> list[Finding]:
    """The findings in treatment order (see findings.rank_key)."""
    weights = pain_weights(pain, muscle_regions)
    return sorted(findings, key=lambda f: rank_key(f, weights.get(f.muscle, 0)))

