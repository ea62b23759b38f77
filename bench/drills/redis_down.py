"""Drill: Redis stopped for a minute in the middle of a load run.

    .venv/bin/python bench/drills/redis_down.py [--users 40 --stories 1000]

Expected: 0 errors (pages slower while the cache is away, everyone stays signed in: sessions
are cached_db, home/cache_backends.py answers a missing Redis as a cache miss), /healthz/ says
"degraded" with status 200 meanwhile, and "ok" once Redis is back.
"""

import argparse
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
    parser.add_argument("--down-for", type=int, default=60)
    parser.add_argument("--after", type=int, default=60)
    args = parser.parse_args()
    seconds = args.down_at + args.down_for + args.after
    with Stack(stories=args.stories, accounts=200) as stack:
        prefix = stack.folder / "redis"
        process = stack.locust(args.users, seconds, prefix)
        begun = time.time()
        time.sleep(args.down_at)
        stack.redis.stop()
        stopped = time.time()
        time.sleep(3)
        health_down = stack.health()
        time.sleep(max(0, stopped + args.down_for - time.time()))
        stack.redis.start()
        back = time.time()
        time.sleep(3)
        health_back = stack.health()
        process.communicate(timeout=seconds + 120)
        total = read_stats(prefix)["Aggregated"]
        failures = timed_failures(prefix)
        history = read_history(prefix)
    checks = [
        (
            int(total["Failure Count"]) == 0,
            f"{total['Failure Count']} errors in "
            f"{total['Request Count']} requests (signed-out pages count as errors)",
        ),
        (
            health_down[0] == 200 and health_down[1].get("status") == "degraded",
            f"/healthz/ with Redis stopped: {health_down[0]} {health_down[1]}",
        ),
        (
            health_back[0] == 200 and health_back[1].get("status") == "ok",
            f"/healthz/ once Redis is back: {health_back[0]} {health_back[1]}",
        ),
    ]
    facts = {
        "users": args.users,
        "p95 before": window_p95(history, begun + 20, stopped),
        "p95 while Redis was stopped": window_p95(history, stopped, back),
        "p95 after": window_p95(history, back + 10, back + args.after),
        "failures": failures[:10],
    }
    return finish("redis_down", checks, facts)


if __name__ == "__main__":
    raise SystemExit(main())
