"""Bar charts drawn on the server as SVG: no script, readable by screen
readers through the table that accompanies each chart."""

from dataclasses import dataclass

WIDTH, HEIGHT, AXIS = 720, 220, 24  # drawing units; the SVG scales to its box


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    label: str
    series: int  # 0 = page views, 1 = visitors


def bars(points, label_every=1):
    """Lay out (label, page views, visitors) points as pairs of bars.

    Returns the bars, the x labels to print and the largest value (the
    top of the scale).
    """
    top = max([max(views, visitors) for _label, views, visitors in points] + [1])
    slot = WIDTH / max(len(points), 1)
    bar_width = slot * 0.38
    plot_height = HEIGHT - AXIS
    laid_out, labels = [], []
    for index, (label, *values) in enumerate(points):
        left = index * slot + slot * 0.1
        for series, value in enumerate(values):
            height = plot_height * value / top
            laid_out.append(
                Bar(
                    x=round(left + series * bar_width, 2),
                    y=round(plot_height - height, 2),
                    width=round(bar_width, 2),
                    height=round(height, 2),
                    value=value,
                    label=label,
                    series=series,
                )
            )
        if index % label_every == 0:
            labels.append({"x": round(index * slot + slot / 2, 2), "text": label})
    return {"bars": laid_out, "labels": labels, "top": top, "width": WIDTH, "height": HEIGHT, "axis_y": plot_height}
