"""Report charts drawn on the server as SVG with matplotlib's object API
(never pyplot: it keeps global state that a threaded server would share).
matplotlib is imported when a chart is drawn, not with the app: workers
and the scheduler, which never draw, stay some 50 MB lighter.
Pages show them as images with a data table beside, so they need no
JavaScript and tests can read them."""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, timedelta


INK, MUTED, ACCENT, BAD, OK = "#1d2733", "#56657a", "#0b5cad", "#a4262c", "#1b6e34"
BAND_COLOURS = ("#e8eef6", "#f3efe4")
# Text stays text (smaller files, searchable); a fixed salt makes the same
# data give the same bytes, so charts can be cached and compared.
SVG_SETTINGS = {"svg.fonttype": "none", "svg.hashsalt": "planner", "font.size": 9,
                "axes.edgecolor": MUTED, "axes.labelcolor": INK, "xtick.color": MUTED, "ytick.color": MUTED}
WIDTH_INCHES, HEIGHT_INCHES = 8.0, 3.0
# Fixed margins instead of tight_layout(), which draws the whole figure an
# extra time to measure it: the labels here are always about the same size.
# Top and bottom are in inches (two lines of date labels below, a legend or
# band labels above), so shorter charts keep room for them.
SIDE_MARGINS = {"left": 0.075, "right": 0.985}
TOP_INCHES, BOTTOM_INCHES = 0.36, 0.48


def _margins(height_inches: float) -> dict:
    return SIDE_MARGINS | {"top": 1 - TOP_INCHES / height_inches, "bottom": BOTTOM_INCHES / height_inches}


@dataclass(frozen=True)
class Band:
    start: date
    end: date
    label: str


def _date_axis(axes, span: tuple[date, date] | None) -> None:
    """Dates along the bottom, compact labels, over `span` when given (so
    charts drawn one above the other line up)."""
    from matplotlib import dates as mdates

    if span:
        axes.set_xlim(span[0], span[1] + timedelta(days=1))
    locator = mdates.AutoDateLocator(maxticks=8)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    axes.spines[["top", "right"]].set_visible(False)


def _svg(figure, title: str) -> str:
    from matplotlib.backends.backend_svg import FigureCanvasSVG

    buffer = io.StringIO()
    FigureCanvasSVG(figure).print_svg(buffer, metadata={"Title": title, "Date": None, "Creator": None})
    return buffer.getvalue()


def pain_chart(scores: list[tuple[date, int]], rolling: list[tuple[date, float]], flares: list[tuple[date, int]],
               bands: list[Band], baseline: float | None, improved_below: float | None = None,
               span: tuple[date, date] | None = None, spikes: list[tuple[date, int]] = ()) -> str:
    """Pain over time: check-ins as points, the 7-day mean as a line, flares
    and spikes marked, the baseline and the 'improving' line dashed,
    programs as bands."""
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    with rc_context(SVG_SETTINGS):
        figure = Figure(figsize=(WIDTH_INCHES, HEIGHT_INCHES))
        height = HEIGHT_INCHES
        axes = figure.add_subplot()
        for i, band in enumerate(bands):
            axes.axvspan(band.start, band.end + timedelta(days=1), color=BAND_COLOURS[i % 2], zorder=0)
            axes.text(band.start, 10.4, band.label, color=MUTED, fontsize=8, va="bottom", clip_on=False)
        if baseline is not None:
            axes.axhline(baseline, color=MUTED, linestyle="--", linewidth=1, label=f"baseline {baseline:g}")
        if improved_below is not None and improved_below > 0:
            axes.axhline(improved_below, color=OK, linestyle=":", linewidth=1, label=f"improving at {improved_below:g}")
        if scores:
            axes.scatter([d for d, _ in scores], [s for _, s in scores], s=10, color=ACCENT, alpha=.6,
                         label="check-in", zorder=3)
        if rolling:
            axes.plot([d for d, _ in rolling], [v for _, v in rolling], color=INK, linewidth=1.6,
                      label="7-day mean", zorder=4)
        if flares:
            axes.scatter([d for d, _ in flares], [s for _, s in flares], s=36, marker="^", color=BAD,
                         label="flare", zorder=5)
        if spikes:
            axes.scatter([d for d, _ in spikes], [s for _, s in spikes], s=36, marker="o", facecolors="none",
                         edgecolors=BAD, label="spike", zorder=5)
        axes.set_ylim(-0.3, 10.3)
        axes.set_yticks(range(0, 11, 2))
        axes.set_ylabel("pain (0-10)")
        _date_axis(axes, span)
        if scores or baseline is not None:
            axes.legend(loc="upper right", fontsize=8, frameon=False, ncols=5)
        else:
            axes.text(0.5, 0.5, "no pain scores yet", transform=axes.transAxes, ha="center", color=MUTED)
        figure.subplots_adjust(**_margins(height))
        return _svg(figure, "Pain over time")


def adherence_chart(weeks: list[tuple[date, int, int]]) -> str:
    """Sessions done against prescribed, per week starting Monday, drawn as
    two filled step outlines (one path each, however many weeks)."""
    from matplotlib import dates as mdates, rc_context
    from matplotlib.figure import Figure

    with rc_context(SVG_SETTINGS):
        height = HEIGHT_INCHES * 0.8
        figure = Figure(figsize=(WIDTH_INCHES, height))
        axes = figure.add_subplot()
        if weeks:
            edges = [mdates.date2num(w) for w, _, _ in weeks] + [mdates.date2num(weeks[-1][0] + timedelta(days=7))]
            axes.stairs([p for _, _, p in weeks], edges, fill=True, color="#dbe3ee", label="prescribed")
            axes.stairs([d for _, d, _ in weeks], edges, fill=True, color=ACCENT, label="done")
            axes.xaxis_date()
            axes.legend(loc="upper right", fontsize=8, frameon=False, ncols=2)
            _date_axis(axes, None)
        else:
            axes.text(0.5, 0.5, "no sessions prescribed yet", transform=axes.transAxes, ha="center", color=MUTED)
        axes.set_ylabel("sessions")
        axes.yaxis.get_major_locator().set_params(integer=True)
        axes.spines[["top", "right"]].set_visible(False)
        figure.subplots_adjust(**_margins(height))
        return _svg(figure, "Sessions done per week")


def grades_chart(retests: list[tuple[str, list[tuple[date, int]]]], span: tuple[date, date] | None) -> str:
    """Manual muscle test grades (0-5) of each retested muscle over time, on
    the same dates as the pain chart above it, so the two can be read together."""
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    with rc_context(SVG_SETTINGS):
        height = HEIGHT_INCHES * 0.8
        figure = Figure(figsize=(WIDTH_INCHES, height))
        axes = figure.add_subplot()
        for label, grades in retests:
            axes.plot([d for d, _ in grades], [g for _, g in grades], marker="o", linewidth=1.4, label=label)
        axes.set_ylim(-0.2, 5.2)
        axes.set_yticks(range(0, 6))
        axes.set_ylabel("grade (0-5)")
        _date_axis(axes, span)
        if retests:
            axes.legend(loc="lower right", fontsize=8, frameon=False, ncols=3)
        else:
            axes.text(0.5, 0.5, "no muscle tested twice yet", transform=axes.transAxes, ha="center", color=MUTED)
        figure.subplots_adjust(**_margins(height))
        return _svg(figure, "Muscle grades over time")
