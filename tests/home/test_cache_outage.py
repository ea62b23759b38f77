"""A cache outage makes the site slower, never broken (home/cache_backends.py).

Each test starts a real redis-server of its own on a free port, points the cache at it, and then
kills or freezes that server while signed-in clients read the real page tree.
"""

import json
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from unittest import mock

import pytest
import redis
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.cached_db import KEY_PREFIX as SESSION_CACHE_PREFIX
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import OperationalError, connections
from django.test import Client

from home import cache_backends
from home.cache_backends import ForgivingRedisCache

from ..stories.reading_support import stories_index, story  # noqa: F401 (fixture)

ROOT = Path(__file__).resolve().parents[2]
REDIS_SERVER = shutil.which("redis-server")
# The same options as culture/settings/base.py (checked by test_redis_url_configures_...).
REDIS_OPTIONS = {"socket_connect_timeout": 0.25, "socket_timeout": 0.25}


class RedisServer:
    """A redis-server of the test's own, on 127.0.0.1, without persistence."""

    def __init__(self, folder):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.folder = folder
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url, socket_connect_timeout=0.2)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        client.close()

    def kill(self):
        self.process.kill()
        self.process.wait()

    def freeze(self):
        """The process stops answering but keeps its sockets and its data: a hung Redis."""
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self):
        self.process.send_signal(signal.SIGCONT)


@pytest.fixture
def redis_server(tmp_path):
    if REDIS_SERVER is None:
        if os.environ.get("CI_REQUIRE_REDIS") == "1":
            pytest.fail("redis-server is not installed, and CI_REQUIRE_REDIS=1 requires it")
        pytest.skip("redis-server is not installed")
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.kill()


@pytest.fixture
def redis_cache(settings, redis_server, monkeypatch):
    """The site's cache on the test's own Redis, with a fresh circuit breaker."""
    monkeypatch.setattr(cache_backends, "outages", {})
    settings.CACHES = {
        "default": {
            "BACKEND": "home.cache_backends.ForgivingRedisCache",
            "LOCATION": redis_server.url,
            "KEY_PREFIX": "ownit-test",
            "OPTIONS": REDIS_OPTIONS,
        }
    }
    return redis_server


def sign_in(client):
    response = client.post(
        "/accounts/login/", {"username": "erin", "password": "pass"}, follow=True
    )
    assert response.redirect_chain == [("/", 302)]
    assert response.wsgi_request.user.username == "erin"
    return client.cookies["sessionid"].value


def health(client):
    response = client.get("/healthz/")
    return response.status_code, response.json()


def signed_in_user(response):
    assert response.status_code == 200
    return response.wsgi_request.user.username


@pytest.fixture
def reading(home_page, stories_index, employee):  # noqa: F811 (fixture)
    """The home page and one published story, and their addresses."""
    return ["/", story(parent=stories_index, title="The wrong file", author=employee).url]


def test_redis_url_configures_the_forgiving_backend_with_short_timeouts():
    script = "import json; from culture.settings import base; print(json.dumps(base.CACHES))"
    environment = {**os.environ, "REDIS_URL": "redis://127.0.0.1:6390/1"}
    output = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert output.returncode == 0, output.stderr
    assert json.loads(output.stdout)["default"] == {
        "BACKEND": "home.cache_backends.ForgivingRedisCache",
        "LOCATION": "redis://127.0.0.1:6390/1",
        "KEY_PREFIX": "ownit",
        "OPTIONS": REDIS_OPTIONS,
    }


def test_pages_and_sessions_carry_on_when_redis_dies_and_health_says_so(
    client, redis_cache, reading, employee
):
    session_key = sign_in(client)
    for url in reading:
        assert signed_in_user(client.get(url)) == "erin"
    # Before the outage the session really is read from Redis.
    assert cache.get(SESSION_CACHE_PREFIX + session_key) is not None
    assert health(client) == (200, {"status": "ok", "database": "ok", "cache": "ok"})

    redis_cache.kill()

    for url in reading:
        assert signed_in_user(client.get(url)) == "erin"
    # A new sign-in works, and its session lands in the database.
    newcomer = Client()
    new_key = sign_in(newcomer)
    assert Session.objects.get(session_key=new_key).get_decoded()[SESSION_KEY] == str(employee.pk)
    assert signed_in_user(newcomer.get(reading[1])) == "erin"
    assert health(client) == (200, {"status": "degraded", "database": "ok", "cache": "down"})

    redis_cache.start()

    assert health(client) == (200, {"status": "ok", "database": "ok", "cache": "ok"})
    for reader in (client, newcomer):
        for url in reading:
            assert signed_in_user(reader.get(url)) == "erin"
    # Back in Redis as soon as it answers again.
    assert cache.get(SESSION_CACHE_PREFIX + new_key) is not None


