"""What every drill shares: where results go, how a verdict is printed, p95 per time window."""

import json
import statistics
from pathlib import Path

RESULTS = Path(__file__).resolve().parents[1] / "results" / "drills"


def window_p95(history, start, end):
    """Median and max of locust's rolling p95 between two times (seconds since the epoch)."""
    values = [
        float(row["95%"])
        for row in history
        if start <= int(row["Timestamp"]) < end and row["95%"] not in ("", "N/A")
    ]
    if not values:
        return None
    return {"median_p95_ms": statistics.median(values), "max_p95_ms": max(values)}


def finish(name, checks, facts):
    """Print the checks and facts, write them to bench/results/drills/<name>.json; exit status."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    passed = all(ok for ok, _ in checks)
    print(f"\n== Drill: {name}: {'PASSED' if passed else 'FAILED'}")
    for ok, text in checks:
        print(f"  [{'ok' if ok else 'FAILED'}] {text}")
    for key, value in facts.items():
        print(f"  {key}: {json.dumps(value)}")
    (RESULTS / f"{name}.json").write_text(
        json.dumps({"passed": passed, "checks": checks, "facts": facts}, indent=2)
    )
    return 0 if passed else 1
