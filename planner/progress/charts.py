"""Report charts drawn on the server as SVG with matplotlib's object API
(never pyplot: it keeps global state that a threaded server would share).
matplotlib is imported when a chart is drawn, not with the app: workers
and the scheduler, which never draw, stay some 50 MB lighter.
Pages show them as images with a data table beside, so they need no
JavaScript and tests can read them."""
from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache
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


# Day-level formats at every level ConciseDateFormatter might pick: with a
# single tick it falls to its finest level (seconds), and under five days
# AutoDateLocator ticks hours. Check-ins are daily, so hours never mean
# anything. Days carry their month ("08 Mar"), so a month's days never read under
# the next month's name in the corner.
DAY_FORMATS = ["%Y", "%b", "%d %b", "%d %b", "%d %b", "%d %b"]
DAY_ZERO_FORMATS = ["", "%Y", "%d %b", "%d %b", "%d %b", "%d %b"]
DAY_OFFSET_FORMATS = ["", "%Y", "%Y", "%Y", "%Y", "%Y"]


@cache
def _day_locator_class():
    """AutoDateLocator that ticks whole days when the span is too short for
    its own choice (it would tick hours), and its usual days, months or
    years otherwise. Built on first use: matplotlib loads only to draw."""
    from matplotlib import dates as mdates

    class DayTickLocator(mdates.AutoDateLocator):
        def get_locator(self, dmin, dmax):
            days = abs((dmax - dmin).total_seconds()) / 86400
            if days < self.minticks:
                locator = mdates.DayLocator(tz=self.tz)
                locator.set_axis(self.axis)
                return locator
            return super().get_locator(dmin, dmax)

    return DayTickLocator


def _date_axis(axes, span: tuple[date, date] | None) -> None:
    """Dates along the bottom, compact labels in days (never hours), over
    `span` when given (so charts drawn one above the other line up)."""
    from matplotlib import dates as mdates

    if span:
        axes.set_xlim(span[0], span[1] + timedelta(days=1))
    locator = _day_locator_class()(maxticks=8)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(
        locator, formats=DAY_FORMATS, zero_formats=DAY_ZERO_FORMATS, offset_formats=DAY_OFFSET_FORMATS))
    axes.spines[["top", "right"]].set_visible(False)


def _svg(figure, title: str) -> str:
    from matplotlib.backends.backend_svg import FigureCanvasSVG

    buffer = io.StringIO()
    FigureCanvasSVG(figure).print_svg(buffer, metadata={"Title": title, "Date": None, "Creator": None})
    return buffer.getvalue()


def pain_chart(scores: list[tuple[date, int]], rolling: list[tuple[date, float]], flares: list[tuple[date, int]],
               bands: list[Band], baseline: float | None, improved_below: float | None = None,
               span: tuple[date, date] | None = None, spikes: list[tuple[date, int]] = (),
               follow_ups: list[tuple[date, int]] = ()) -> str:
    """Pain over time: check-ins as points, the 7-day mean as a line, flares
    and spikes marked, the baseline and the 'improving' line dashed,
    programs as bands, follow-up answers after a program as diamonds.
    Every line and mark is named in the legend."""
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
            axes.axhline(improved_below, color=OK, linestyle=":", linewidth=1,
                         label=f"improving: 7-day mean ≤ {improved_below:g}")
        if scores:
            axes.scatter([d for d, _ in scores], [s for _, s in scores], s=10, color=ACCENT, alpha=.6,
                         label="pain check-in", zorder=3)
        if rolling:
            axes.plot([d for d, _ in rolling], [v for _, v in rolling], color=INK, linewidth=1.6,
                      label="7-day mean", zorder=4)
        if flares:
            axes.scatter([d for d, _ in flares], [s for _, s in flares], s=36, marker="^", color=BAD,
                         label="flare", zorder=5)
        if spikes:
            axes.scatter([d for d, _ in spikes], [s for _, s in spikes], s=36, marker="o", facecolors="none",
                         edgecolors=BAD, label="spike", zorder=5)
        if follow_ups:
            axes.scatter([d for d, _ in follow_ups], [p for _, p in follow_ups], s=40, marker="D", color=OK,
                         edgecolors=INK, linewidths=.6, label="follow-up answer", zorder=6)
        axes.set_ylim(-0.3, 10.3)
        axes.set_yticks(range(0, 11, 2))
        axes.set_ylabel("pain (0-10)")
        _date_axis(axes, span)
        if scores or baseline is not None or follow_ups:
            axes.legend(loc="upper right", fontsize=8, frameon=False, ncols=4)
        else:
            axes.text(0.5, 0.5, "no pain scores yet", transform=axes.transAxes, ha="center", color=MUTED)
        figure.subplots_adjust(**_margins(height))
        return _svg(figure, "Pain over time")


