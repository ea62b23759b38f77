"""`make bench`: how fast every reading page is, as a share of a bare view, under gunicorn.

    make bench                                   # SQLite in a temporary folder, read-only + mixed
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ownit make bench
    make bench BENCH_ARGS="--duration 5"         # shorter runs (say so when you report figures)
    .venv/bin/python bench/run.py                # read-only only
    .venv/bin/python bench/run.py --mixed --stories 1000 --duration 10 --rounds 3 --workers 2
    .venv/bin/python bench/run.py --mixed --pages "home,story page"  # while working on a few

What it does, in one run:

1. Makes a fresh database: SQLite in a temporary folder, or, when DATABASE_URL points at
   PostgreSQL, a separate database named `<name>_bench` on that server (dropped and created, so
   the database DATABASE_URL names is never touched).
2. Migrates it and seeds 1,000 published stories (bench/seed_stories.py), then the culture
   programs (bench/seed_culture.py: two years of quotes, meeting packs, the running campaign),
   with the production settings (`bench.settings`: culture.settings.production plus the bare
   view), a generated SECRET_KEY and SECURE_SSL_REDIRECT=false (plain HTTP on 127.0.0.1).
3. Collects static files into the temporary folder and starts gunicorn on a free port.
4. Signs in through the real sign-in form as an employee and keeps the session cookie.
5. Drives each reading page with wrk (Debian: `sudo apt-get install -y wrk`), after a warm-up,
   and reports its requests per second as a share of the bare view's (/bench/bare/: signed in,
   same middleware, no work). Each page run sits between two bare-view runs and is compared
   with their mean, and the median of several rounds is reported: on a machine shared with
   other work, load changes from minute to minute and would otherwise skew the shares. After
   every run the bench waits until gunicorn has worked off the requests wrk left queued.
6. With --mixed, each page is measured a second time, right after its read-only run, while a
   second employee (the "marker", its own session and CSRF token, http.client in a thread)
   marks and un-marks "I learned from this" on five stories (the story page's and the newest
   ones, which the home page, the index and the searches show) 5 times a second, and the mixed
   rate is reported as a share of the read-only rate of the same round. Every mark's answer is
   checked (status and the state it reports).

Targets from issue 11: every page >= 60 % of the bare view; mixed >= 80 % of read-only. The
verdicts are a report, not a gate: the script exits 0 whether they pass or fail (and 1 only
when the bench itself cannot run). The table is printed and written, with the JSON figures, to
bench/results/ (git-ignored), one file per run.
"""

import argparse
import datetime
import html
import http.client
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SHARE_TARGET = 60  # % of the bare view, every page
MIXED_TARGET = 80  # % of the page's own read-only rate, while the marker writes
MARKER_LEAD = 1  # seconds the marker writes before a mixed run starts (steady state)
REWARM = 1  # seconds of wrk before a read-only run in mixed mode (the last writes emptied caches)
WARM_UP = 2


