"""The layout of the server-drawn bar charts (dolisa_site.charts)."""

import pytest

from dolisa_site import charts

TWO = [charts.Series("Tiếp nhận", "blue"), charts.Series("Giải quyết", "orange")]


@pytest.mark.parametrize(
    ("largest", "top", "step"),
    [(0, 1, 1), (3, 3, 1), (7, 8, 2), (49, 50, 10), (1000, 1000, 200), (2085, 2500, 500), (60_912, 80_000, 20_000)],
)
def test_the_value_axis_ends_on_a_round_step_above_the_largest_value(largest, top, step):
    assert charts.scale(largest) == (top, step)
    assert top >= largest and top / step <= 5


def test_bars_stand_on_the_axis_scaled_to_its_top():
    chart = charts.grouped_bars(TWO, [("01/2026", 100, 50), ("02/2026", 0, 25)])
    plot = charts.PLOT_BOTTOM - charts.PLOT_TOP
    assert [bar.height for bar in chart["bars"]] == [plot, plot / 2, 0, plot / 4]
    assert all(bar.y + bar.height == charts.PLOT_BOTTOM for bar in chart["bars"])
    assert [bar.series.label for bar in chart["bars"]] == ["Tiếp nhận", "Giải quyết"] * 2
    assert [tick["value"] for tick in chart["ticks"]] == [0, 20, 40, 60, 80, 100]
    # Side by side within their month, never past the chart's width.
    assert chart["bars"][0].x + chart["bars"][0].width == pytest.approx(chart["bars"][1].x)
    assert max(bar.x + bar.width for bar in chart["bars"]) < 100


def test_at_most_twelve_x_labels_every_other_one_minor():
    chart = charts.grouped_bars(TWO, [(f"{day:02d}/11", day, day) for day in range(1, 31)])
    assert [label["text"] for label in chart["labels"]] == ["01/11", "04/11", "07/11", "10/11", "13/11"] + [
        "16/11",
        "19/11",
        "22/11",
        "25/11",
        "28/11",
    ]
    assert [label["minor"] for label in chart["labels"]] == [False, True] * 5


def test_share_bars_split_each_row_into_its_shares():
    four = [*TWO, charts.Series("Trễ hạn", "red"), charts.Series("Quá hạn", "amber")]
    chart = charts.share_bars(four, [("Việc làm", 69, 5, 0, 3), ("Trẻ em", 0, 0, 0, 0)])
    work, children = chart["rows"]
    assert [(segment.value, segment.share) for segment in work["segments"]] == [(69, 89.6), (5, 6.5), (3, 3.9)]
    assert sum(segment.width for segment in work["segments"]) == pytest.approx(100)
    assert work["segments"][2].x == pytest.approx(100 - work["segments"][2].width)  # the late share is skipped
    assert [segment.labelled for segment in work["segments"]] == [True, False, False]
    assert children["segments"] == []
    assert chart["height"] == 2 * charts.ROW_HEIGHT + charts.AXIS_HEIGHT