# Each week's "done / prescribed" written over its bar up to this many weeks;
# beyond, the labels would overlap (8 inches of chart) and the table below
# the chart carries every week: our product choice.
WEEK_LABELS_UP_TO = 16


def _week_bars(weeks: list[tuple[float, int]], inset: float) -> list[list[tuple[float, float]]]:
    """One rectangle per week (start as a matplotlib date number, height),
    narrowed by `inset` days on each side."""
    return [[(x + inset, 0), (x + inset, h), (x + 7 - inset, h), (x + 7 - inset, 0)] for x, h in weeks]


def adherence_chart(weeks: list[tuple[date, int, int]]) -> str:
    """Sessions done out of prescribed, per week starting Monday: a bar of
    the prescribed sessions with the done ones filled inside it, and each
    week's "done / prescribed" written over it. The bars are two
    collections (one draw each, however many weeks)."""
    from matplotlib import dates as mdates, rc_context
    from matplotlib.collections import PolyCollection
    from matplotlib.figure import Figure

    with rc_context(SVG_SETTINGS):
        height = HEIGHT_INCHES * 0.8
        figure = Figure(figsize=(WIDTH_INCHES, height))
        axes = figure.add_subplot()
        if weeks:
            starts = [mdates.date2num(w) for w, _, _ in weeks]
            done, prescribed = sum(d for _, d, _ in weeks), sum(p for _, _, p in weeks)
            axes.add_collection(PolyCollection(
                _week_bars([(x, p) for x, (_, _, p) in zip(starts, weeks)], 0.5), facecolors="#dbe3ee",
                edgecolors=MUTED, linewidths=.6, label=f"prescribed ({prescribed} in all)"))
            axes.add_collection(PolyCollection(
                _week_bars([(x, d) for x, (_, d, _) in zip(starts, weeks)], 1.5), facecolors=ACCENT,
                label=f"done ({done} of {prescribed})"))
            if len(weeks) <= WEEK_LABELS_UP_TO:
                for x, (_, d, p) in zip(starts, weeks):
                    axes.text(x + 3.5, max(d, p), f"{d} / {p}", ha="center", va="bottom", fontsize=8, color=INK)
            top = max(max(d, p) for _, d, p in weeks)
            axes.set_xlim(starts[0], starts[-1] + 7)
            axes.set_ylim(0, max(top, 1) * 1.25)
            axes.xaxis_date()
            axes.legend(loc="lower left", fontsize=8, frameon=False, ncols=2, bbox_to_anchor=(0, 1), borderaxespad=0)
            _date_axis(axes, None)
        else:
            axes.text(0.5, 0.5, "no sessions prescribed yet", transform=axes.transAxes, ha="center", color=MUTED)
        axes.set_ylabel("sessions done / prescribed")
        axes.yaxis.get_major_locator().set_params(integer=True)
        axes.spines[["top", "right"]].set_visible(False)
        figure.subplots_adjust(**_margins(height))
        return _svg(figure, "Sessions done out of prescribed per week")


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
