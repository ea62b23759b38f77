"""The production stack of a load run or a drill, on 127.0.0.1 and all of its own.

A PostgreSQL cluster (`pg_createcluster`, on a free port, trust auth on loopback) and a Redis
server of the run's own, so that stopping or restarting them never touches the machine's
services; gunicorn with the production settings (`bench.settings`), the task worker
(`db_worker`), mail written to files (one per message, `filemail://`), and locust. Everything is
stopped and removed when the `Stack` context ends, whatever happened.

Needs Debian's postgresql-common (pg_createcluster, run as root or as postgres), redis-server
and, in the development requirements, locust.
"""

import csv
import glob
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bench.run import PYTHON, ROOT, environment, free_port, say, wait_for

BIN = Path(PYTHON).parent


def pg_version():
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/postgres"))
    if not versions or not shutil.which("pg_createcluster"):
        sys.exit("PostgreSQL's server and pg_createcluster are needed (Debian: postgresql).")
    return Path(versions[-1]).parts[-3]


class OwnPostgres:
    """A PostgreSQL cluster made for this run and dropped after it."""

    def __init__(self):
        self.version, self.port = pg_version(), free_port()
        self.name = f"ownit-load-{self.port}"
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/ownit"

    def __enter__(self):
        subprocess.run(
            ["pg_createcluster", "--start", "-p", str(self.port), self.version, self.name]
            + ["--", "--auth-local=trust", "--auth-host=trust"],
            check=True,
            capture_output=True,
        )
        self.wait()
        self.psql("CREATE DATABASE ownit")
        return self

    def __exit__(self, *exc):
        subprocess.run(["pg_dropcluster", "--stop", self.version, self.name], capture_output=True)

    def psql(self, sql, database="postgres"):
        result = subprocess.run(
            ["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", database]
            + ["-v", "ON_ERROR_STOP=1", "-Atc", sql],
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise RuntimeError(result.stderr)
        return result.stdout.strip()

    def ctl(self, action):
        subprocess.run(
            ["pg_ctlcluster", self.version, self.name, action, "-m", "fast"],
            check=True,
            capture_output=True,
        )

    def wait(self, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                self.psql("SELECT 1")
                return
            except RuntimeError:
                time.sleep(0.2)
        sys.exit("The run's PostgreSQL did not start.")


class OwnRedis:
    """A Redis server made for this run: nothing on disk."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        wait_for(self.port, self.process)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)

    def flush(self):
        subprocess.run(
            ["redis-cli", "-p", str(self.port), "FLUSHALL"], check=True, capture_output=True
        )

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()


class Receiver(ThreadingHTTPServer):
    """A chat tool's incoming webhook on 127.0.0.1: counts what it is sent."""

    def __init__(self):
        self.posts = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(handler):  # noqa: N805
                length = int(handler.headers.get("Content-Length", 0))
                self.posts.append(handler.rfile.read(length))
                handler.send_response(200)
                handler.end_headers()

            def log_message(handler, *args):  # noqa: N805
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server_address[1]}/hook"
        threading.Thread(target=self.serve_forever, daemon=True).start()


class Stack:
    """Everything a run needs, seeded; `with Stack(...) as stack:` starts and ends it."""

    def __init__(self, stories=10_000, accounts=500, workers=2, media_root=None, extra_env=None):
        self.stories, self.accounts, self.workers = stories, accounts, workers
        self.media_root, self.extra_env = media_root, extra_env or {}
        self.processes = {}

    def __enter__(self):
        # Stopped with SIGTERM (timeout, kill): still stop and remove what the run made.
        signal.signal(signal.SIGTERM, lambda *args: sys.exit(143))
        self.folder = Path(tempfile.mkdtemp(prefix="own-it-load-"))
        self.mail = self.folder / "mail"
        self.mail.mkdir()
        self.postgres = OwnPostgres().__enter__()
        self.redis = OwnRedis().__enter__()
        self.receiver = Receiver()
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **environment(self.folder, self.postgres.url, self.port),
            "REDIS_URL": self.redis.url,
            "EMAIL_URL": f"filemail:///{self.mail}",  # four slashes: an absolute path,
            **self.extra_env,
        }
        if self.media_root:
            self.env["MEDIA_ROOT"] = str(self.media_root)
        self.password = secrets.token_urlsafe(12)
        try:
            self.seed()
            self.start_web()
        except BaseException:
            self.__exit__()  # a failed start still removes what it made
            raise
        return self

    def __exit__(self, *exc):
        for process in self.processes.values():
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(15)
                except subprocess.TimeoutExpired:
                    process.kill()
        self.receiver.shutdown()
        self.redis.__exit__()
        self.postgres.__exit__()
        shutil.rmtree(self.folder, ignore_errors=True)

    def manage(self, *args, check=True, extra=None):
        result = subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env={**self.env, **(extra or {})},
            capture_output=True,
            text=True,
        )
        if check and result.returncode:
            sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result

    def seed(self):
        started = time.monotonic()
        say(
            f"PostgreSQL {self.postgres.version} on port {self.postgres.port}, Redis on "
            f"{self.redis.port}. Migrating and loading the demo…"
        )
        self.manage("migrate", "--noinput")
        self.manage("load_demo")
        say(f"Seeding {self.stories:,} stories and {self.accounts} employees…")
        result = subprocess.run(
            [PYTHON, "bench/load/seed.py", "--stories", str(self.stories)]
            + ["--accounts", str(self.accounts), f"--password={self.password}"]
            + ["--webhook", self.receiver.url],
            cwd=ROOT,
            env={**self.env, "BENCH_SEEDING": "1"},
            capture_output=True,
            text=True,
        )
        if result.returncode:
            sys.exit(f"Seeding failed:\n{result.stderr}")
        self.paths = json.loads(result.stdout.strip().splitlines()[-1])
        self.paths_file = self.folder / "paths.json"
        self.paths_file.write_text(json.dumps(self.paths))
        self.manage("collectstatic", "--noinput", "-v", "0")
        say(
            f"  seeded in {time.monotonic() - started:.0f} s: {self.paths['live_stories']:,} "
            f"live stories, {self.paths['employees']:,} employees"
        )

    def start_web(self):
        self.processes["gunicorn"] = subprocess.Popen(
            [str(BIN / "gunicorn"), "culture.wsgi", "--bind", f"127.0.0.1:{self.port}"]
            + ["--workers", str(self.workers), "--log-level", "warning"],
            cwd=ROOT,
            env=self.env,
        )
        wait_for(self.port, self.processes["gunicorn"])

    def start_worker(self):
        self.processes["worker"] = subprocess.Popen(
            [PYTHON, "manage.py", "db_worker", "--interval", "0.2"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        return self.processes["worker"]

    def kill_worker(self):
        worker = self.processes.pop("worker")
        worker.send_signal(signal.SIGKILL)
        worker.wait()

    def health(self):
        """/healthz/'s status code and body (0 when the server does not answer)."""
        try:
            with urllib.request.urlopen(f"{self.url}/healthz/", timeout=5) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"{}")
        except OSError:
            return 0, {}

    def digest_counts(self):
        rows = self.postgres.psql(
            "SELECT status, count(*) FROM quotes_digestdelivery GROUP BY status", "ownit"
        )
        return {status: int(n) for status, n in (row.split("|") for row in rows.splitlines())}

    def waiting_tasks(self):
        """Tasks queued for the worker and not yet taken."""
        return int(
            self.postgres.psql(
                "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'READY'",
                "ownit",
            )
        )

    def mails_by_recipient(self):
        """Recipient -> the Message-IDs of the digests written to the mail folder."""
        from email import message_from_bytes

        found = {}
        for path in self.mail.iterdir():
            # filemail writes several messages to one file, separated by a line of dashes.
            for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
                if not chunk.strip():
                    continue
                message = message_from_bytes(chunk)
                if (message["Message-ID"] or "").startswith("<digest-"):
                    found.setdefault(message["To"], []).append(message["Message-ID"])
        return found

    def locust(self, users, seconds, csv_prefix, spawn_rate=1, ramp=None):
        """Start locust (headless) against the stack; returns the process. Each failure is also
        written, with its time, to <csv_prefix>_failures.jsonl."""
        env = {
            **os.environ,
            "LOAD_PATHS": str(self.paths_file),
            "LOAD_FAILURE_LOG": f"{csv_prefix}_failures.jsonl",
            "PYTHONPATH": str(ROOT),
        }
        if ramp:
            env["LOAD_RAMP"] = ramp
        command = [
            str(BIN / "locust"),
            "-f",
            "bench/load/locustfile.py",
            "--headless",
            "--host",
            self.url,
            "--csv",
            str(csv_prefix),
            "--csv-full-history",
            "--accounts",
            str(self.accounts),
            "--only-summary",
            "--loglevel",
            "WARNING",
            "--run-time",
            f"{seconds}s",
            "--stop-timeout",
            "20",
        ]
        if not ramp:
            # The figures count from the moment everyone has arrived (and signed in); the
            # arrival is in the history file and reported on its own.
            command += ["--users", str(users), "--spawn-rate", str(spawn_rate), "--reset-stats"]
        return subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )


def read_stats(csv_prefix):
    """locust's summary: one dict per request name, and the "Aggregated" row."""
    with open(f"{csv_prefix}_stats.csv", newline="") as handle:
        rows = {row["Name"]: row for row in csv.DictReader(handle)}
    return rows


def read_history(csv_prefix):
    """The "Aggregated" rows of locust's history: one every second or so, with the number of
    users and the percentiles of the last seconds' requests."""
    with open(f"{csv_prefix}_stats_history.csv", newline="") as handle:
        return [row for row in csv.DictReader(handle) if row["Name"] == "Aggregated"]


def timed_failures(csv_prefix):
    """Each failure of a run with its time (seconds since the epoch)."""
    path = Path(f"{csv_prefix}_failures.jsonl")
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def read_failures(csv_prefix):
    with open(f"{csv_prefix}_failures.csv", newline="") as handle:
        return list(csv.DictReader(handle))
