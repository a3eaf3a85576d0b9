"""A plot area drawn as SVG text: the few parts the report's charts use
(date and number axes, lines, marks, bands, a legend, accessible title and
description), each written as an SVG element, nothing else.

Written for speed: matplotlib took 100-190 ms a chart (95% in
`print_svg`), pygal 205 ms for the pain chart; building the same SVG as
strings takes a few milliseconds. Text stays text (searchable, readable by
tests), and the same data always gives the same bytes (ETags hold)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from html import escape

FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"
FONT_PX, SMALL_PX = 12, 10.5
# Average advance of a character of the font, as a share of its size: to
# lay out legends without measuring text (a little generous, so items never touch).
CHAR_WIDTH = 0.6
MAX_DATE_TICKS = 8


def _n(value: float) -> str:
    """A coordinate to a tenth of a pixel."""
    return f"{value:.1f}"


def _text_width(text: str, size: float) -> float:
    return len(text) * size * CHAR_WIDTH


def _months_later(day: date, months: int) -> date:
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, 1)


def date_ticks(first: date, last: date) -> list[tuple[date, str]]:
    """Ticks from `first` to `last`, at most MAX_DATE_TICKS of them, labelled
    in days ("05 Mar"), months ("Mar", the year on January) or years; never
    hours, since check-ins are daily."""
    days = (last - first).days
    for step in (1, 2, 7, 14):
        if days // step + 1 <= MAX_DATE_TICKS:
            ticks = [first + timedelta(days=i) for i in range(0, days + 1, step)]
            return [(d, d.strftime("%d %b")) for d in ticks]
    for step in (1, 2, 3, 6, 12, 24, 60):
        start = _months_later(first.replace(day=1), 0 if first.day == 1 else 1)
        if step >= 12:
            start = date(start.year + (start.month != 1), 1, 1)
        elif (start.month - 1) % step:
            start = _months_later(start, step - (start.month - 1) % step)
        ticks = []
        while start <= last:
            ticks.append(start)
            start = _months_later(start, step)
        if len(ticks) <= MAX_DATE_TICKS:
            return [(d, d.strftime("%Y") if d.month == 1 else d.strftime("%b")) for d in ticks]
    return []


def number_ticks(top: float, most: int = 6) -> list[int]:
    """Whole-number ticks from 0 up to `top`, at most `most` of them."""
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500):
        if top / step + 1 <= most:
            return list(range(0, int(top) + 1, step))
    return [0]


@dataclass
class Plot:
    """A plot area of `width` x `height` pixels with margins, mapping dates
    (left to right, days as units) and values (bottom to top) to pixels."""
    width: int
    height: int
    x_range: tuple[date, date]
    y_range: tuple[float, float]
    margins: tuple[int, int, int, int] = (35, 12, 46, 58)  # top, right, bottom, left
    parts: list[str] = field(default_factory=list)
    legend_items: list[tuple[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        # The scales, worked out once: a chart maps thousands of points.
        top, right, bottom, left = self.margins
        self.left, self.right, self.top, self.bottom = left, self.width - right, top, self.height - bottom
        first, last = self.x_range
        self._first_day = first.toordinal()
        self._px_per_day = (self.right - self.left) / max((last - first).days, 1)
        low, high = self.y_range
        self._low, self._px_per_unit = low, (self.bottom - self.top) / (high - low)

    def x(self, day: date, offset_days: float = 0) -> float:
        return self.left + (day.toordinal() - self._first_day + offset_days) * self._px_per_day

    def y(self, value: float) -> float:
        return self.bottom - (value - self._low) * self._px_per_unit

    def add(self, element: str) -> None:
        self.parts.append(element)

    def text(self, x: float, y: float, content: str, size: float = FONT_PX, anchor: str = "start",
             colour: str = "#1d2733", extra: str = "") -> None:
        self.add(f'<text x="{_n(x)}" y="{_n(y)}" font-size="{size}" text-anchor="{anchor}" fill="{colour}"{extra}>'
                 f"{escape(content, quote=False)}</text>")

    def band(self, start: date, end: date, colour: str, label: str, label_colour: str) -> None:
        """A shaded stretch of days from `start` through `end`, labelled above the plot."""
        x0, x1 = max(self.x(start), self.left), min(self.x(end, 1), self.right)
        self.add(f'<rect class="band" x="{_n(x0)}" y="{_n(self.top)}" width="{_n(max(x1 - x0, 0))}" '
                 f'height="{_n(self.bottom - self.top)}" fill="{colour}"/>')
        self.text(x0, self.top - 4, label, SMALL_PX, colour=label_colour)

    def hline(self, value: float, colour: str, dash: str, label: str, css_class: str) -> None:
        y = _n(self.y(value))
        self.add(f'<line class="{css_class}" x1="{_n(self.left)}" x2="{_n(self.right)}" y1="{y}" y2="{y}" '
                 f'stroke="{colour}" stroke-width="1" stroke-dasharray="{dash}"/>')
        self.legend_items.append((label, f'<line x1="0" x2="16" y1="0" y2="0" stroke="{colour}" '
                                         f'stroke-dasharray="{dash}"/>'))

    def line(self, points: list[tuple[date, float]], colour: str, width: float, label: str, css_class: str,
             marker: str | None = None) -> None:
        path = " ".join(f"{_n(self.x(d))},{_n(self.y(v))}" for d, v in points)
        self.add(f'<polyline class="{css_class}" points="{path}" fill="none" stroke="{colour}" '
                 f'stroke-width="{width}" stroke-linejoin="round"/>')
        if marker:
            self.marks(points, marker, colour, css_class=f"{css_class} mark", legend=False)
        swatch = f'<line x1="0" x2="16" y1="0" y2="0" stroke="{colour}" stroke-width="{width}"/>'
        if marker:
            swatch += _shape(marker, 8, 0, colour, colour)
        self.legend_items.append((label, swatch))

    def marks(self, points: list[tuple[date, float]], shape: str, fill: str, stroke: str = "none",
              css_class: str = "", label: str = "", opacity: float = 1, legend: bool = True) -> None:
        """One mark per point, each a small `shape` (dot, ring, triangle, diamond)."""
        shapes = "".join(_shape(shape, self.x(d), self.y(v), fill, stroke) for d, v in points)
        self.add(f'<g class="{css_class}" opacity="{opacity}">{shapes}</g>')
        if legend:
            self.legend_items.append((label, _shape(shape, 8, 0, fill, stroke)))

    def bar(self, start: date, inset_days: float, length_days: float, value: float, fill: str, stroke: str,
            css_class: str) -> None:
        """A bar from 0 up to `value` over `length_days` from `start`, narrowed by `inset_days` each side."""
        x0, x1 = self.x(start, inset_days), self.x(start, length_days - inset_days)
        y0, y1 = self.y(value), self.y(0)
        self.add(f'<rect class="{css_class}" x="{_n(x0)}" y="{_n(y0)}" width="{_n(x1 - x0)}" height="{_n(y1 - y0)}" '
                 f'fill="{fill}" stroke="{stroke}" stroke-width="0.8"/>')

    def swatch(self, label: str, fill: str, stroke: str = "none") -> None:
        """A legend entry for bars."""
        self.legend_items.append((label, f'<rect x="2" y="-5" width="12" height="9" fill="{fill}" stroke="{stroke}"/>'))

    def date_axis(self) -> None:
        """The bottom axis with its date ticks; the year in the corner when no tick names it."""
        ticks = date_ticks(self.x_range[0], self.x_range[1])
        self._axis_line(self.left, self.bottom, self.right, self.bottom)
        for day, label in ticks:
            x = self.x(day)
            self.add(f'<line x1="{_n(x)}" x2="{_n(x)}" y1="{_n(self.bottom)}" y2="{_n(self.bottom + 4)}" stroke="#56657a"/>')
            half = _text_width(label, FONT_PX) / 2
            # A label that would run off the edge of the image ends (or starts) at its tick instead.
            anchor = "end" if x + half > self.width else "start" if x - half < 0 else "middle"
            self.text(x, self.bottom + 17, label, anchor=anchor, colour="#56657a")
        if ticks and not any(label.isdigit() for _, label in ticks):
            self.text(self.right, self.bottom + 33, str(self.x_range[1].year), anchor="end", colour="#56657a")

    def value_axis(self, ticks: list[int], label: str) -> None:
        self._axis_line(self.left, self.top, self.left, self.bottom)
        for value in ticks:
            y = self.y(value)
            self.add(f'<line x1="{_n(self.left - 4)}" x2="{_n(self.left)}" y1="{_n(y)}" y2="{_n(y)}" stroke="#56657a"/>')
            self.text(self.left - 7, y + 4, str(value), anchor="end", colour="#56657a")
        middle = (self.top + self.bottom) / 2
        self.text(16, middle, label, anchor="middle", extra=f' transform="rotate(-90 16 {_n(middle)})"')

    def _axis_line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        self.add(f'<line x1="{_n(x1)}" x2="{_n(x2)}" y1="{_n(y1)}" y2="{_n(y2)}" stroke="#56657a"/>')

    def legend(self, columns: int, at: str = "top right") -> None:
        """Every named line and mark with its swatch, in rows of `columns`,
        inside the top right or bottom right of the plot, or above it on the left."""
        rows = [self.legend_items[i:i + columns] for i in range(0, len(self.legend_items), columns)]
        for r, row in enumerate(rows):
            widths = [24 + _text_width(label, SMALL_PX) + 12 for label, _ in row]
            if at == "above left":
                x, y = self.left, self.top - 8 - (len(rows) - 1 - r) * 16
            else:
                x = self.right - sum(widths)
                y = self.top + 12 + r * 16 if at == "top right" else self.bottom - 10 - (len(rows) - 1 - r) * 16
                # Inside the plot, a light backing keeps the legend readable over the data.
                self.add(f'<rect x="{_n(x - 4)}" y="{_n(y - 11)}" width="{_n(sum(widths))}" height="16" '
                         f'fill="#ffffff" opacity="0.85"/>')
            for (label, swatch), width in zip(row, widths):
                self.add(f'<g class="legend-item" transform="translate({_n(x)} {_n(y - 4)})">{swatch}</g>')
                self.text(x + 22, y, label, SMALL_PX)
                x += width

    def message(self, content: str) -> None:
        """A sentence in the middle of an empty plot."""
        self.text((self.left + self.right) / 2, (self.top + self.bottom) / 2, content, anchor="middle",
                  colour="#56657a")

    def svg(self, title: str, description: str) -> str:
        """The document: its title and description read by screen readers
        (and shown when the SVG is opened on its own), then what was drawn."""
        return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.width}" height="{self.height}" '
                f'viewBox="0 0 {self.width} {self.height}" role="img" aria-labelledby="title desc" '
                f'font-family="{FONT}">'
                f'<title id="title">{escape(title, quote=False)}</title>'
                f'<desc id="desc">{escape(description, quote=False)}</desc>'
                f'<rect width="100%" height="100%" fill="#ffffff"/>{"".join(self.parts)}</svg>\n')


def _shape(shape: str, x: float, y: float, fill: str, stroke: str) -> str:
    paint = f'fill="{fill}" stroke="{stroke}"' + (' stroke-width="1.2"' if stroke != "none" else "")
    if shape == "dot":
        return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="2.2" {paint}/>'
    if shape == "ring":
        return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="4" {paint}/>'
    if shape == "triangle":
        return f'<path d="M{_n(x)} {_n(y - 5)}L{_n(x + 4.5)} {_n(y + 3)}L{_n(x - 4.5)} {_n(y + 3)}Z" {paint}/>'
    if shape == "diamond":
        return f'<path d="M{_n(x)} {_n(y - 5)}L{_n(x + 4)} {_n(y)}L{_n(x)} {_n(y + 5)}L{_n(x - 4)} {_n(y)}Z" {paint}/>'
    raise ValueError(f"no mark shape called {shape!r}")