@pytest.mark.parametrize("noticed_by", ["health check", "next request"])
def test_a_sign_out_during_an_outage_is_not_undone_when_redis_comes_back(
    client, redis_cache, reading, monkeypatch, noticed_by
):
    monkeypatch.setattr(ForgivingRedisCache, "retry_after", 0.2)
    session_key = sign_in(client)
    assert cache.get(SESSION_CACHE_PREFIX + session_key) is not None

    # Frozen, Redis keeps the signed-in session while the sign-out removes only the database row.
    redis_cache.freeze()
    assert client.post("/accounts/logout/").status_code == 302
    assert not Session.objects.filter(session_key=session_key).exists()
    redis_cache.thaw()

    if noticed_by == "health check":
        assert health(client) == (200, {"status": "ok", "database": "ok", "cache": "ok"})
        assert cache.get(SESSION_CACHE_PREFIX + session_key) is None
    else:
        time.sleep(0.3)  # past the retry interval; the replay below is the first to try Redis
    # The old cookie, replayed, no longer signs anyone in.
    replay = Client()
    replay.cookies["sessionid"] = session_key
    response = replay.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert cache.get(SESSION_CACHE_PREFIX + session_key) is None


def test_after_a_failure_redis_is_left_alone_for_a_while_except_by_the_health_check(
    client, db, redis_cache, monkeypatch
):
    cache.set("kept", "value")
    redis_cache.kill()
    assert cache.get("kept", "miss") == "miss"
    redis_cache.start()
    cache.set("kept", "value again")  # skipped: the breaker is open

    # Within the retry interval reads are misses without asking Redis, though it is back.
    assert cache.get("kept", "miss") == "miss"
    assert cache.get_many(["kept"]) == {}
    assert health(client)[1]["cache"] == "ok"
    # The probe closed the breaker: Redis is used again, and the skipped write was not made.
    assert cache.get("kept", "miss") == "miss"
    cache.set("kept", "third")
    assert cache.get("kept") == "third"

    # Without a health check, Redis is tried again once the interval has passed.
    monkeypatch.setattr(ForgivingRedisCache, "retry_after", 0.2)
    redis_cache.kill()
    assert cache.get("kept", "miss") == "miss"
    redis_cache.start()
    assert cache.get("kept", "miss") == "miss"
    time.sleep(0.3)
    cache.set("kept", "fourth")
    assert cache.get("kept") == "fourth"


def test_not_even_the_first_read_after_an_outage_sees_a_write_it_missed(redis_cache, monkeypatch):
    monkeypatch.setattr(ForgivingRedisCache, "retry_after", 0.2)
    cache.set_many({"deleted": "old", "replaced": "old", "kept": "old"})
    redis_cache.freeze()
    assert cache.get("anything") is None  # times out: Redis is now skipped
    cache.delete("deleted")
    cache.set("replaced", "new")
    redis_cache.thaw()
    time.sleep(0.3)

    assert cache.get("deleted") is None
    assert cache.get("replaced") is None
    assert cache.get("kept") == "old"


def test_every_operation_is_a_miss_while_redis_is_down(redis_cache, monkeypatch):
    monkeypatch.setattr(ForgivingRedisCache, "retry_after", 0)  # every call really tries
    cache.set("counter", 1)
    redis_cache.kill()
    assert cache.get("counter") is None
    assert cache.get_many(["counter"]) == {}
    assert "counter" not in cache
    assert cache.add("other", 1) is False
    assert cache.set("other", 1) is None
    assert cache.touch("counter") is False
    assert cache.delete("counter") is False
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert cache.delete_many(["a", "b"]) is None
    assert cache.get_or_set("computed", lambda: "fresh") == "fresh"
    with pytest.raises(ValueError):
        cache.incr("counter")
    assert cache.clear() is False


def test_a_dead_redis_is_reported_at_most_once_per_interval(redis_cache, monkeypatch, caplog):
    monkeypatch.setattr(ForgivingRedisCache, "retry_after", 0)
    redis_cache.kill()
    with caplog.at_level(logging.INFO, logger="home.cache_backends"):
        for _ in range(20):
            cache.get("anything")
        warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
        assert len(warnings) == 1
        assert "Cache unreachable" in warnings[0].getMessage()

        monkeypatch.setattr(ForgivingRedisCache, "warn_every", 0)
        cache.get("anything")
        warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
        assert len(warnings) == 2
        assert "Cache still unreachable (19 more failed attempts" in warnings[1].getMessage()

        redis_cache.start()
        cache.get("anything")
        assert caplog.records[-1].levelno == logging.INFO
        assert "Cache reachable again" in caplog.records[-1].getMessage()


@pytest.mark.django_db
def test_health_is_503_only_when_the_database_is_down(client, home_page, employee):
    assert health(client) == (200, {"status": "ok", "database": "ok", "cache": "local"})
    reader = Client()
    reader.force_login(employee)
    assert reader.get("/").status_code == 200  # a warm cache, fragments and all
    # Every query of the request fails: no middleware needs the database for /healthz/.
    with mock.patch.object(
        connections["default"], "cursor", side_effect=OperationalError("server closed")
    ):
        assert health(client) == (503, {"status": "down", "database": "down", "cache": "local"})
    assert health(client)[0] == 200
