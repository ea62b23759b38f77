"""`make bench`: how fast the main reading pages are, as a share of a bare view, under gunicorn.

    make bench                                   # SQLite in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ownit make bench
    .venv/bin/python bench/run.py --stories 1000 --duration 10 --workers 2

What it does, in one run:

1. Makes a fresh database: SQLite in a temporary folder, or, when DATABASE_URL points at
   PostgreSQL, a separate database named `<name>_bench` on that server (dropped and created, so
   the database DATABASE_URL names is never touched).
2. Migrates it and seeds 1,000 published stories (bench/seed_stories.py) with the production
   settings (`bench.settings`: culture.settings.production plus the bare view), a generated
   SECRET_KEY and SECURE_SSL_REDIRECT=false, since the bench talks plain HTTP on 127.0.0.1.
3. Collects static files into the temporary folder and starts gunicorn on a free port.
4. Signs in through the real sign-in form as an employee and keeps the session cookie.
5. Drives each page with wrk (from Debian: `sudo apt-get install -y wrk`), after a warm-up,
   and prints its requests per second as a share of the bare view's (/bench/bare/: signed in,
   same middleware, no work). Each page run sits between two bare-view runs and is compared
   with their mean, and the median of several rounds is reported: on a machine shared with
   other work, load changes from minute to minute and would otherwise skew the shares.

Targets from issue 4: stories index >= 25 %, story page >= 30 %, search >= 10 %.
The results are also written to bench/results/reading.json (git-ignored).
"""

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
TARGETS = {"stories index": 25, "story page": 30, "search": 10}


def parse_args():
    parser = argparse.ArgumentParser(description="Benchmark the stories reading pages.")
    parser.add_argument("--stories", type=int, default=1000)
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per page")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3, help="measurements of each page")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    return parser.parse_args()


def say(message):
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


def sign_in(port, username, password):
    """Sign in through the sign-in form, as a browser would; returns the cookies."""
    status, _, page, cookies = request(port, "GET", "/accounts/login/")
    assert status == 200, f"sign-in page answered {status}"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urlencode(
        {"username": username, "password": password, "csrfmiddlewaretoken": token, "next": "/"}
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
            "--header",
            f"Cookie: {cookie}",
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    output = result.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        sys.exit(f"{path}: {errors.group(1)} responses were not 2xx/3xx:\n{output}")
    latency = re.search(r"^\s*50%\s+(\S+)$", output, re.MULTILINE)
    return rps, latency.group(1) if latency else "?"


def main():
    args = parse_args()
    binary = need_wrk()
    folder = Path(tempfile.mkdtemp(prefix="own-it-bench-"))
    database_url, database_name = bench_database(folder)
    password = secrets.token_urlsafe(16)
    port = free_port()
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

    say(f"Database: {database_name}. Migrating…")
    run([PYTHON, "manage.py", "migrate", "--noinput"], env)
    say(f"Seeding {args.stories} stories…")
    started = time.monotonic()
    seeded = json.loads(
        run(
            [
                PYTHON,
                "bench/seed_stories.py",
                "--stories",
                str(args.stories),
                "--reader",
                "bench-reader",
                f"--password={password}",  # "=": a generated password may start with "-"
            ],
            {**env, "BENCH_SEEDING": "1"},
        )
        .strip()
        .splitlines()[-1]
    )
    say(f"  {seeded['stories']} live stories in {time.monotonic() - started:.0f} s")
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"], env)

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
    try:
        wait_for(port, gunicorn)
        cookies = sign_in(port, "bench-reader", password)
        pages = {
            "bare view": "/bench/bare/",
            "stories index": seeded["index"],
            "story page": seeded["story"],
            "search": seeded["index"] + "?q=invoice",
            "filtered index": seeded["index"] + "?team=support&size=large",
            "tag page": seeded["tag"],
            # For scale: the lightest page of the site, the site search form (base template,
            # header and menus, nothing of the stories app).
            "empty site search": "/search/",
        }
        for name, path in pages.items():
            status, _, content, _ = request(port, "GET", path, cookies=cookies)
            if status != 200:
                sys.exit(f"{name} ({path}) answered {status}, not 200.")
            if name == "bare view":
                assert content == "ok"
            elif name != "empty site search":
                assert "story-card" in content or "story-title" in content, name
        say(
            f"wrk: {args.connections} connections, {args.duration} s a run, signed in as an "
            f"employee; {args.rounds} rounds, each page measured between two runs of the bare "
            "view, so that both see the same machine load.\n"
        )
        for path in pages.values():
            wrk(binary, port, path, cookies, 2, args.connections)  # warm every worker's cache
        shares = {name: [] for name in pages if name != "bare view"}
        rates = {name: [] for name in pages}
        for _ in range(args.rounds):
            before = wrk(binary, port, pages["bare view"], cookies, args.duration, args.connections)
            rates["bare view"].append(before)
            for name in shares:
                rate = wrk(binary, port, pages[name], cookies, args.duration, args.connections)
                after = wrk(
                    binary, port, pages["bare view"], cookies, args.duration, args.connections
                )
                rates[name].append(rate)
                rates["bare view"].append(after)
                shares[name].append(100 * rate[0] / ((before[0] + after[0]) / 2))
                before = after
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=30)
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
            drop_bench_database(database_url)

    bare = statistics.median(rate for rate, _ in rates["bare view"])
    say(f"{'page':<18}{'path':<34}{'req/s':>9}{'median':>10}{'of bare':>9}  target")
    say(f"{'bare view':<18}{pages['bare view']:<34}{bare:>9.0f}{'':>10}{100:>8}%")
    report = {"database": database_name, "stories": seeded["stories"], "bare_rps": bare}
    failed = []
    for name, page_shares in shares.items():
        share = statistics.median(page_shares)
        rps = statistics.median(rate for rate, _ in rates[name])
        latency = rates[name][len(rates[name]) // 2][1]
        target = TARGETS.get(name)
        verdict = ""
        if target is not None:
            verdict = f">= {target} % {'ok' if share >= target else 'MISSED'}"
            if share < target:
                failed.append(name)
        path = pages[name]
        say(f"{name:<18}{path[:33]:<34}{rps:>9.0f}{latency:>10}{share:>8.0f}%  {verdict}")
        report[name] = {"path": path, "rps": rps, "shares": page_shares, "share": share}
    results_folder = ROOT / "bench" / "results"
    results_folder.mkdir(exist_ok=True)
    (results_folder / "reading.json").write_text(json.dumps(report, indent=2))
    if failed:
        say(f"\nBelow target: {', '.join(failed)}.")
        sys.exit(1)
    say("\nEvery target met.")


if __name__ == "__main__":
    main()
