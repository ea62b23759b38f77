"""`make load`: 100 simulated employees for 10 minutes against the production stack, with the
Monday 08:08 peak in the middle; then, with --ramp, more and more employees until the 95th
percentile passes a second.

    make load                                         # the full run (about 35 minutes)
    make load LOAD_ARGS="--minutes 2 --stories 1000"  # a quick try
    .venv/bin/python bench/load/run.py --ramp --ramp-max 600

The stack (bench/load/harness.py): a PostgreSQL cluster and a Redis server of the run's own,
2 gunicorn workers with the production settings, the task worker; the demo plus 10,000 stories
and 500 employees who sign in. Employees are simulated by locust (bench/load/locustfile.py).

The Monday peak, at --peak-at seconds: everything the site caches is dropped (at 08:08 the quote
changes and with it every cached fragment that shows it; emptying the whole cache costs more),
the quote is posted to the chat webhook (`announce_quote`) and the weekly digest is queued for
every employee (`send_weekly_digest`) and sent by the task worker during the run.

Prints a summary and writes it, with locust's CSV files and an SVG chart of response times, to
bench/results/load-<time>/ (git-ignored). Exit status 1 when the run missed a target: errors,
p95 >= 500 ms over the run, or a digest that did not finish.
"""

import argparse
import datetime
import json
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.load import chart  # noqa: E402
from bench.load.harness import Stack, read_failures, read_history, read_stats  # noqa: E402
from bench.run import ROOT, command_line, git_state, load_average, say  # noqa: E402

P95_TARGET_MS = 500
KNEE_MS = 1000


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--accounts", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--peak-at", type=int, default=300, help="seconds; 0: no peak")
    parser.add_argument("--ramp", action="store_true", help="then find where p95 passes 1 s")
    parser.add_argument("--ramp-step", type=int, default=50)
    parser.add_argument("--ramp-step-seconds", type=int, default=60)
    parser.add_argument("--ramp-max", type=int, default=800)
    parser.add_argument("--out", type=Path, default=None)
    return parser.parse_args()


def monday_peak(stack, started, at, outcome):
    """At `at` seconds into the run: the quote changes, the webhook post, the digest."""
    time.sleep(max(0, started + at - time.monotonic()))
    stack.redis.flush()
    outcome["announce"] = stack.manage("announce_quote").stdout.strip()
    queued_at = time.monotonic()
    outcome["digest_command"] = stack.manage("send_weekly_digest").stdout.strip()
    while True:
        counts = stack.digest_counts()
        if not counts.get("queued") and not counts.get("sending"):
            break
        time.sleep(1)
    outcome["digest_seconds"] = round(time.monotonic() - queued_at, 1)
    outcome["digest_counts"] = counts


def wait_locust(process, seconds):
    try:
        _, errors = process.communicate(timeout=seconds + 120)
    except subprocess.TimeoutExpired:
        process.kill()
        sys.exit("locust did not stop in time.")
    return errors


def summarise(prefix):
    stats = read_stats(prefix)
    total = stats.pop("Aggregated")
    pages = {
        name: {
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "p50": float(row["50%"]),
            "p95": float(row["95%"]),
            "p99": float(row["99%"]),
        }
        for name, row in sorted(stats.items())
    }
    return {
        "requests": int(total["Request Count"]),
        "failures": int(total["Failure Count"]),
        "rps": round(float(total["Requests/s"]), 1),
        "p50": float(total["50%"]),
        "p95": float(total["95%"]),
        "p99": float(total["99%"]),
        "max": round(float(total["Max Response Time"])),
        "pages": pages,
        "failure_kinds": [
            f"{row['Occurrences']}× {row['Method']} {row['Name']}: {row['Error']}"
            for row in read_failures(prefix)
        ],
    }


def knee(history, settled=20):
    """The first step of the ramp whose median p95 passes KNEE_MS: (users, p95, table).

    Only rows from `settled` seconds after a step's employees have all arrived count: the
    arrivals (each a sign-in) are a rush of their own, reported by the main run."""
    steps, since = {}, {}
    for row in history:
        users, at = int(row["User Count"]), int(row["Timestamp"])
        since.setdefault(users, at)
        if row["95%"] not in ("", "N/A") and at - since[users] >= settled:
            steps.setdefault(users, []).append(float(row["95%"]))
    table = [(users, statistics.median(values)) for users, values in sorted(steps.items())]
    for users, p95 in table:
        if p95 > KNEE_MS:
            return users, p95, table
    return None, None, table


