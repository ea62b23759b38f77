"""Response times over a load run, drawn from locust's history CSV as a small SVG (no plotting
library: two lines, the users, the axes and a legend)."""

from html import escape

WIDTH, HEIGHT = 880, 360
LEFT, RIGHT, TOP, BOTTOM = 64, 64, 40, 48


def nice_ceiling(value):
    for step in (100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000):
        if value <= step * 5:
            return step * ((int(value) // step) + 1), step
    return value, value / 5


def svg(history, title, events=()):
    """`history`: locust's Aggregated history rows; `events`: (second, label) marks."""
    start = int(history[0]["Timestamp"])
    points = [
        (
            int(row["Timestamp"]) - start,
            float(row["50%"] or 0),
            float(row["95%"] or 0),
            int(row["User Count"]),
        )
        for row in history
        if row["50%"] not in ("", "N/A") and row["95%"] not in ("", "N/A")
    ]
    seconds = max(p[0] for p in points) or 1
    top_ms, ms_step = nice_ceiling(max(p[2] for p in points) or 1)
    top_users = max(max(p[3] for p in points), 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(second):
        return LEFT + plot_w * second / seconds

    def y(ms):
        return TOP + plot_h * (1 - min(ms, top_ms) / top_ms)

    def y_users(users):
        return TOP + plot_h * (1 - users / top_users)

    def line(values, colour, dash=""):
        path = " ".join(f"{x(s):.1f},{v:.1f}" for s, v in values)
        extra = f' stroke-dasharray="{dash}"' if dash else ""
        return (
            f'<polyline fill="none" stroke="{colour}" stroke-width="1.6"{extra} points="{path}"/>'
        )

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="12">',
        f"<title>{escape(title)}</title>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#fff"/>',
        f'<text x="{LEFT}" y="22" font-size="14" font-weight="bold">{escape(title)}</text>',
    ]
    ms = 0
    while ms <= top_ms:
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(ms):.1f}" y2="{y(ms):.1f}" '
            'stroke="#ddd"/>'
            f'<text x="{LEFT - 6}" y="{y(ms) + 4:.1f}" text-anchor="end">{ms:g} ms</text>'
        )
        ms += ms_step
    minute = 0
    while minute * 60 <= seconds:
        parts.append(
            f'<text x="{x(minute * 60):.1f}" y="{HEIGHT - BOTTOM + 18}" '
            f'text-anchor="middle">{minute} min</text>'
        )
        minute += 1 if seconds <= 900 else 5
    for users in (0, top_users // 2, top_users):
        parts.append(
            f'<text x="{WIDTH - RIGHT + 6}" y="{y_users(users) + 4:.1f}" fill="#777">'
            f"{users} users</text>"
        )
    for second, label in events:
        parts.append(
            f'<line x1="{x(second):.1f}" x2="{x(second):.1f}" y1="{TOP}" '
            f'y2="{TOP + plot_h}" stroke="#b45309" stroke-dasharray="4 3"/>'
            f'<text x="{x(second) + 4:.1f}" y="{TOP + 12}" fill="#b45309">{escape(label)}</text>'
        )
    parts.append(line([(s, y_users(u)) for s, _, _, u in points], "#999", "2 2"))
    parts.append(line([(s, y(p50)) for s, p50, _, _ in points], "#2563eb"))
    parts.append(line([(s, y(p95)) for s, _, p95, _ in points], "#dc2626"))
    legend_y = HEIGHT - 10
    for offset, colour, label in (
        (0, "#2563eb", "median"),
        (110, "#dc2626", "95th percentile"),
        (260, "#999", "simulated employees"),
    ):
        parts.append(
            f'<line x1="{LEFT + offset}" x2="{LEFT + offset + 20}" y1="{legend_y - 4}" '
            f'y2="{legend_y - 4}" stroke="{colour}" stroke-width="2"/>'
            f'<text x="{LEFT + offset + 26}" y="{legend_y}">{label}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts)
