"""The portal's Redis cache backend.

Two things Django's RedisCache does not do:

* clear() runs FLUSHDB there: it empties the whole Redis database, including
  keys of other sites, other app-server generations or other test runs that
  share it. Here clear() removes only the keys under this cache's
  KEY_PREFIX, so two portals (or two test runs) on one Redis database never
  wipe each other.
* A cache is not the database: with Redis down or hanging, Django's backend
  raises on every call, so every page was a 500. Here every call degrades to
  a miss (reads) or a no-op (writes) on a Redis connection error or timeout.
  Timeouts are short (REDIS_CONNECT_TIMEOUT, REDIS_TIMEOUT), and a circuit
  breaker shared by every cache of one Redis address in the process (the
  visitor-count buffer too) skips Redis for RETRY_AFTER seconds after a
  failure, then lets one call try again: a dead Redis costs one short timeout
  per RETRY_AFTER, not one per call. One log line when the breaker opens, one
  when it closes. Keys written or deleted while Redis was failing are deleted
  when it answers again, so content changed during the outage (a published
  article dropping the cached home page blocks) is not served stale after it.
"""

import logging
import re
import threading
import time
from urllib.parse import urlsplit

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# Redis MATCH patterns treat these characters as wildcards.
_GLOB_SPECIAL = re.compile(r"([*?\[\]\\])")
_DELETE_BATCH = 500

# What an unreachable or hanging Redis raises; other RedisErrors (a refused
# command) degrade the one call without opening the breaker.
OUTAGE_ERRORS = (RedisConnectionError, RedisTimeoutError, OSError)
# Seconds; settings.py reads both from the environment.
DEFAULT_SOCKET_TIMEOUT = 0.25
DEFAULT_RETRY_AFTER = 30.0
# Keys remembered for deletion after an outage; past this many, the rest may
# stay stale until they expire (the log says so).
MAX_LOST_KEYS = 10_000

_now = time.monotonic  # tests move the breaker's clock through this name


def describe(location):
    """host:port/db of the Redis addresses, without credentials, for log lines."""
    parts = []
    for server in re.split("[;,]", location) if isinstance(location, str) else location:
        address = urlsplit(server)
        parts.append(f"{address.hostname or address.path}:{address.port or 6379}{address.path or '/0'}")
    return ",".join(parts)


class CircuitBreaker:
    """Closed: calls go to Redis. Open: they are skipped until `retry_after`
    seconds after the last failure, when one caller may try again."""

    def __init__(self, name, retry_after=DEFAULT_RETRY_AFTER):
        self.name = name
        self.retry_after = retry_after
        self._lock = threading.Lock()
        self._open_until = None
        self._lost = set()
        self._lost_overflow = 0

    @property
    def is_open(self):
        return self._open_until is not None

    def allow(self):
        if self._open_until is None:
            return True
        with self._lock:
            if self._open_until is None:
                return True
            now = _now()
            if now < self._open_until:
                return False
            # This caller tries; the others keep skipping until it is known how that went.
            self._open_until = now + self.retry_after
            return True

    def failure(self, exc):
        with self._lock:
            was_closed = self._open_until is None
            self._open_until = _now() + self.retry_after
        if was_closed:
            logger.error(
                "Redis at %s is unreachable (%s: %s): pages are served without the cache, "
                "login lockouts and visitor counts are kept in process memory; next try in %g s",
                self.name,
                type(exc).__name__,
                exc,
                self.retry_after,
            )

    def success(self, client_factory, fresh=()):
        """After a call that reached Redis: closes an open breaker and drops the
        keys whose writes were lost meanwhile (but not `fresh`, just written by
        that call), with the client `client_factory()`."""
        if self._open_until is None:
            return
        with self._lock:
            if self._open_until is None:
                return
            self._open_until = None
            lost, self._lost = list(self._lost.difference(fresh)), set()
            overflow, self._lost_overflow = self._lost_overflow, 0
        logger.warning("Redis at %s answers again: the cache is back in use", self.name)
        try:
            client = client_factory()
            for start in range(0, len(lost), _DELETE_BATCH):
                client.delete(*lost[start : start + _DELETE_BATCH])
        except OUTAGE_ERRORS as exc:
            self.remember_lost(lost)
            self.failure(exc)
            return
        if overflow:
            logger.warning(
                "Redis at %s: %d more cache writes were lost during the outage; "
                "what they changed may show stale until the cached copies expire",
                self.name,
                overflow,
            )

    def remember_lost(self, keys):
        with self._lock:
            for key in keys:
                if key in self._lost:
                    continue
                if len(self._lost) < MAX_LOST_KEYS:
                    self._lost.add(key)
                else:
                    self._lost_overflow += 1