def main():
    args = parse_args()
    out = args.out or ROOT / "bench" / "results" / f"load-{datetime.datetime.now():%Y%m%d-%H%M%S}"
    out.mkdir(parents=True, exist_ok=True)
    # Employees arrive one a second (each signs in: about half a second of CPU for the password
    # hash); the measured minutes start when all are in, and the peak comes --peak-at after that.
    arriving = args.users
    seconds = round(args.minutes * 60) + arriving
    peak_at = arriving + args.peak_at if args.peak_at else 0
    report = {"command": command_line(), "git": git_state(), "args": vars(args) | {"out": str(out)}}
    with Stack(stories=args.stories, accounts=args.accounts, workers=args.workers) as stack:
        report["seeded"] = {k: stack.paths[k] for k in ("live_stories", "employees")}
        stack.start_worker()
        say(f"{args.users} employees for {args.minutes:g} min (peak at {args.peak_at} s)…")
        peak = {}
        started = time.monotonic()
        process = stack.locust(args.users, seconds, out / "run")
        if args.peak_at:
            thread = threading.Thread(
                target=monday_peak, args=(stack, started, peak_at, peak), daemon=True
            )
            thread.start()
        errors = wait_locust(process, seconds)
        if args.peak_at:
            thread.join(timeout=600)
        report["run"] = summarise(out / "run")
        report["run"]["load_average"] = load_average()
        report["peak"] = peak | {
            "webhook_posts": len(stack.receiver.posts),
            "digests_per_recipient": sorted(
                {len(ids) for ids in stack.mails_by_recipient().values()}
            ),
        }
        history = read_history(out / "run")
        report["peak"]["p95_after"] = peak_window(history, peak_at)
        report["arrival"] = arrival(history, args.users)
        (out / "run.svg").write_text(
            chart.svg(
                history,
                f"{args.users} simulated employees, {args.minutes:g} minutes "
                f"({stack.paths['live_stories']:,} stories, PostgreSQL, Redis, "
                f"{args.workers} gunicorn workers)",
                [(arriving, "all signed in"), (peak_at, "Monday 08:08: quote, digest")]
                if args.peak_at
                else [(arriving, "all signed in")],
            )
        )
        if errors.strip():
            report["locust_stderr"] = errors.strip()[-2000:]
        if args.ramp:
            ramp_seconds = args.ramp_step_seconds * (args.ramp_max // args.ramp_step)
            say(
                f"Ramp: +{args.ramp_step} employees every {args.ramp_step_seconds} s up to "
                f"{args.ramp_max}…"
            )
            process = stack.locust(
                0,
                ramp_seconds,
                out / "ramp",
                ramp=f"{args.ramp_step},{args.ramp_step_seconds},{args.ramp_max}",
            )
            wait_locust(process, ramp_seconds)
            users, p95, table = knee(read_history(out / "ramp"))
            report["ramp"] = {
                "knee_users": users,
                "knee_p95": p95,
                "steps": table,
                "failures": summarise(out / "ramp")["failures"],
                "load_average": load_average(),
            }
            (out / "ramp.svg").write_text(
                chart.svg(
                    read_history(out / "ramp"),
                    f"Ramp: {args.ramp_step} more employees every {args.ramp_step_seconds} s",
                )
            )
    (out / "summary.json").write_text(json.dumps(report, indent=2))
    print_summary(report)
    say(f"Written to {out}")
    run = report["run"]
    digest_ok = not args.peak_at or report["peak"].get("digests_per_recipient") == [1]
    return 0 if run["failures"] == 0 and run["p95"] < P95_TARGET_MS and digest_ok else 1


def arrival(history, users):
    """While the employees arrive and sign in (one a second): how long, and the rolling p95."""
    values = [
        (int(row["Timestamp"]), float(row["95%"]))
        for row in history
        if int(row["User Count"]) < users and row["95%"] not in ("", "N/A")
    ]
    if not values:
        return None
    return {
        "seconds": values[-1][0] - values[0][0],
        "median_p95": statistics.median(p for _, p in values),
        "max_p95": max(p for _, p in values),
    }


def peak_window(history, at, length=120):
    """p95 in the two minutes after the peak, from the history rows (median of the windows)."""
    if not at or not history:
        return None
    start = int(history[0]["Timestamp"])
    values = [
        float(row["95%"])
        for row in history
        if at <= int(row["Timestamp"]) - start <= at + length and row["95%"] not in ("", "N/A")
    ]
    return {"median_p95": statistics.median(values), "max_p95": max(values)} if values else None


def print_summary(report):
    run = report["run"]
    say("")
    say(
        f"Requests {run['requests']:,}, failures {run['failures']}, {run['rps']} req/s; "
        f"p50 {run['p50']:.0f} ms, p95 {run['p95']:.0f} ms, p99 {run['p99']:.0f} ms, "
        f"max {run['max']} ms (load average {run['load_average']})"
    )
    say(f"{'page':<18}{'requests':>10}{'failures':>10}{'p50':>8}{'p95':>8}{'p99':>8}")
    for name, page in run["pages"].items():
        say(
            f"{name:<18}{page['requests']:>10,}{page['failures']:>10}{page['p50']:>8.0f}"
            f"{page['p95']:>8.0f}{page['p99']:>8.0f}"
        )
    for line in run["failure_kinds"]:
        say(f"  {line}")
    if report.get("arrival"):
        say(f"Arrival (employees signing in, not in the figures above): {report['arrival']}")
    if report.get("peak"):
        say(f"Peak: {json.dumps(report['peak'])}")
    if report.get("ramp"):
        ramp = report["ramp"]
        say(
            f"Ramp: p95 passed {KNEE_MS} ms at {ramp['knee_users']} employees "
            f"({ramp['knee_p95']} ms); steps: {ramp['steps']}"
        )


if __name__ == "__main__":
    sys.exit(main())
