"""A Redis cache that never takes a page down.

Everything the site keeps in the cache can be rebuilt from the database (sessions are
`cached_db`), so when Redis is unreachable this backend answers as if the entry were missing:
reads return their default, writes do nothing and say so. Pages get slower, never an error.

- Short socket timeouts (the OPTIONS in settings) bound what a dead or hung Redis costs.
- After a failure the process leaves Redis alone for `retry_after` seconds (a circuit breaker),
  so that a request pays for at most one timeout, not one per cache call.
- A warning is logged at most once every `warn_every` seconds while Redis stays away.
- Writes dropped during an outage leave an old entry behind in Redis, if it kept its data: a
  session signed out in the outage would be signed in again, an invalidated fragment shown again.
  So the keys of dropped writes are remembered (up to `max_remembered`) and deleted when Redis
  answers again, before anything else is read from it; reads then rebuild them from the database.
"""

import logging
import secrets
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis import exceptions

logger = logging.getLogger(__name__)

# What "Redis cannot serve us now" looks like: refused, reset or timed-out connections (loading
# and authentication errors are ConnectionErrors too), and a server that refuses writes because it
# is a replica after a failover or full with no eviction policy.
UNAVAILABLE = (
    exceptions.ConnectionError,
    exceptions.TimeoutError,
    exceptions.ReadOnlyError,
    exceptions.OutOfMemoryError,
)

MISSING = object()


class Outage:
    """What one process knows about one Redis server; shared by the per-thread cache objects
    that Django creates."""

    def __init__(self):
        # Re-entrant: recovery holds it while it talks to Redis, and may record a new failure.
        self.lock = threading.RLock()
        self.failing = False
        self.skip_until = 0.0
        self.warned_at = None
        self.failures_since_warning = 0
        self.dropped = {}  # version -> keys whose write was dropped
        self.dropped_count = 0
        self.dropped_too_many = False

    def failed(self, error, retry_after, warn_every):
        now = time.monotonic()
        with self.lock:
            self.failing = True
            self.skip_until = now + retry_after
            if self.warned_at is not None and now - self.warned_at < warn_every:
                self.failures_since_warning += 1
                return
            self.warned_at, failures = now, self.failures_since_warning
            self.failures_since_warning = 0
        if failures:
            logger.warning(
                "Cache still unreachable (%s more failed attempts since the last warning): %s",
                failures,
                error,
            )
        else:
            logger.warning(
                "Cache unreachable, serving pages without it and retrying every %s s: %s",
                retry_after,
                error,
            )

    def drop(self, keys, version, limit):
        if not keys:
            return
        with self.lock:
            if self.dropped_count + len(keys) > limit:
                self.dropped_too_many = True
                return
            self.dropped.setdefault(version, set()).update(keys)
            self.dropped_count += len(keys)

    def recovered(self):
        self.failing, self.skip_until = False, 0.0
        self.dropped, self.dropped_count, self.dropped_too_many = {}, 0, False


outages = {}
outages_lock = threading.Lock()


class ForgivingRedisCache(RedisCache):
    """Django's Redis cache, answering as a miss while Redis is unreachable (see the module)."""

    retry_after = 5  # seconds without trying Redis after a failure
    warn_every = 60  # seconds between warnings while it stays unreachable
    max_remembered = 10_000  # keys of dropped writes kept for deletion on recovery
    probe_timeout = 10  # seconds a health probe key lives

    def __init__(self, server, params):
        super().__init__(server, params)
        # One breaker per server and key prefix for the whole process, not per thread.
        state_key = (server if isinstance(server, str) else tuple(server), self.key_prefix)
        with outages_lock:
            self.outage = outages.setdefault(state_key, Outage())

    def guarded(self, operation, args, fallback, written=(), version=None):
        outage = self.outage
        # After a failure Redis is skipped for a while, then told what it missed before it is
        # read again, so that not even the first read after an outage finds a stale entry.
        if outage.failing and (outage.skip_until > time.monotonic() or not self.recover()):
            outage.drop(written, version, self.max_remembered)
            return fallback
        try:
            return operation(*args)
        except UNAVAILABLE as error:
            outage.failed(error, self.retry_after, self.warn_every)
            outage.drop(written, version, self.max_remembered)
            return fallback

    def recover(self):
        """Delete the entries whose writes were dropped; True once Redis has answered."""
        outage = self.outage
        with outage.lock:
            if not outage.failing:
                return True  # another thread did it meanwhile
            dropped, too_many = outage.dropped, outage.dropped_too_many
            try:
                for version, keys in dropped.items():
                    super().delete_many(list(keys), version=version)
                if not dropped:
                    super().has_key("recovery-check")  # still a round trip to Redis
            except UNAVAILABLE as error:
                outage.failed(error, self.retry_after, self.warn_every)
                return False
            outage.recovered()
        logger.info(
            "Cache reachable again; forgot %s entries written while it was away%s.",
            sum(map(len, dropped.values())),
            " (more were written: those may be stale until they expire)" if too_many else "",
        )
        return True

    def probe(self):
        """Write and read a short-lived key, even while the breaker is open, so that a health
        check sees a recovery at once (and closes the breaker for this process)."""
        if self.outage.failing and not self.recover():
            return False
        key, token = f"health-probe:{secrets.token_hex(8)}", secrets.token_hex(8)
        try:
            super().set(key, token, self.probe_timeout)
            answer = super().get(key)
        except UNAVAILABLE as error:
            self.outage.failed(error, self.retry_after, self.warn_every)
            return False
        return answer == token

    # Reads: a miss.

    def get(self, key, default=None, version=None):
        return self.guarded(super().get, (key, default, version), default)

    def get_many(self, keys, version=None):
        return self.guarded(super().get_many, (keys, version), {})

    def has_key(self, key, version=None):
        return self.guarded(super().has_key, (key, version), False)

    # Writes: nothing stored, and the return value says so.

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        args = (key, value, timeout, version)
        return self.guarded(super().add, args, False, [key], version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self.guarded(super().set, (key, value, timeout, version), None, [key], version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self.guarded(super().touch, (key, timeout, version), False, [key], version)

    def delete(self, key, version=None):
        return self.guarded(super().delete, (key, version), False, [key], version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        keys = list(data)
        return self.guarded(super().set_many, (data, timeout, version), keys, keys, version)

    def delete_many(self, keys, version=None):
        keys = list(keys)
        self.guarded(super().delete_many, (keys, version), None, keys, version)

    def incr(self, key, delta=1, version=None):
        result = self.guarded(super().incr, (key, delta, version), MISSING, [key], version)
        if result is MISSING:
            # As for a missing key, so the caller's own fallback runs (decr comes here too).
            raise ValueError(f"Key '{key}' not found.")
        return result

    def clear(self):
        return self.guarded(super().clear, (), False)


def cache_status(backend):
    """Whether a shared cache answers ("ok" or "down"); "local" for one in each process."""
    if isinstance(backend, ForgivingRedisCache):
        return "ok" if backend.probe() else "down"
    if isinstance(backend, LocMemCache | DummyCache):
        return "local"
    # Any other shared backend: the same write and read, and any error counts as down.
    key, token = f"health-probe:{secrets.token_hex(8)}", secrets.token_hex(8)
    try:
        backend.set(key, token, 10)
        return "ok" if backend.get(key) == token else "down"
    except Exception:
        return "down"
