"""Figures drawn from the body map: the muscles an exercise works, and a
client's findings by side and status. Plain SVG text, built here (no
plotting library), with every text escaped.

Every muscle region carries data-muscle, data-side and data-view; a worked
muscle adds data-role (primary or secondary), a finding data-status. Fills
differ by pattern as well as colour (solid, hatched, dotted, cross-hatched,
striped) and a legend names each, so no reader depends on colour alone; deep
muscles have a dashed outline. Renders are cached per content: the same
exercise with the same targets and names is drawn once per process.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from html import escape

from planner.library.body_map import VIEW_HEIGHT, VIEW_WIDTH, VIEWS, BodyMap, Region, body_map

# Figures change only when the library does; a browser keeps one and asks
# again with its ETag (a 304 costs no drawing). "private": a trainer's own
# exercises are theirs alone.
CACHE_CONTROL = "private, no-cache"

VIEW_GAP, TOP, LEGEND_ROW = 24, 26, 22
WIDTH = 2 * VIEW_WIDTH + VIEW_GAP
SIDE_WORDS = {"left": "left", "right": "right"}
FINDING_ORDER = ("weak", "inhibited", "underactive", "overactive", "short", "conflicting")


@dataclass(frozen=True)
class Fill:
    """How a highlighted region is painted: a solid colour or a pattern."""
    key: str
    label: str
    colour: str      # the pattern's lines, or the solid fill
    background: str  # behind a pattern's lines; "" for a solid fill
    pattern: str     # "", "hatch", "crosshatch", "dots", "stripes"
    stroke: str


ROLE_FILLS = {
    "primary": Fill("primary", "Primary muscle: solid", "#c2410c", "", "", "#7c2d12"),
    "secondary": Fill("secondary", "Secondary muscle: hatched", "#c2410c", "#ffedd5", "hatch", "#9a3412"),
}
# The colours of the findings' badges on the same pages (static/app.css):
# red and amber for muscles to activate, blue for those to calm and
# lengthen, grey where screens disagree; each also its own pattern.
STATUS_FILLS = {
    "weak": Fill("weak", "Weak: solid", "#b42318", "", "", "#7a271a"),
    "inhibited": Fill("inhibited", "Inhibited: dotted", "#b42318", "#fde8e7", "dots", "#7a271a"),
    "underactive": Fill("underactive", "Underactive: hatched", "#b45309", "#fef3c7", "hatch", "#78350f"),
    "overactive": Fill("overactive", "Overactive: solid", "#1d4ed8", "", "", "#1e3a8a"),
    "short": Fill("short", "Short on a length test: crossed", "#1d4ed8", "#dbeafe", "crosshatch", "#1e3a8a"),
    "conflicting": Fill("conflicting", "Conflicting, test it: striped", "#4b5563", "#f3f4f6", "stripes", "#374151"),
}
PLAIN = {"fill": "#e5e7eb", "stroke": "#6b7280"}
BODY = {"fill": "#f8fafc", "stroke": "#64748b"}


def safe_id(prefix: str) -> str:
    """An XML id from any text: letters, digits, '-' and '_' only."""
    cleaned = re.sub(r"[^A-Za-z0-9_-]", "-", prefix)
    return cleaned if cleaned[:1].isalpha() else f"f-{cleaned}"


def figure_etag(svg: str) -> str:
    return hashlib.sha256(svg.encode("utf-8")).hexdigest()[:32]


def _pattern(pid: str, fill: Fill) -> str:
    if fill.pattern == "dots":
        return (f'<pattern id="{pid}" width="4" height="4" patternUnits="userSpaceOnUse">'
                f'<rect width="4" height="4" fill="{fill.background}"/>'
                f'<circle cx="2" cy="2" r="1.1" fill="{fill.colour}"/></pattern>')
    lines = {"hatch": "M0 0V5", "crosshatch": "M0 0V5M0 0H5", "stripes": "M0 0V5"}[fill.pattern]
    angle = 90 if fill.pattern == "stripes" else 45
    return (f'<pattern id="{pid}" width="5" height="5" patternUnits="userSpaceOnUse" '
            f'patternTransform="rotate({angle})"><rect width="5" height="5" fill="{fill.background}"/>'
            f'<path d="{lines}" stroke="{fill.colour}" stroke-width="2"/></pattern>')


def _paint(prefix: str, fill: Fill) -> str:
    return f"url(#{prefix}-{fill.key})" if fill.pattern else fill.colour


def _polygon(region: Region, attributes: str, title: str, dx: int) -> str:
    """A region; only highlighted ones carry a title (a tooltip), which keeps
    the figure small and its text about the muscles it is about."""
    points = region.points if dx == 0 else " ".join(
        f"{float(x) + dx:g},{y}" for x, y in (pair.split(",") for pair in region.points.split()))
    start = (f'<polygon points="{points}" data-muscle="{region.muscle}" data-side="{region.side}" '
             f'data-view="{region.view}"{attributes}')
    return f"{start}><title>{escape(title)}</title></polygon>" if title else f"{start}/>"


def _offset(view: str) -> int:
    return 0 if view == VIEWS[0] else VIEW_WIDTH + VIEW_GAP


def _body(geometry: BodyMap) -> str:
    parts = []
    for view in VIEWS:
        dx = _offset(view)
        shift = f' transform="translate({dx},0)"' if dx else ""
        head = geometry.head
        parts.append(
            f'<g{shift} fill="{BODY["fill"]}" stroke="{BODY["stroke"]}" stroke-width="0.8">'
            f'<polygon points="{geometry.outline}"/>'
            f'<ellipse cx="{head.cx:g}" cy="{head.cy:g}" rx="{head.rx:g}" ry="{head.ry:g}"/></g>')
        left, right = ("Right", "Left") if view == "front" else ("Left", "Right")
        parts.append(f'<text x="{dx + VIEW_WIDTH / 2:g}" y="-8" text-anchor="middle" font-size="15" '
                     f'font-weight="bold">{view.capitalize()}</text>'
                     f'<text x="{dx + 4}" y="-8" font-size="12">{left}</text>'
                     f'<text x="{dx + VIEW_WIDTH - 4}" y="-8" font-size="12" text-anchor="end">{right}</text>')
    return "".join(parts)


def _legend(prefix: str, fills: list[Fill], top: int) -> tuple[str, int]:
    entries = [(f'fill="{_paint(prefix, f)}" stroke="{f.stroke}"', f.label) for f in fills]
    entries.append((f'fill="{PLAIN["fill"]}" stroke="{PLAIN["stroke"]}"', "Not highlighted"))
    entries.append(('fill="none" stroke="#374151" stroke-dasharray="2 1.5"', "Deep muscle: dashed outline"))
    # One column, large enough to read where a phone shrinks the figure.
    parts = ['<g font-size="14" data-legend="">']
    for index, (paint, label) in enumerate(entries):
        y = top + index * LEGEND_ROW
        parts.append(f'<rect x="10" y="{y}" width="22" height="14" {paint}/>'
                     f'<text x="40" y="{y + 12}">{escape(label)}</text>')
    parts.append("</g>")
    return "".join(parts), len(entries) * LEGEND_ROW


def _render(title: str, description: str, marks: dict[tuple[str, str], tuple[str, str, Fill]],
            names: dict[str, str], fills: list[Fill], prefix: str, legend: bool) -> str:
    """marks: (muscle, side) -> (attribute, value, fill) for highlighted regions."""
    prefix = safe_id(prefix)
    geometry = body_map()
    plain, deep_plain, highlighted = [], [], []
    for region in geometry.regions:
        dx = _offset(region.view)
        mark = marks.get((region.muscle, region.side))
        if mark is None:
            element = _polygon(region, "", "", dx)
            (deep_plain if region.deep else plain).append(element)
            continue
        attribute, value, fill = mark
        name = names.get(region.muscle, region.muscle.replace("_", " ").capitalize())
        dashes = ' stroke-dasharray="2 1.5"' if region.deep else ""
        highlighted.append(_polygon(
            region, f' {attribute}="{value}" fill="{_paint(prefix, fill)}" stroke="{fill.stroke}" '
                    f'stroke-width="1.2"{dashes}', f"{name}, {region.side}: {value}", dx))
    legend_svg, legend_height = _legend(prefix, fills, VIEW_HEIGHT + 12) if legend else ("", 0)
    height = TOP + VIEW_HEIGHT + (legend_height + 16 if legend else 4)
    patterns = "".join(_pattern(f"{prefix}-{f.key}", f) for f in fills if f.pattern)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{prefix}-title {prefix}-desc" class="body-figure" font-family="sans-serif">'
        f'<title id="{prefix}-title">{escape(title)}</title><desc id="{prefix}-desc">{escape(description)}</desc>'
        f'<defs>{patterns}</defs><g transform="translate(0,{TOP})">{_body(geometry)}'
        f'<g fill="{PLAIN["fill"]}" stroke="{PLAIN["stroke"]}" stroke-width="0.5">{"".join(plain)}</g>'
        f'<g fill="none" stroke="#9ca3af" stroke-width="0.5" stroke-dasharray="2 1.5">{"".join(deep_plain)}</g>'
        f'<g>{"".join(highlighted)}</g>{legend_svg}</g></svg>')


def _listing(names: dict[str, str], muscles: list[str]) -> str:
    return ", ".join(names.get(m, m) for m in muscles)


@lru_cache(maxsize=2048)
def exercise_figure(exercise_name: str, targets: tuple[tuple[str, str], ...],
                    muscle_names: tuple[tuple[str, str], ...], prefix: str = "figure", legend: bool = True) -> str:
    """The body map with the exercise's targets, (muscle slug, role) pairs,
    highlighted on both sides (a one-sided exercise is done on each side)."""
    names = dict(muscle_names)
    marks = {}
    for muscle, role in sorted(targets, key=lambda target: target[1] != "primary", reverse=True):
        for side in ("left", "right"):
            marks[(muscle, side)] = ("data-role", role, ROLE_FILLS[role])
    primary = [m for m, role in targets if role == "primary"]
    secondary = [m for m, role in targets if role == "secondary"]
    description = f"Front and back views of the body. Primary: {_listing(names, primary) or 'none'}."
    if secondary:
        description += f" Secondary: {_listing(names, secondary)}."
    return _render(f"Muscles worked by {exercise_name}", description, marks, names,
                   list(ROLE_FILLS.values()), prefix, legend)


@lru_cache(maxsize=512)
def findings_figure(findings: tuple[tuple[str, str, str], ...], muscle_names: tuple[tuple[str, str], ...],
                    prefix: str = "findings") -> str:
    """The body map with findings, (muscle slug, side, status) in treatment
    order; a bilateral finding marks both sides, and where one muscle side
    has several findings the first in treatment order shows."""
    names = dict(muscle_names)
    marks: dict[tuple[str, str], tuple[str, str, Fill]] = {}
    by_status: dict[str, list[str]] = {}
    for muscle, side, status in findings:
        sides = ("left", "right") if side == "bilateral" else (side,)
        for one in sides:
            marks.setdefault((muscle, one), ("data-status", status, STATUS_FILLS[status]))
        by_status.setdefault(status, []).append(f"{names.get(muscle, muscle)} ({side})")
    if by_status:
        description = " ".join(f"{status.capitalize()}: {', '.join(by_status[status])}."
                               for status in FINDING_ORDER if status in by_status)
    else:
        description = "No findings."
    return _render("Findings on the body map", f"Front and back views of the body. {description}", marks, names,
                   list(STATUS_FILLS.values()), prefix, True)


def map_status(status: str, sources: list[dict]) -> str:
    """A finding's status on the map: an overactive muscle that a length test
    found short shows as short, so the trainer sees what stands behind it."""
    if status == "overactive" and any(s.get("kind") == "length_test" and s.get("result") == "short"
                                      for s in sources):
        return "short"
    return status
