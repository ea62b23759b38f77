"""The load run's own reading of locust's output: the chart and the knee of the ramp."""

import xml.etree.ElementTree as ET

from bench.load import chart
from bench.load.run import knee

SVG = "{http://www.w3.org/2000/svg}"


def row(second, users, p50, p95):
    return {
        "Timestamp": str(1_800_000_000 + second),
        "User Count": str(users),
        "50%": str(p50),
        "95%": str(p95),
        "Name": "Aggregated",
    }


def test_the_chart_draws_median_p95_and_users_with_the_peak_marked():
    history = [row(0, 0, "N/A", "N/A")] + [
        row(s, min(100, s // 2), 40 + s % 7, 120 + (900 if 300 <= s < 320 else 0))
        for s in range(1, 601)
    ]
    svg = chart.svg(history, "100 employees", [(300, "Monday 08:08")])
    root = ET.fromstring(svg)
    lines = root.findall(f"{SVG}polyline")
    assert len(lines) == 3  # users, median, p95
    assert all(len(line.get("points").split()) == 600 for line in lines)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Monday 08:08" in texts and "10 min" in texts and "100 users" in texts
    # The p95 axis reaches past the peak's 1,020 ms.
    assert max(int(t.split()[0]) for t in texts if t and t.endswith(" ms")) >= 1020


def test_the_knee_is_the_first_step_whose_median_p95_passes_a_second():
    history = (
        [row(s, 50, 40, 200) for s in range(0, 60)]
        + [row(s, 100, 60, 900 if s % 3 else 1500) for s in range(60, 120)]  # one spike in three
        + [row(s, 150, 300, 1200) for s in range(120, 180)]
        + [row(s, 200, 600, 2500) for s in range(180, 240)]
    )
    users, p95, table = knee(history)
    assert (users, p95) == (150, 1200)
    assert [u for u, _ in table] == [50, 100, 150, 200]


def test_no_knee_when_p95_stays_under_a_second():
    assert knee([row(s, 50, 40, 300) for s in range(30)])[0] is None
