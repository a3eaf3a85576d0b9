"""Report charts drawn on the server as SVG, so pages need no JavaScript and
tests can read them. Pages show them as images with alt text and a data
table beside.

The SVG is written by our own small plot module (planner/progress/svg_plot.py),
not matplotlib: matplotlib took 100-190 ms a chart, most of it in
`print_svg`, and pygal (measured as the lighter library) 205 ms; the same
charts as strings take a few milliseconds, so matplotlib is no longer in
the request path nor a dependency. Each chart also carries its own <title>
and <desc> (a summary in words) for screen readers."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from planner.progress.svg_plot import Plot, number_ticks

INK, MUTED, ACCENT, BAD, OK = "#1d2733", "#56657a", "#0b5cad", "#a4262c", "#1b6e34"
BAND_COLOURS = ("#e8eef6", "#f3efe4")
# One colour per retested muscle (matplotlib's default cycle, which the charts used before).
LINE_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f")
WIDTH, HEIGHT, SHORT_HEIGHT = 768, 288, 230  # pixels, as the report page shows them


@dataclass(frozen=True)
class Band:
    start: date
    end: date
    label: str


def _x_range(span: tuple[date, date] | None, days: list[date]) -> tuple[date, date] | None:
    """From the first day shown to the end of the last (charts one above
    the other pass the same `span`, so they line up)."""
    if span:
        return span[0], span[1] + timedelta(days=1)
    return (min(days), max(days) + timedelta(days=1)) if days else None


def _plot(height: int, x_range: tuple[date, date] | None, y_range: tuple[float, float]) -> Plot:
    return Plot(WIDTH, height, x_range or (date(2000, 1, 1), date(2000, 1, 2)), y_range)


def _from_to(days: list[date]) -> str:
    return f"from {min(days).isoformat()} to {max(days).isoformat()}" if days else ""


def pain_chart(scores: list[tuple[date, int]], rolling: list[tuple[date, float]], flares: list[tuple[date, int]],
               bands: list[Band], baseline: float | None, improved_below: float | None = None,
               span: tuple[date, date] | None = None, spikes: list[tuple[date, int]] = (),
               follow_ups: list[tuple[date, int]] = ()) -> str:
    """Pain over time: check-ins as points, the 7-day mean as a line, flares
    (triangles) and spikes (rings) marked, the baseline and the 'improving'
    line dashed, programs as bands, follow-up answers after a program as
    diamonds. Every line and mark is named in the legend."""
    days = [d for d, _ in [*scores, *rolling, *flares, *spikes, *follow_ups]] + [b.start for b in bands]
    x_range = _x_range(span, days)
    plot = _plot(HEIGHT, x_range, (-0.3, 10.3))
    for i, band in enumerate(bands):
        plot.band(band.start, band.end, BAND_COLOURS[i % 2], band.label, MUTED)
    if baseline is not None:
        plot.hline(baseline, MUTED, "4 3", f"baseline {baseline:g}", "baseline")
    if improved_below is not None and improved_below > 0:
        plot.hline(improved_below, OK, "1 2", f"improving: 7-day mean ≤ {improved_below:g}", "improving")
    if scores:
        plot.marks(scores, "dot", ACCENT, css_class="checkins", label="pain check-in", opacity=0.6)
    if rolling:
        plot.line(rolling, INK, 1.6, "7-day mean", "rolling-mean")
    if flares:
        plot.marks(flares, "triangle", BAD, css_class="flares", label="flare")
    if spikes:
        plot.marks(spikes, "ring", "none", BAD, css_class="spikes", label="spike")
    if follow_ups:
        plot.marks(follow_ups, "diamond", OK, INK, css_class="follow-ups", label="follow-up answer")
    plot.value_axis(list(range(0, 11, 2)), "pain (0-10)")
    if x_range:
        plot.date_axis()
    if scores or baseline is not None or follow_ups:
        plot.legend(4)
    else:
        plot.message("no pain scores yet")
    said = [f"{len(scores)} pain check-ins {_from_to([d for d, _ in scores])}".strip()]
    if scores:
        said.append(f"lowest {min(s for _, s in scores)}, highest {max(s for _, s in scores)}")
    if rolling:
        said.append(f"7-day mean {rolling[-1][1]:.1f} at the end")
    if baseline is not None:
        said.append(f"baseline {baseline:g}")
    # Marks named only when there are some: the words of the legend stay those of what is drawn.
    if flares:
        said.append(f"{len(flares)} check-ins in a flare")
    if spikes:
        said.append(f"{len(spikes)} spikes")
    if follow_ups:
        said.append(f"{len(follow_ups)} follow-up answers")
    return plot.svg("Pain over time", "; ".join(said) + ".")


# Each week's "done / prescribed" written over its bar up to this many weeks;
# beyond, the labels would overlap (768 pixels of chart) and the table below
# the chart carries every week: our product choice.
WEEK_LABELS_UP_TO = 16


def adherence_chart(weeks: list[tuple[date, int, int]]) -> str:
    """Sessions done out of prescribed, per week starting Monday: a bar of
    the prescribed sessions with the done ones filled inside it, and each
    week's "done / prescribed" written over it."""
    top = max((max(d, p) for _, d, p in weeks), default=0)
    x_range = (weeks[0][0], weeks[-1][0] + timedelta(days=7)) if weeks else None
    plot = _plot(SHORT_HEIGHT, x_range, (0, max(top, 1) * 1.25))
    if weeks:
        done, prescribed = sum(d for _, d, _ in weeks), sum(p for _, _, p in weeks)
        for start, _, p in weeks:
            plot.bar(start, 0.5, 7, p, "#dbe3ee", MUTED, "prescribed")
        for start, d, _ in weeks:
            if d:
                plot.bar(start, 1.5, 7, d, ACCENT, "none", "done")
        if len(weeks) <= WEEK_LABELS_UP_TO:
            for start, d, p in weeks:
                plot.text(plot.x(start, 3.5), plot.y(max(d, p)) - 3, f"{d} / {p}", 10.5, anchor="middle")
        plot.swatch(f"prescribed ({prescribed} in all)", "#dbe3ee", MUTED)
        plot.swatch(f"done ({done} of {prescribed})", ACCENT)
        plot.legend(2, at="above left")
        plot.date_axis()
        said = f"{len(weeks)} weeks {_from_to([w for w, _, _ in weeks])}; {done} sessions done of {prescribed} prescribed."
    else:
        plot.message("no sessions prescribed yet")
        said = "No sessions prescribed yet."
    plot.value_axis(number_ticks(max(top, 1) * 1.25), "sessions done / prescribed")
    return plot.svg("Sessions done out of prescribed per week", said)


def grades_chart(retests: list[tuple[str, list[tuple[date, int]]]], span: tuple[date, date] | None) -> str:
    """Manual muscle test grades (0-5) of each retested muscle over time, on
    the same dates as the pain chart above it, so the two can be read together."""
    x_range = _x_range(span, [d for _, grades in retests for d, _ in grades])
    plot = _plot(SHORT_HEIGHT, x_range, (-0.2, 5.2))
    for i, (label, grades) in enumerate(retests):
        plot.line(grades, LINE_COLOURS[i % len(LINE_COLOURS)], 1.4, label, "grades", marker="dot")
    plot.value_axis(list(range(0, 6)), "grade (0-5)")
    if x_range:
        plot.date_axis()
    if retests:
        plot.legend(3, at="bottom right")
        said = "; ".join(f"{label}: " + ", ".join(f"{g}/5 on {d.isoformat()}" for d, g in grades)
                         for label, grades in retests) + "."
    else:
        plot.message("no muscle tested twice yet")
        said = "No muscle tested twice yet."
    return plot.svg("Muscle grades over time", said)
