"""The body map's geometry (data/body_map.yaml): our own schematic front and
back views, with a region for every muscle of the catalog.

Shapes are drawn on the viewer's left half of each view and mirrored for the
other half; which body side a half shows follows from the view.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

from planner.library import DATA_DIR

BODY_MAP_FILE = "body_map.yaml"
VIEWS = ("front", "back")
VIEW_WIDTH, VIEW_HEIGHT = 200, 450
MIDLINE = VIEW_WIDTH / 2
# From the front the viewer's left half is the body's right; from the back, its left.
SIDE_OF_LEFT_HALF = {"front": "right", "back": "left"}
_POINTS = re.compile(r"^-?\d+(\.\d+)?,-?\d+(\.\d+)?( -?\d+(\.\d+)?,-?\d+(\.\d+)?){2,}$")


def _points(value: str) -> str:
    value = " ".join(value.split())
    if not _POINTS.match(value):
        raise ValueError("must be at least three 'x,y' points separated by spaces")
    for pair in value.split():
        x, y = (float(n) for n in pair.split(","))
        if not (0 <= x <= MIDLINE and 0 <= y <= VIEW_HEIGHT):
            raise ValueError(f"point {pair} is outside the view's left half (0-{MIDLINE:g}, 0-{VIEW_HEIGHT})")
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ShapeEntry(_Strict):
    view: Literal["front", "back"]
    points: str

    _check = field_validator("points")(_points)


class MuscleRegionEntry(_Strict):
    deep: bool = False
    shapes: list[ShapeEntry] = Field(min_length=1)


class HeadEntry(_Strict):
    cx: float
    cy: float
    rx: float
    ry: float


class BodyMapFile(_Strict):
    outline: str
    head: HeadEntry
    muscles: dict[str, MuscleRegionEntry]

    _check = field_validator("outline")(_points)


@dataclass(frozen=True)
class Region:
    """One muscle's shape on one side of one view."""
    muscle: str
    view: str
    side: str
    points: str
    deep: bool


@dataclass(frozen=True)
class BodyMap:
    outline: str  # the whole silhouette, the same in both views
    head: HeadEntry
    regions: tuple[Region, ...]

    @property
    def muscles(self) -> frozenset[str]:
        return frozenset(region.muscle for region in self.regions)


def mirrored(points: str) -> str:
    """The same polygon on the viewer's right half."""
    return " ".join(f"{VIEW_WIDTH - float(x):g},{y}" for x, y in (pair.split(",") for pair in points.split()))


def parse_body_map(text: str) -> BodyMap:
    """The map from its YAML text; pydantic's ValidationError names a bad field."""
    entry = BodyMapFile.model_validate(yaml.safe_load(text))
    regions = []
    for muscle, region in entry.muscles.items():
        for shape in region.shapes:
            left_side = SIDE_OF_LEFT_HALF[shape.view]
            right_side = "left" if left_side == "right" else "right"
            regions.append(Region(muscle, shape.view, left_side, shape.points, region.deep))
            regions.append(Region(muscle, shape.view, right_side, mirrored(shape.points), region.deep))
    # One polygon: down the left half, then back up the mirrored half.
    outline = entry.outline + " " + " ".join(reversed(mirrored(entry.outline).split()))
    return BodyMap(outline, entry.head, tuple(regions))


@lru_cache(maxsize=1)
def body_map(data_dir: Path = DATA_DIR) -> BodyMap:
    """The map shipped with the library, read once per process."""
    return parse_body_map((data_dir / BODY_MAP_FILE).read_text(encoding="utf-8"))
