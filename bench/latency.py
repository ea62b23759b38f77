"""Latency at scale: p50/p95 of the reading pages, warm and cold, on a database you seeded.

`make bench` measures throughput on a fresh 1,000-story database; this measures what one reader
waits for on a large one (issue 11: 100,000 stories on PostgreSQL, search p95 < 150 ms, index and
story p95 < 50 ms warm, < 300 ms cold, query counts as at 1,000 stories):

    # once: a database of your own, migrated and seeded (bench/seed_stories.py has the steps);
    # BENCH_STATIC_ROOT is where the static files are collected
    export DJANGO_SETTINGS_MODULE=bench.settings BENCH_STATIC_ROOT="$(mktemp -d)" \\
        SECRET_KEY=any-long-random-text DATABASE_URL=postgres://postgres@127.0.0.1:5432/ownit_seed \\
        REDIS_URL=redis://127.0.0.1:6379/5
    .venv/bin/python bench/latency.py --reader bench-reader --password ...

What it does:

1. Counts the SQL queries of each page in-process (Django's test client, the reader signed in),
   warm: the figure to compare with the same pages at 1,000 stories.
2. Starts gunicorn (2 sync workers) on that database, with the cache REDIS_URL names: a shared
   cache is what a publish must reach in every worker for "cold" to mean anything.
3. Warm: after a warm-up, `--requests` sequential requests per page; p50 and p95.
4. Cold: `--rounds` times, publishes a story again through Wagtail (as a moderator's publish
   would: signals retire what can hold it), then fetches each page once, the first request
   after the publish; p50 and p95 over the rounds.

Nothing is written to the database but those publishes (new revisions of one story).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import free_port, request, sign_in, wait_for  # noqa: E402


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reader", required=True, help="an employee's username")
    parser.add_argument("--password", required=True)
    parser.add_argument("--requests", type=int, default=200, help="warm requests per page")
    parser.add_argument("--rounds", type=int, default=20, help="publishes for the cold figures")
    parser.add_argument("--workers", type=int, default=2)
    return parser.parse_args()


def say(message=""):
    print(message, file=sys.stderr, flush=True)


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def pages_to_read():
    """The pages, from the data: the newest story with a tag (the one publishes will touch)."""
    from stories.models import StoriesIndexPage, StoryPage

    index = StoriesIndexPage.objects.live().first()
    story = StoryPage.objects.live().filter(tagged_items__isnull=False).newest_first().first()
    tag = story.tags.order_by("name").first()
    word = next(word for word in story.title.lower().split() if len(word) > 4)
    pages = {
        "index": index.url,
        "index page 3": index.url + "?page=3",
        "story page": story.url,
        "index search": f"{index.url}?q={word}",
        "site search": f"/search/?q={word}",
        "tag page": f"{index.url}tag/{tag.slug}/",
        "home": "/",
    }
    return story, pages


def query_counts(reader, pages):
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=reader))
    counts = {}
    for name, path in pages.items():
        client.get(path)
        sent = []

        def count(execute, sql, params, many, context, sent=sent):
            sent.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        counts[name] = len(sent)
    return counts


def timed(port, path, cookies):
    started = time.perf_counter()
    status, _, _, _ = request(port, "GET", path, cookies=cookies)
    assert status == 200, (path, status)
    return 1000 * (time.perf_counter() - started)


def republish(story_pk):
    from stories.models import StoryPage

    story = StoryPage.objects.get(pk=story_pk)
    story.save_revision().publish()


def main():
    args = parse_args()
    if not os.environ.get("REDIS_URL"):
        sys.exit("Set REDIS_URL: cold figures need the cache every worker shares.")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # The production settings serve static files from a manifest, read when Django starts:
    # collected before.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    import django

    django.setup()
    from stories.models import StoryPage

    stories = StoryPage.objects.live().count()
    story, pages = pages_to_read()
    say(f"{stories:,} live stories. Counting queries…")
    counts = query_counts(args.reader, pages)
    port = free_port()
    gunicorn = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "culture.wsgi", "--bind"]
        + [f"127.0.0.1:{port}", "--workers", str(args.workers), "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_for(port, gunicorn)
        cookies = sign_in(port, args.reader, args.password)
        warm, cold = {}, {name: [] for name in pages}
        for name, path in pages.items():
            say(f"Warm: {name} ({path})…")
            for _ in range(10):
                timed(port, path, cookies)
            warm[name] = [timed(port, path, cookies) for _ in range(args.requests)]
        say(f"Cold: {args.rounds} publishes of {story.url}, each page read once after each…")
        for _ in range(args.rounds):
            republish(story.pk)
            for name, path in pages.items():
                cold[name].append(timed(port, path, cookies))
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)

    lines = [
        f"### {stories:,} live stories, {os.environ.get('DATABASE_URL', '').split('@')[-1]}",
        "",
        f"Warm: {args.requests} sequential requests per page after 10 to warm up; cold: the "
        f"first request after each of {args.rounds} publishes. gunicorn {args.workers} sync "
        "workers, Redis cache. Milliseconds, as a reader waits for them (HTTP on 127.0.0.1).",
        "",
        "| page | queries | warm p50 | warm p95 | cold p50 | cold p95 |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name in pages:
        lines.append(
            f"| {name} | {counts[name]} | {statistics.median(warm[name]):.0f} "
            f"| {percentile(warm[name], 0.95):.0f} | {statistics.median(cold[name]):.0f} "
            f"| {percentile(cold[name], 0.95):.0f} |"
        )
    print("\n".join(lines))
    print(json.dumps({"stories": stories, "queries": counts, "warm": warm, "cold": cold}))


if __name__ == "__main__":
    main()