_breakers = {}
_breakers_lock = threading.Lock()


def breaker_for(location, retry_after=DEFAULT_RETRY_AFTER):
    """The process's one breaker for a Redis address."""
    key = location if isinstance(location, str) else ",".join(location)
    with _breakers_lock:
        breaker = _breakers.get(key)
        if breaker is None:
            breaker = _breakers[key] = CircuitBreaker(describe(location), retry_after)
        return breaker


def reset_breakers():
    """Forget every breaker (tests that start and stop Redis servers)."""
    with _breakers_lock:
        _breakers.clear()


_SKIPPED = object()


class ReusedRedisCacheClient(RedisCacheClient):
    """Django's client makes a new redis.Redis object for every cache call, which costs
    more than the call's own work on a page served from the page cache (tens of
    microseconds, three times a page). One object per connection pool serves every call:
    redis-py clients are thread-safe and their pool reconnects after a fork."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class PortalRedisCache(RedisCache):
    """RedisCache with clear() limited to KEY_PREFIX, short timeouts and a circuit breaker.

    Besides Django's settings it takes RETRY_AFTER (seconds the breaker stays
    open); OPTIONS socket_connect_timeout and socket_timeout default to
    DEFAULT_SOCKET_TIMEOUT.
    """

    def __init__(self, server, params):
        options = {
            "socket_connect_timeout": DEFAULT_SOCKET_TIMEOUT,
            "socket_timeout": DEFAULT_SOCKET_TIMEOUT,
            **params.get("OPTIONS", {}),
        }
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = ReusedRedisCacheClient
        self.breaker = breaker_for(server, params.get("RETRY_AFTER", DEFAULT_RETRY_AFTER))

    def _guard(self, default, written, call, *args):
        """call(*args) through the breaker; `default` when Redis is skipped or fails.
        `written`: the made keys the call writes, remembered when the write is lost."""
        if not self.breaker.allow():
            self.breaker.remember_lost(written)
            return default
        try:
            result = call(*args)
        except OUTAGE_ERRORS as exc:
            self.breaker.remember_lost(written)
            self.breaker.failure(exc)
            return default
        except RedisError as exc:
            self.breaker.remember_lost(written)
            logger.error("Redis cache call refused, treated as a miss: %s: %s", type(exc).__name__, exc)
            return default
        self.breaker.success(self._write_client, fresh=written)
        return result

    def _write_client(self):
        return self._cache.get_client(write=True)

    def _made(self, keys, version):
        return [self.make_and_validate_key(key, version=version) for key in keys]

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(False, self._made([key], version), super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._guard(default, (), super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._guard(None, self._made([key], version), super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(False, self._made([key], version), super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._guard(False, self._made([key], version), super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._guard({}, (), super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._guard(False, (), super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        result = self._guard(_SKIPPED, self._made([key], version), super().incr, key, delta, version)
        if result is _SKIPPED:
            # What a missing key does: callers (throttles, axes) start a new count.
            raise ValueError(f"Key '{key}' not found (the cache is unreachable).")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(list(data), self._made(data, version), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        self._guard(None, self._made(keys, version), super().delete_many, keys, version)

    def clear(self):
        return self._guard(False, (), self._clear)

    def _clear(self):
        if not self.key_prefix:
            # Without a prefix every key of the database is ours, as in Django.
            return super().clear()
        client = self._cache.get_client(write=True)
        pattern = _GLOB_SPECIAL.sub(r"\\\1", self.key_prefix) + ":*"
        batch = []
        for key in client.scan_iter(match=pattern, count=_DELETE_BATCH):
            batch.append(key)
            if len(batch) >= _DELETE_BATCH:
                client.unlink(*batch)
                batch = []
        if batch:
            client.unlink(*batch)
        return True
