"""Charts drawn on the server as inline SVG: no JavaScript, no CDN, readable by screen readers.

Each chart is an `<svg role="img">` with a `<title>` and a `<desc>` that states the numbers; the
dashboard also puts the same numbers in a table next to it. Labels are escaped here, because the
result is marked safe.
"""

import itertools

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

_ids = itertools.count(1)

BAR = "var(--w-color-secondary, #1f5f8b)"
ACCENT = "var(--w-color-warning-100, #c2410c)"
GOOD = "var(--w-color-positive-100, #1e7d32)"
BAD = "var(--w-color-critical-200, #b42318)"
INK = "currentColor"
GRID = "#c8ced6"


def nice_ticks(value, most=6):
    """Round tick values from 0 to the first tick at or above `value`: 0, 1, 2 … or 0, 2, 4 …
    or 0, 5, 10 … (steps of 1, 2 or 5 times a power of ten), at most `most` of them.

    Every tick is a whole number drawn at its own height, so a grid line labelled 2 is at 2.
    """
    value = max(value or 0, 1)
    magnitude = 1
    while True:
        for step in (1, 2, 5):
            size = step * magnitude
            count = -(-value // size)  # ceiling
            if count + 1 <= most:
                return [size * n for n in range(int(count) + 1)]
        magnitude *= 10


def _gridlines(left, right_x, top, plot_h, ticks, unit):
    """A horizontal grid line per tick, with its value on the left axis."""
    lines = []
    top_value = ticks[-1]
    for tick in ticks:
        y = top + plot_h * (1 - tick / top_value)
        lines.append(
            f'<line x1="{left}" x2="{right_x}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="{INK}">{tick}{escape(unit)}</text>'
        )
    return lines


def _svg(width, height, title, description, body):
    number = next(_ids)
    return mark_safe(
        f'<svg class="insights-chart" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-labelledby="chart-{number}-title chart-{number}-desc" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="chart-{number}-title">{escape(title)}</title>'
        f'<desc id="chart-{number}-desc">{escape(description)}</desc>'
        f"{''.join(body)}</svg>"
    )


def _describe(points, unit):
    if not points:
        return _("No data.")
    none = _("none")
    return "; ".join(
        f"{label}: {value if value is not None else none}{unit}" for label, value in points
    )


def column_chart(points, title, unit="", colour=BAR, max_value=None):
    """Vertical columns, one per (label, value); for series over time."""
    width, height = 720, 260
    left, right, top, bottom = 44, 10, 16, 46
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [value or 0 for _, value in points]
    ticks = nice_ticks(max_value or max(values, default=0))
    top_value = ticks[-1]
    body = _gridlines(left, width - right, top, plot_h, ticks, unit)
    if points:
        slot = plot_w / len(points)
        bar_w = max(slot * 0.7, 1)
        every = max(1, round(len(points) / 12))
        for index, (label, value) in enumerate(points):
            x = left + slot * index + (slot - bar_w) / 2
            bar_h = plot_h * (value or 0) / top_value if top_value else 0
            y = top + plot_h - bar_h
            shown = value if value is not None else _("none")
            body.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{bar_h:.1f}" '
                f'fill="{colour}"><title>{escape(label)}: {shown}'
                f"{escape(unit)}</title></rect>"
            )
            if index % every == 0:
                body.append(
                    f'<text x="{x + bar_w / 2:.1f}" y="{height - bottom + 16}" '
                    f'text-anchor="middle" font-size="11" fill="{INK}">{escape(label)}</text>'
                )
    return _svg(width, height, title, _describe(points, unit), body)


def bar_chart(points, title, unit="", colour=BAR):
    """Horizontal bars, one per (label, value); for categories such as tags and teams."""
    row_h, label_w, width = 26, 180, 720
    height = max(row_h * len(points) + 10, 40)
    plot_w = width - label_w - 60
    top_value = nice_ticks(max((value for _, value in points), default=0))[-1]
    body = []
    if not points:
        nothing = _("Nothing in this period.")
        body.append(f'<text x="10" y="24" font-size="13" fill="{INK}">{escape(nothing)}</text>')
    for index, (label, value) in enumerate(points):
        y = 5 + index * row_h
        bar_w = plot_w * value / top_value if top_value else 0
        short = label if len(label) <= 26 else label[:25] + "…"
        body.append(
            f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end" font-size="12" '
            f'fill="{INK}">{escape(short)}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{bar_w:.1f}" height="{row_h - 8}" '
            f'fill="{colour}"/>'
            f'<text x="{label_w + bar_w + 6:.1f}" y="{y + 17}" font-size="12" '
            f'fill="{INK}">{value}{escape(unit)}</text>'
        )
    return _svg(width, height, title, _describe(points, unit), body)


def line_chart(points, title, unit="%", max_value=100, colour=ACCENT):
    """A line through (label, value) points; a gap where a value is None (nothing to measure)."""
    width, height = 720, 240
    left, right, top, bottom = 44, 10, 16, 46
    plot_w, plot_h = width - left - right, height - top - bottom
    ticks = nice_ticks(max_value)
    max_value = ticks[-1]
    body = _gridlines(left, width - right, top, plot_h, ticks, unit)
    if points:
        slot = plot_w / len(points)
        every = max(1, round(len(points) / 12))
        segment = []
        segments = [segment]
        for index, (label, value) in enumerate(points):
            x = left + slot * index + slot / 2
            if index % every == 0:
                body.append(
                    f'<text x="{x:.1f}" y="{height - bottom + 16}" text-anchor="middle" '
                    f'font-size="11" fill="{INK}">{escape(label)}</text>'
                )
            if value is None:
                segment = []
                segments.append(segment)
                continue
            y = top + plot_h * (1 - min(value, max_value) / max_value)
            segment.append((x, y))
            body.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}">'
                f"<title>{escape(label)}: {value}{escape(unit)}</title></circle>"
            )
        for part in segments:
            if len(part) > 1:
                coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in part)
                body.insert(
                    0,
                    f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2.5"/>',
                )
    return _svg(width, height, title, _describe(points, unit), body)


def stacked_bar(parts, title):
    """One bar split into (label, value, colour) parts, with a legend; for action statuses."""
    width, height = 720, 70
    total = sum(value for _, value, _ in parts)
    body = []
    x = 0.0
    for label, value, colour in parts:
        part_w = width * value / total if total else 0
        if part_w:
            body.append(
                f'<rect x="{x:.1f}" y="0" width="{part_w:.1f}" height="30" fill="{colour}">'
                f"<title>{escape(label)}: {value}</title></rect>"
            )
        x += part_w
    legend_x = 0
    for label, value, colour in parts:
        body.append(
            f'<rect x="{legend_x}" y="44" width="14" height="14" fill="{colour}"/>'
            f'<text x="{legend_x + 20}" y="56" font-size="12" fill="{INK}">'
            f"{escape(label)}: {value}</text>"
        )
        legend_x += 200
    if not total:
        nothing = _("No corrective actions.")
        body.append(f'<text x="0" y="20" font-size="13" fill="{INK}">{escape(nothing)}</text>')
    description = _describe([(label, value) for label, value, _ in parts], "")
    return _svg(width, height, title, description, body)
