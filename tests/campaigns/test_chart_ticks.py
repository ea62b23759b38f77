"""Culture insights' charts have honest axes: round ticks, each drawn at its own height."""

import re

import pytest

from culture.campaigns.charts import column_chart, line_chart, nice_ticks

LINE = re.compile(
    r'<line x1="[\d.]+" x2="[\d.]+" y1="([\d.]+)" y2="[\d.]+"[^>]*/><text [^>]*>(\d+)'
)
BAR = re.compile(
    r'<rect x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="([\d.]+)"[^>]*><title>([^<]+)'
)


@pytest.mark.parametrize(
    ("largest", "ticks"),
    [
        (0, [0, 1]),
        (2, [0, 1, 2]),
        (5, [0, 1, 2, 3, 4, 5]),
        (7, [0, 2, 4, 6, 8]),
        (12, [0, 5, 10, 15]),
        (48, [0, 10, 20, 30, 40, 50]),
        (137, [0, 50, 100, 150]),
    ],
)
def test_ticks_are_round_and_reach_the_largest_value(largest, ticks):
    assert nice_ticks(largest) == ticks
    steps = {b - a for a, b in zip(ticks, ticks[1:], strict=False)}
    assert len(steps) == 1 and steps.pop() in {1, 2, 5, 10, 20, 50}


def grid(svg):
    return {int(label): float(y) for y, label in LINE.findall(svg)}


def test_a_month_with_two_stories_reaches_the_grid_line_labelled_two():
    svg = str(column_chart([("Oct", 2), ("Nov", 5), ("Dec", 1)], "Stories published per month"))
    lines = grid(svg)
    assert sorted(lines) == [0, 1, 2, 3, 4, 5]
    tops = {title.split(":")[0]: float(y) for y, _, title in BAR.findall(svg)}
    assert tops["Oct"] == pytest.approx(lines[2], abs=0.11)
    assert tops["Nov"] == pytest.approx(lines[5], abs=0.11)
    assert tops["Dec"] == pytest.approx(lines[1], abs=0.11)
    # Evenly spaced: the same distance between every pair of neighbouring lines.
    ys = [lines[tick] for tick in sorted(lines)]
    gaps = {round(a - b, 1) for a, b in zip(ys, ys[1:], strict=False)}
    assert len(gaps) == 1


def test_a_percentage_line_chart_has_round_ticks_to_a_hundred():
    svg = str(line_chart([("Oct", 40), ("Nov", None)], "Anonymous share"))
    assert sorted(grid(svg)) == [0, 20, 40, 60, 80, 100]
