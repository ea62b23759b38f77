"""Drill: the task worker killed (SIGKILL) while it sends the weekly digest, then started again.

    .venv/bin/python bench/drills/worker_killed.py [--employees 400]

The digest is queued for every employee (`send_weekly_digest`, as cron does at 08:08) and the
worker is killed once a quarter of it is sent. Started again, it sends what was still waiting;
the digest it was killed in the middle of stays "sending" until the next hourly run of the
command queues it again (DIGEST_RETRY_AFTER_SECONDS, here 10 s instead of an hour). Expected:
every employee has exactly one digest (one Message-ID), every delivery row is "sent". Should the
kill land after the mail server took a message but before its row said "sent", that person gets
the same message (same Message-ID) twice, which mail servers and clients show once: the drill
counts those copies.
"""

import argparse
import collections
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.drills.common import finish  # noqa: E402
from bench.load.harness import Stack  # noqa: E402

RETRY_AFTER = 10


def wait_until(condition, timeout, step=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(step)
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--employees", type=int, default=400)
    parser.add_argument("--stories", type=int, default=200)
    args = parser.parse_args()
    extra = {"DIGEST_RETRY_AFTER_SECONDS": str(RETRY_AFTER)}
    with Stack(stories=args.stories, accounts=args.employees, extra_env=extra) as stack:
        stack.start_worker()
        stack.manage("send_weekly_digest")
        total = sum(stack.digest_counts().values())
        wait_until(lambda: stack.digest_counts().get("sent", 0) >= total // 4, 600)
        stack.kill_worker()
        at_kill = stack.digest_counts()
        time.sleep(2)
        stack.start_worker()
        # The restarted worker sends what was waiting. The task it was killed in stays "running"
        # for ever, and its row "sending" (or "queued", if it was killed before the claim).
        wait_until(lambda: stack.waiting_tasks() == 0, 900, step=1)
        after_restart = stack.digest_counts()
        time.sleep(RETRY_AFTER + 1)
        rerun = stack.manage("send_weekly_digest").stdout.strip()  # the next hourly cron run
        wait_until(lambda: stack.digest_counts().get("sent") == total, 300, step=0.5)
        final = stack.digest_counts()
        mails = stack.mails_by_recipient()
        expected = set(
            stack.postgres.psql(
                "SELECT u.email FROM quotes_digestdelivery d JOIN auth_user u ON u.id = d.user_id",
                "ownit",
            ).splitlines()
        )
    distinct = collections.Counter(len(set(ids)) for ids in mails.values())
    copies = sum(len(ids) - len(set(ids)) for ids in mails.values())
    checks = [
        (final == {"sent": total}, f"every one of {total} deliveries is sent: {final}"),
        (set(mails) == expected, f"{len(mails)} of {len(expected)} employees got the digest"),
        (set(distinct) == {1}, f"digests (distinct Message-IDs) per employee: {dict(distinct)}"),
    ]
    facts = {
        "at the kill": at_kill,
        "after the restart, before the next hourly run": after_restart,
        "the next hourly run": rerun,
        "second physical copies of the same message": copies,
    }
    return finish("worker_killed", checks, facts)


if __name__ == "__main__":
    raise SystemExit(main())
