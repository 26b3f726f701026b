"""Bar charts drawn on the server as SVG (templates/includes/chart.html, site/css/charts.css).

No script draws them, so the content policy needs nothing for them, and each comes with a table of
the same figures for screen readers and for reading exact values. Horizontal positions are
percentages of the chart's width and vertical ones pixels: the SVG fills its box at any width while
its text keeps its size (a viewBox would shrink the labels to nothing on a phone).
"""

from dataclasses import dataclass
from math import ceil

# Vertical bars (pixels): room above the plot for the top tick's label, below it for the x labels.
PLOT_TOP, PLOT_BOTTOM, HEIGHT = 16, 196, 222
# The x labels printed at most; on a narrow screen every other one is hidden (charts.css).
MOST_LABELS = 12
# Horizontal share bars (pixels): each row is its label's line, then its bar.
ROW_HEIGHT, ROW_LABEL, ROW_BAR, BAR_HEIGHT, AXIS_HEIGHT = 48, 14, 20, 20, 22
# A segment narrower than this (percent of the bar) has no room for its figure.
LABELLED_SHARE = 9


@dataclass(frozen=True)
class Series:
    label: str
    tone: str  # a colour of charts.css: chart__tone--<tone>


@dataclass(frozen=True)
class Bar:
    x: float  # percent
    y: float  # pixels
    width: float  # percent
    height: float  # pixels
    value: int
    label: str
    series: Series


@dataclass(frozen=True)
class Segment:
    x: float  # percent
    width: float  # percent
    share: float  # percent of the row
    value: int
    series: Series

    @property
    def labelled(self):
        return self.width >= LABELLED_SHARE

    @property
    def middle(self):
        return round(self.x + self.width / 2, 2)


def scale(largest):
    """(top, step) of a value axis reaching `largest` in at most five steps of 1, 2 or 5 × 10ⁿ."""
    rough = max(largest, 1) / 5
    magnitude = 10 ** (len(str(int(rough))) - 1)
    step = next(size * magnitude for size in (1, 2, 5, 10) if size * magnitude >= rough)
    return step * ceil(max(largest, 1) / step), step


def grouped_bars(series, points):
    """Vertical bars, one group per point: `points` are (label, one value per series)."""
    top, step = scale(max((value for _label, *values in points for value in values), default=0))
    plot = PLOT_BOTTOM - PLOT_TOP
    slot = 100 / max(len(points), 1)
    bar_width = slot * 0.8 / len(series)
    every = ceil(len(points) / MOST_LABELS) or 1
    bars, labels = [], []
    for index, (label, *values) in enumerate(points):
        for number, value in enumerate(values):
            height = plot * value / top
            bars.append(
                Bar(
                    x=round(index * slot + slot * 0.1 + number * bar_width, 3),
                    y=round(PLOT_BOTTOM - height, 2),
                    width=round(bar_width, 3),
                    height=round(height, 2),
                    value=value,
                    label=label,
                    series=series[number],
                )
            )
        if index % every == 0:
            labels.append({"x": round(index * slot + slot / 2, 3), "text": label, "minor": len(labels) % 2 == 1})
    ticks = [{"y": round(PLOT_BOTTOM - plot * value / top, 2), "value": value} for value in range(0, top + 1, step)]
    return {
        "kind": "columns",
        "series": series,
        "points": points,
        "bars": bars,
        "labels": labels,
        "ticks": ticks,
        "height": HEIGHT,
        "labels_y": HEIGHT - 6,
    }


def share_bars(series, rows):
    """Horizontal bars of 100 %, one per row, split into each series' share: `rows` are (label, one
    value per series); a row of zeros is an empty bar."""
    laid_out = []
    for index, (label, *values) in enumerate(rows):
        whole, left, segments = sum(values), 0.0, []
        for number, value in enumerate(values):
            share = value * 100 / whole if whole else 0
            if value:
                segments.append(Segment(round(left, 3), round(share, 3), round(share, 1), value, series[number]))
            left += share
        top = index * ROW_HEIGHT
        laid_out.append({"label": label, "label_y": top + ROW_LABEL, "bar_y": top + ROW_BAR, "segments": segments})
    plot_bottom = len(rows) * ROW_HEIGHT
    return {
        "kind": "shares",
        "series": series,
        "points": rows,
        "rows": laid_out,
        "bar_height": BAR_HEIGHT,
        "ticks": [{"x": value, "value": value} for value in (0, 25, 50, 75, 100)],
        "plot_bottom": plot_bottom,
        "height": plot_bottom + AXIS_HEIGHT,
        "labels_y": plot_bottom + AXIS_HEIGHT - 6,
    }
