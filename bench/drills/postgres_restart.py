"""Drill: PostgreSQL restarted once in the middle of a load run.

    .venv/bin/python bench/drills/postgres_restart.py [--users 40 --stories 1000]

PostgreSQL is stopped (fast shutdown) for --down-for seconds and started again. Expected:
/healthz/ answers 503 while it is down; the errors seen meanwhile are stated (pages need the
database); from the moment /healthz/ answers 200 again there are 0 errors: every gunicorn worker
drops its dead connection at the next request (CONN_HEALTH_CHECKS) instead of failing once.
"""

import argparse
import collections
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.drills.common import finish, window_p95  # noqa: E402
from bench.load.harness import Stack, read_history, read_stats, timed_failures  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=40)
    parser.add_argument("--stories", type=int, default=1000)
    parser.add_argument("--down-at", type=int, default=60)
    parser.add_argument("--down-for", type=int, default=15)
    parser.add_argument("--after", type=int, default=90)
    args = parser.parse_args()
    seconds = args.down_at + args.down_for + args.after
    with Stack(stories=args.stories, accounts=200) as stack:
        prefix = stack.folder / "postgres"
        process = stack.locust(args.users, seconds, prefix)
        begun = time.time()
        time.sleep(args.down_at)
        # Requests fail from the moment the shutdown begins ("the database system is shutting
        # down"), before the stop command returns.
        stopped = time.time()
        stack.postgres.ctl("stop")
        health_while_down = collections.Counter()
        while time.time() < stopped + args.down_for:
            health_while_down[stack.health()[0]] += 1
            time.sleep(0.5)
        stack.postgres.ctl("start")
        started = time.time()
        while stack.health()[0] != 200:
            time.sleep(0.2)
        back = time.time()
        process.communicate(timeout=seconds + 120)
        total = read_stats(prefix)["Aggregated"]
        failures = timed_failures(prefix)
        history = read_history(prefix)
    before = [f for f in failures if f["at"] < stopped]
    during = [f for f in failures if stopped <= f["at"] < back]
    after = [f for f in failures if f["at"] >= back]
    kinds = collections.Counter(f"{f['request']}: {f['error'][:80]}" for f in during)
    checks = [
        (not before, f"{len(before)} errors before the shutdown began"),
        (
            set(health_while_down) == {503},
            f"/healthz/ while PostgreSQL was down: {dict(health_while_down)} (status: answers)",
        ),
        (
            not after,
            f"{len(after)} errors from the moment /healthz/ answered 200 again "
            f"({back - started:.1f} s after PostgreSQL was started)",
        ),
    ]
    facts = {
        "users": args.users,
        "requests": int(total["Request Count"]),
        "down for (s)": round(started - stopped, 1),
        "errors while down": len(during),
        "errors while down, by kind": dict(kinds.most_common(8)),
        "p95 before": window_p95(history, begun + 20, stopped),
        "p95 after": window_p95(history, back + 5, back + args.after),
        "errors before": before[:10],
        "errors after": after[:10],
    }
    return finish("postgres_restart", checks, facts)


if __name__ == "__main__":
    raise SystemExit(main())