def parse_args():
    parser = argparse.ArgumentParser(description="Benchmark the reading pages.")
    parser.add_argument("--stories", type=int, default=1000)
    parser.add_argument(
        "--bulk",
        action="store_true",
        help="seed the stories in bulk (bench/seed_stories.py --bulk; always above 5,000)",
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per run")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3, help="measurements of each page")
    parser.add_argument(
        "--mixed", action="store_true", help="also measure each page while another user writes"
    )
    parser.add_argument("--marks-per-second", type=float, default=5)
    parser.add_argument(
        "--pages", help="only these pages, by name, comma-separated (e.g. 'home,campaign')"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    return parser.parse_args()


def say(message=""):
    print(message, flush=True)


def need_wrk():
    wrk = shutil.which("wrk")
    if wrk is None:
        sys.exit(
            "wrk is not installed. On Debian or Ubuntu: sudo apt-get install -y wrk\n"
            "(on macOS: brew install wrk), then run `make bench` again."
        )
    return wrk


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_database(folder):
    """A database URL for the bench that never points at the real DATABASE_URL's database."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{folder}/bench.sqlite3", "SQLite"
    parts = urlsplit(url)
    name = parts.path.lstrip("/") or "ownit"
    bench_name = f"{name}_bench"
    import psycopg

    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{bench_name}"')
        connection.execute(f'CREATE DATABASE "{bench_name}"')
    return urlunsplit(parts._replace(path=f"/{bench_name}")), f"PostgreSQL ({bench_name})"


def drop_bench_database(database_url):
    """Remove the PostgreSQL bench database again (SQLite goes with the temporary folder)."""
    if not database_url.startswith(("postgres://", "postgresql://")):
        return
    import psycopg

    parts = urlsplit(database_url)
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}"')


def run(command, env, **kwargs):
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def last_json_line(output):
    return json.loads(output.strip().splitlines()[-1])


def wait_for(port, process, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit("gunicorn stopped while starting; see the output above.")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    sys.exit("gunicorn did not start in time.")


def request(port, method, path, cookies=None, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = dict(headers or {})
    if cookies:
        headers["Cookie"] = "; ".join(f"{key}={value}" for key, value in cookies.items())
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    content = response.read().decode("utf-8", "replace")
    new_cookies = {}
    for header, value in response.getheaders():
        if header.lower() == "set-cookie":
            name, _, rest = value.partition("=")
            new_cookies[name.strip()] = rest.split(";", 1)[0]
    connection.close()
    return response.status, dict(response.getheaders()), content, new_cookies


def csrf_token(page):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def sign_in(port, username, password):
    """Sign in through the sign-in form, as a browser would; returns the cookies."""
    status, _, page, cookies = request(port, "GET", "/accounts/login/")
    assert status == 200, f"sign-in page answered {status}"
    body = urlencode(
        {
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": csrf_token(page),
            "next": "/",
        }
    )
    status, headers, _, new = request(
        port,
        "POST",
        "/accounts/login/",
        cookies=cookies,
        body=body,
        headers={"Origin": f"http://127.0.0.1:{port}"},
    )
    cookies.update(new)
    if status != 302 or "sessionid" not in cookies:
        sys.exit(f"Signing in failed ({status}); the bench needs a session.")
    return cookies


class Marker(threading.Thread):
    """A second employee marking and un-marking "I learned from this", as the story page's form
    does with JavaScript on (POST /stories/<id>/learned/, `learned` 1 or 0, Accept JSON).

    It writes only inside a window (`start_window()` to `end_window()`), on a fixed schedule:
    each mark is sent from a small pool at its time, so slow answers under load do not lower the
    rate. Every answer is counted: 2xx/3xx whose JSON reports the state asked for is a success.
    """

    def __init__(self, port, cookies, story_paths, per_second):
        super().__init__(daemon=True)
        self.port, self.cookies, self.interval = port, dict(cookies), 1 / per_second
        self.stories = []
        for path in story_paths:
            status, _, page, new = request(port, "GET", path, cookies=self.cookies)
            self.cookies.update(new)
            found = re.search(r"/stories/(\d+)/learned/", page)
            if status != 200 or found is None:
                sys.exit(f"The marker found no “I learned from this” form on {path} ({status}).")
            self.stories.append(found.group(0))
            self.token = csrf_token(page)
        self.pool = ThreadPoolExecutor(max_workers=8)
        self.active, self.idle, self.finished = threading.Event(), threading.Event(), False
        self.window, self.windows = None, []

    def start_window(self):
        self.window = {"outcomes": Counter(), "started": time.monotonic()}
        self.idle.clear()
        self.active.set()

    def end_window(self):
        self.active.clear()
        self.idle.wait()
        self.windows.append(self.window)
        return self.window

    def stop(self):
        self.finished = True
        self.active.set()
        self.join(timeout=30)
        self.pool.shutdown(cancel_futures=True)

    def run(self):
        step = 0
        while True:
            self.active.wait()
            if self.finished:
                return
            window, sent = self.window, []
            while self.active.is_set() and not self.finished:
                sent.append(self.pool.submit(self.mark, step))
                step += 1
                time.sleep(max(0, window["started"] + len(sent) * self.interval - time.monotonic()))
            window["seconds"] = time.monotonic() - window["started"]
            for future in sent:
                outcome, seconds = future.result()
                window["outcomes"][outcome] += 1
                window.setdefault("latencies", []).append(seconds)
            self.idle.set()

    def mark(self, step):
        """Mark or un-mark: each story in turn is marked, then each one un-marked, and again."""
        path = self.stories[step % len(self.stories)]
        wanted = (step // len(self.stories)) % 2 == 0
        body = urlencode({"learned": "1" if wanted else "0", "csrfmiddlewaretoken": self.token})
        started = time.monotonic()
        try:
            status, _, content, _ = request(
                self.port,
                "POST",
                path,
                cookies=self.cookies,
                body=body,
                headers={"Origin": f"http://127.0.0.1:{self.port}", "Accept": "application/json"},
            )
        except (OSError, http.client.HTTPException) as error:
            return f"error: {type(error).__name__}", time.monotonic() - started
        seconds = time.monotonic() - started
        if not 200 <= status < 400:
            return f"error: HTTP {status}", seconds
        if status == 200 and json.loads(content).get("learned") is not wanted:
            return "error: wrong state", seconds
        return "ok", seconds


def wrk(binary, port, path, cookies, duration, connections):
    cookie = "; ".join(f"{key}={value}" for key, value in cookies.items())
    result = subprocess.run(
        [
            binary,
            "--threads",
            "1",
            "--connections",
            str(connections),
            "--duration",
            f"{duration}s",
            "--latency",
            # wrk's default of 2 s would count the slowest pages' answers under load as errors.
            "--timeout",
            "10s",
            "--header",
            f"Cookie: {cookie}",
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    output = result.stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    timeouts = re.search(r"Socket errors: .*timeout (\d+)", output)
    latency = re.search(r"^\s*50%\s+(\S+)$", output, re.MULTILINE)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": latency.group(1) if latency else "?",
        "errors": (int(errors.group(1)) if errors else 0)
        + (int(timeouts.group(1)) if timeouts else 0),
    }


def settle(port, cookies, workers):
    """Wait until gunicorn has worked off what a wrk run left queued.

    When wrk stops, the requests its connections had in flight are still queued for the sync
    workers (up to a second of work on the slowest pages), and would slow the next run. One bare
    request per worker, sent together, comes back only once the queue ahead of it is done.
    """
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(
            pool.map(
                lambda _: request(port, "GET", "/bench/bare/", cookies=cookies), range(workers)
            )
        )


def git_state():
    """The commit measured, and which files differed from it (the machine may be shared)."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.splitlines()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
    files = [line[3:] for line in changed]
    if not files:
        return commit
    shown = ", ".join(files[:8]) + (f" and {len(files) - 8} more" if len(files) > 8 else "")
    return f"{commit}, with uncommitted changes to {shown}"


def command_line():
    """How this run was started, without the interpreter's path or a database password."""
    command = "python bench/run.py " + shlex.join(sys.argv[1:])
    url = os.environ.get("DATABASE_URL", "")
    if url:
        parts = urlsplit(url)
        if parts.password:
            netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
            url = urlunsplit(parts._replace(netloc=netloc))
        command = f"DATABASE_URL={url} {command}"
    return command.strip()


def load_average():
    return " / ".join(f"{value:.2f}" for value in os.getloadavg())


def page_checks(seeded, culture):
    """Each page, and a piece of its content that shows it rendered what was seeded."""
    index = seeded["index"]
    card = index + "story-"  # a link to a story
    return {
        "home": ("/", culture["campaign_title"]),
        "stories index": (index, card),
        "filtered index": (index + "?team=support&size=large", card),
        "index page 3": (index + "?page=3", card),
        "story page": (seeded["story"], "/learned/"),
        "site search": ("/search/?q=invoice", card),
        "index search": (index + "?q=invoice", card),
        "tag page": (seeded["tag"], card),
        "quote archive": (culture["quotes"], html.escape(culture["quote"])),
        "meeting pack": (culture["pack"], html.escape(culture["pack_title"])),
        "campaign": (culture["campaign"], html.escape(culture["campaign_title"])),
    }


def verdict(share, target, errors=0):
    if errors:
        return f"FAIL ({errors} errors)"
    return "PASS" if share >= target else "FAIL"


def report(meta, pages, bare_runs, rates, marker_windows):
    """The results as markdown: one table, the figures it rests on and the conditions."""
    mixed = bool(marker_windows)
    bare = statistics.median(r["rps"] for r in bare_runs)
    lines = [
        f"### {meta['database']}, {meta['stories']:,} stories",
        "",
        f"- Command: `{meta['command']}`",
        f"- Date: {meta['date']}; took {meta['minutes']:.0f} min",
        f"- Commit: {meta['commit']}",
        f"- Machine: {meta['cpus']} CPUs; gunicorn {meta['workers']} sync workers; wrk 1 thread, "
        f"{meta['connections']} connections, {meta['duration']} s a run, {meta['rounds']} rounds",
        f"- Load average (1 / 5 / 15 min): {meta['load_start']} at the start, "
        f"{meta['load_end']} at the end",
        f"- Seeded: {meta['seeded']}",
        "",
    ]
    header = "| page | path | req/s | p50 | of bare | min–max | target | result |"
    rule = "|---|---|---:|---:|---:|---:|---|---|"
    if mixed:
        header += " mixed req/s | of read-only | min–max | target | result |"
        rule += "---:|---:|---:|---|---|"
    lines += [header, rule, f"| bare view | `/bench/bare/` | {bare:.0f} | | 100 % | | | |"]
    summary = {"bare_rps": bare, "bare_runs": bare_runs, "pages": {}}
    for name, path in pages.items():
        read = rates[name]["read-only"]
        middle = sorted(read, key=lambda r: r["rps"])[len(read) // 2]  # the median round
        shares = rates[name]["share"]
        share = statistics.median(shares)
        errors = sum(r["errors"] for r in read)
        row = (
            f"| {name} | `{path}` | {middle['rps']:.0f} | {middle['p50']} | {share:.0f} % "
            f"| {min(shares):.0f}–{max(shares):.0f} | ≥ {SHARE_TARGET} % "
            f"| {verdict(share, SHARE_TARGET, errors)} |"
        )
        summary["pages"][name] = {"path": path, "runs": read, "shares": shares}
        if mixed:
            mixed_runs = rates[name]["mixed"]
            kept = rates[name]["kept"]
            mixed_errors = sum(r["errors"] for r in mixed_runs)
            row += (
                f" {statistics.median(r['rps'] for r in mixed_runs):.0f} "
                f"| {statistics.median(kept):.0f} % | {min(kept):.0f}–{max(kept):.0f} "
                f"| ≥ {MIXED_TARGET} % | {verdict(statistics.median(kept), MIXED_TARGET, mixed_errors)} |"
            )
            summary["pages"][name].update(mixed_runs=mixed_runs, kept=kept)
        lines.append(row)
    lines.append("")
    if mixed:
        outcomes, latencies, seconds = Counter(), [], 0
        for window in marker_windows:
            outcomes.update(window["outcomes"])
            latencies += window.get("latencies", [])
            seconds += window["seconds"]
        sent = sum(outcomes.values())
        failures = ", ".join(f"{count} {what}" for what, count in outcomes.items() if what != "ok")
        lines += [
            f"Marker (mixed runs only): {sent:,} marks and un-marks in {seconds:.0f} s "
            f"({sent / seconds:.1f} a second; asked for {meta['marks_per_second']:g}); "
            f"{outcomes['ok']:,} answered 2xx/3xx with the state asked for; "
            f"{sent - outcomes['ok']:,} errors{f' ({failures})' if failures else ''}; "
            f"median answer {1000 * statistics.median(latencies):.0f} ms.",
            "",
        ]
        summary["marker"] = {
            "sent": sent,
            "seconds": seconds,
            "outcomes": dict(outcomes),
            "median_ms": 1000 * statistics.median(latencies),
        }
    lines += [
        'Req/s and p50 latency: the median round. "Of bare": the page\'s rate over the mean of '
        "the bare-view runs just before and after it, median of the rounds (min–max: lowest "
        "and highest round)."
        + (
            ' "Of read-only": the mixed run over the read-only run of the same page in the '
            "same round, measured one after the other."
            if mixed
            else ""
        ),
        "",
        f"Note: the machine is shared ({meta['cpus']} CPUs, other work running; see the load "
        "averages): absolute req/s move with that load, the shares less so, since each is taken "
        "against runs made under the same load a few seconds apart. Read differences within "
        "the min–max spread of the rounds as noise.",
    ]
    return "\n".join(lines), summary


def environment(folder, database_url, port):
    """The settings of every process of the run: production settings, this run's database."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(folder / "media"),
        "BENCH_STATIC_ROOT": str(folder / "static"),
        "BASE_URL": f"http://127.0.0.1:{port}",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("REDIS_URL", None)  # each worker's memory cache, as a plain production install
    return env


def seed(args, env, password, meta):
    """Migrate and seed; returns what the two seeders printed (the paths to fetch)."""
    seeding = {**env, "BENCH_SEEDING": "1"}
    secret = f"--password={password}"  # "=": a generated password may start with "-"
    say(f"Database: {meta['database']}. Migrating…")
    run([PYTHON, "manage.py", "migrate", "--noinput"], env)
    say(f"Seeding {args.stories} stories…")
    started = time.monotonic()
    seeded = last_json_line(
        run(
            [PYTHON, "bench/seed_stories.py", "--stories", str(args.stories)]
            + ["--reader", "bench-reader", secret]
            + (["--bulk"] if args.bulk else []),
            seeding,
        )
    )
    say(f"  {seeded['stories']} live stories in {time.monotonic() - started:.0f} s")
    say("Seeding quotes, meeting packs and campaigns…")
    culture = last_json_line(
        run([PYTHON, "bench/seed_culture.py", "--marker", "bench-marker", secret], seeding)
    )
    meta["stories"] = seeded["stories"]
    meta["seeded"] = (
        f"{seeded['stories']:,} live stories, {culture['counts']['quotes']} quotes, "
        f"{culture['counts']['packs']} meeting packs, 2 campaigns (one running)"
    )
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"], env)
    return seeded, culture


def start_gunicorn(args, env, port):
    say(f"Starting gunicorn with {args.workers} workers on 127.0.0.1:{port}…")
    gunicorn = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "culture.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    wait_for(port, gunicorn)
    return gunicorn


def measure_rounds(args, binary, port, cookies, pages, marker):
    """Every page between two bare-view runs, `args.rounds` times; with a marker, each page
    read-only and then mixed. Returns the bare runs and, per page, its runs and shares."""
    estimate = args.rounds * (
        args.duration
        + len(pages) * (args.duration * 3 + REWARM + MARKER_LEAD if marker else args.duration * 2)
    )
    say(
        f"wrk: {args.connections} connections, {args.duration} s a run, signed in as an "
        f"employee; {args.rounds} rounds, each page measured between two runs of the bare "
        "view, so that both see the same machine load"
        + (", read-only and then mixed" if marker else "")
        + f". About {estimate / 60:.0f} min."
    )

    def measure(path, duration=args.duration):
        result = wrk(binary, port, path, cookies, duration, args.connections)
        settle(port, cookies, args.workers)
        return result

    for path in ["/bench/bare/", *pages.values()]:
        measure(path, WARM_UP)  # every worker's cache

    bare_runs = []
    rates = {name: {"read-only": [], "share": [], "mixed": [], "kept": []} for name in pages}
    for number in range(args.rounds):
        say(f"Round {number + 1} of {args.rounds} (load {load_average()})…")
        before = measure("/bench/bare/")
        bare_runs.append(before)
        for name, path in pages.items():
            if marker:
                measure(path, REWARM)  # the previous page's mixed run emptied caches
            read = measure(path)
            if marker:
                marker.start_window()
                time.sleep(MARKER_LEAD)
                mixed = measure(path)
                marker.end_window()
                rates[name]["mixed"].append(mixed)
                rates[name]["kept"].append(100 * mixed["rps"] / read["rps"])
            after = measure("/bench/bare/")
            rates[name]["read-only"].append(read)
            rates[name]["share"].append(100 * read["rps"] / ((before["rps"] + after["rps"]) / 2))
            bare_runs.append(after)
            before = after
    return bare_runs, rates


def main():
    args = parse_args()
    binary = need_wrk()
    started_at = time.monotonic()
    meta = {
        "command": command_line(),
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": git_state(),
        "cpus": os.cpu_count(),
        "load_start": load_average(),
        "stories": args.stories,
        "marks_per_second": args.marks_per_second,
        **{key: getattr(args, key) for key in ("workers", "connections", "duration", "rounds")},
    }
    folder = Path(tempfile.mkdtemp(prefix="own-it-bench-"))
    database_url, meta["database"] = bench_database(folder)
    password = secrets.token_urlsafe(16)
    port = free_port()
    env = environment(folder, database_url, port)
    gunicorn = marker = None
    try:
        seeded, culture = seed(args, env, password, meta)
        gunicorn = start_gunicorn(args, env, port)
        cookies = sign_in(port, "bench-reader", password)
        checks = page_checks(seeded, culture)
        status, _, content, _ = request(port, "GET", "/bench/bare/", cookies=cookies)
        assert (status, content) == (200, "ok"), "the bare view did not answer ok"
        for name, (path, expected) in checks.items():
            status, _, content, _ = request(port, "GET", path, cookies=cookies)
            if status != 200 or expected not in content:
                sys.exit(f"{name} ({path}) answered {status} without {expected!r}.")
        if args.mixed:
            marker = Marker(
                port,
                sign_in(port, "bench-marker", password),
                [seeded["story"], *culture["newest_stories"]],
                args.marks_per_second,
            )
            marker.start()
        pages = {name: path for name, (path, _) in checks.items()}
        if args.pages:
            wanted = [name.strip() for name in args.pages.split(",")]
            if unknown := set(wanted) - set(pages):
                sys.exit(f"No such page: {', '.join(unknown)}. Pages: {', '.join(pages)}.")
            pages = {name: pages[name] for name in wanted}
        bare_runs, rates = measure_rounds(args, binary, port, cookies, pages, marker)
    finally:
        if marker is not None:
            marker.stop()
        if gunicorn is not None:
            gunicorn.send_signal(signal.SIGTERM)
            gunicorn.wait(timeout=30)
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
            drop_bench_database(database_url)

    meta["load_end"] = load_average()
    meta["minutes"] = (time.monotonic() - started_at) / 60
    table, summary = report(meta, pages, bare_runs, rates, marker.windows if marker else [])
    say()
    say(table)
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    vendor = "postgresql" if meta["database"].startswith("PostgreSQL") else "sqlite"
    stem = f"reading-{vendor}-{datetime.datetime.now():%Y%m%d-%H%M%S}"
    (results / f"{stem}.md").write_text(table + "\n")
    (results / f"{stem}.json").write_text(json.dumps({**meta, **summary}, indent=2) + "\n")
    say(f"\nWritten to bench/results/{stem}.md and .json.")


if __name__ == "__main__":
    main()
