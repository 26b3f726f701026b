"""The counting buffer: where page views wait between a request and a flush.

Requests only touch the cache; ``flush_stats`` moves the counts into the
database in batches. Three implementations sit behind one small interface:

* ``RedisBuffer`` (production, shared by every worker and app server): one
  Lua script per counted request, so counting is atomic and costs one round
  trip; a flush renames the live hashes to a batch atomically, so a count
  lands either in the batch or in the next one, never in both or neither.
* ``MachineBuffer`` (the embedded default, shared by every process of the
  machine: the server, its workers, ``manage.py flush_stats``): the same
  behaviour in an SQLite file beside the machine cache
  (dolisa_site/machine_cache.py), one transaction per counted request and
  per batch taken.
* ``LocalBuffer``: dictionaries under a lock, for one process only. It is
  the Redis buffer's stand-in while Redis is unreachable (below), and the
  buffer of a cache that is itself local to one process (local memory).

A cache is not the database: while Redis is unreachable (the circuit breaker
of dolisa_site.cache is open) the Redis buffer counts into a LocalBuffer of
its own process instead, bounded to STATS_LOCAL_MAX_PENDING page views; the
next flush writes those counts straight to the database, whether or not
Redis is back. What can be lost is bounded and logged: views past the bound
until that flush, and what a worker holds when it stops. Visitors seen both
in Redis and in a process's memory on one day may count twice.

Visitors are told apart by a hash of address and browser made with a random
salt that lives in the cache for one day only; yesterday's hashes cannot be
linked to anyone once their salt has expired, and no hash reaches a table.
"""

import logging
import os
import secrets
import sqlite3
import threading
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache.backends.redis import RedisCache
from django.utils import timezone

from dolisa_site.cache import OUTAGE_ERRORS, breaker_for
from dolisa_site.machine_cache import MachineCache

from . import counters

logger = logging.getLogger(__name__)

ACTIVE_MINUTES = 5  # "Đang xem": distinct visitors seen in the last five minutes
VISITOR_SET_TTL = 26 * 3600  # a day's visitor set outlives the day a little, for late requests
FLUSH_LOCK_TIMEOUT = 300  # seconds; a crashed flusher's lock expires on its own


@dataclass
class Hit:
    """One counted page view, as the middleware hands it over."""

    day: date
    minute: int  # minutes since the epoch, for the "active now" window
    visitor: str
    mobile: bool
    object_fields: tuple = ()  # per-object counters, see counters.object_fields()


@dataclass
class Batch:
    batch_id: str
    days: dict = field(default_factory=dict)  # counters.day_field() -> count
    objects: dict = field(default_factory=dict)  # counters.object_field() -> count


def seconds_until_next_day(now):
    local = timezone.localtime(now)
    midnight = timezone.make_aware(datetime.combine(local.date() + timedelta(days=1), datetime.min.time()))
    return max(1, int((midnight - local).total_seconds()))


class LocalBuffer:
    """The buffer of a single process (the stand-in for Redis while it is
    unreachable, then with `max_pending` set; or a local-memory cache's)."""

    def __init__(self, max_pending=None):
        self.max_pending = max_pending  # page views kept until the next take(); None: no bound
        self._mutex = threading.Lock()
        self._flush_lock = threading.Lock()
        self.reset()

    def reset(self):
        with self._mutex:
            self._days, self._objects, self._born = {}, {}, None
            self._pending = 0
            self.dropped = 0
            self._seen = {}  # day -> visitor hashes
            self._active = {}  # minute -> visitor hashes
            self._salts = {}
            self._batches = {}

    @property
    def born(self):
        """When the oldest count not yet taken was made (a timestamp), or None."""
        return self._born

    def salt(self, day, now):
        with self._mutex:
            for old in [d for d in self._salts if d < day]:
                del self._salts[old]
            return self._salts.setdefault(day, secrets.token_hex(16))

    def record(self, hit, now_ts):
        with self._mutex:
            if self.max_pending is not None and self._pending >= self.max_pending:
                self.dropped += 1
                if self.dropped == 1:
                    logger.error(
                        "Visitor statistics: %d page views wait in this process's memory, the most it keeps "
                        "while Redis is unreachable; further views are lost until the next flush",
                        self._pending,
                    )
                return self._born
            self._pending += 1
            names = [counters.day_field(counters.PAGE_VIEWS, hit.day)]
            seen = self._seen.setdefault(hit.day, set())
            # Bounded too: past the bound a new visitor is not remembered (nor counted as one).
            if hit.visitor not in seen and (self.max_pending is None or len(seen) < self.max_pending):
                seen.add(hit.visitor)
                names.append(counters.day_field(counters.VISITORS, hit.day))
                if hit.mobile:
                    names.append(counters.day_field(counters.MOBILE_VISITORS, hit.day))
            for name in names:
                self._days[name] = self._days.get(name, 0) + 1
            for old in [d for d in self._seen if d < hit.day - timedelta(days=1)]:
                del self._seen[old]
            self._active.setdefault(hit.minute, set()).add(hit.visitor)
            for old in [m for m in self._active if m <= hit.minute - ACTIVE_MINUTES]:
                del self._active[old]
            for name in hit.object_fields:
                self._objects[name] = self._objects.get(name, 0) + 1
            if self._born is None:
                self._born = now_ts
            return self._born

    def snapshot(self, minute):
        """(unflushed page views per day, distinct visitors in the last minutes)."""
        with self._mutex:
            pending = counters.page_views_by_day(self._days)
            active = set().union(*(v for m, v in self._active.items() if m > minute - ACTIVE_MINUTES))
            return pending, len(active)

    def pending_views(self, label, pk):
        """Views of one object counted but not taken by a flush yet."""
        with self._mutex:
            days = counters.page_views_by_day(self._days)
            return sum(self._objects.get(counters.views_field(day, label, pk), 0) for day in days)

    def take(self):
        with self._mutex:
            if self._days or self._objects:
                batch = Batch(uuid.uuid4().hex, self._days, self._objects)
                self._batches[batch.batch_id] = batch
                self._days, self._objects, self._born = {}, {}, None
                self._pending = 0
            if self.dropped:
                logger.error(
                    "Visitor statistics: %d page views were not counted: this process's memory was full "
                    "while Redis was unreachable",
                    self.dropped,
                )
                self.dropped = 0
            return list(self._batches.values())

    def holds(self, batch_id):
        with self._mutex:
            return batch_id in self._batches

    def done(self, batch_id):
        with self._mutex:
            self._batches.pop(batch_id, None)

    @contextmanager
    def lock(self):
        acquired = self._flush_lock.acquire(blocking=False)
        try:
            yield acquired
        finally:
            if acquired:
                self._flush_lock.release()


_RECORD = """
redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
if redis.call('SADD', KEYS[2], ARGV[2]) == 1 then
  redis.call('EXPIRE', KEYS[2], ARGV[5])
  redis.call('HINCRBY', KEYS[1], ARGV[3], 1)
  if ARGV[4] ~= '' then redis.call('HINCRBY', KEYS[1], ARGV[4], 1) end
end
redis.call('PFADD', KEYS[3], ARGV[2])
redis.call('EXPIRE', KEYS[3], ARGV[6])
for i = 8, #ARGV do redis.call('HINCRBY', KEYS[4], ARGV[i], 1) end
redis.call('SET', KEYS[5], ARGV[7], 'NX')
return redis.call('GET', KEYS[5])
"""

_TAKE = """
local moved = 0
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('RENAME', KEYS[1], KEYS[5]); moved = 1 end
if redis.call('EXISTS', KEYS[2]) == 1 then redis.call('RENAME', KEYS[2], KEYS[6]); moved = 1 end
redis.call('DEL', KEYS[3])
if moved == 1 then redis.call('SADD', KEYS[4], ARGV[1]) end
return moved
"""

# An object's views over the days the live counters hold (the days hash has a
# page-view field for each): ARGV = page-view prefix, views prefix, "|label|pk".
_PENDING_VIEWS = """
local total = 0
for _, name in ipairs(redis.call('HKEYS', KEYS[1])) do
  if string.sub(name, 1, #ARGV[1]) == ARGV[1] then
    local views = redis.call('HGET', KEYS[2], ARGV[2] .. string.sub(name, #ARGV[1] + 1) .. ARGV[3])
    if views then total = total + tonumber(views) end
  end
end
return total
"""


class RedisBuffer:
    """The buffer shared through Django's Redis cache (same server and key prefix)."""

    def __init__(self, backend):
        self.backend = backend
        self._salts = {}
        # A redis-py client is thread-safe, and its pool reconnects after a fork.
        self._client = backend._cache.get_client(write=True)
        self._record = self._client.register_script(_RECORD)
        self._take = self._client.register_script(_TAKE)
        self._pending_views = self._client.register_script(_PENDING_VIEWS)

    def key(self, name):
        return self.backend.make_key(f"stats:{name}")

    def salt(self, day, now):
        if day not in self._salts:
            client = self._client
            name = self.key(f"salt:{day.isoformat()}")
            # Whichever worker comes first picks the day's salt; it expires
            # shortly after the day ends, so old hashes cannot be linked.
            client.set(name, secrets.token_hex(16), nx=True, ex=seconds_until_next_day(now) + 600)
            self._salts = {day: client.get(name).decode()}
        return self._salts[day]

    def record(self, hit, now_ts):
        born = self._record(
            keys=[
                self.key("days"),
                self.key(f"seen:{hit.day.isoformat()}"),
                self.key(f"active:{hit.minute}"),
                self.key("objects"),
                self.key("born"),
            ],
            args=[
                counters.day_field(counters.PAGE_VIEWS, hit.day),
                hit.visitor,
                counters.day_field(counters.VISITORS, hit.day),
                counters.day_field(counters.MOBILE_VISITORS, hit.day) if hit.mobile else "",
                VISITOR_SET_TTL,
                (ACTIVE_MINUTES + 1) * 60,
                repr(now_ts),
                *hit.object_fields,
            ],
        )
        return float(born)

    def snapshot(self, minute):
        with self._client.pipeline(transaction=False) as pipe:
            pipe.hgetall(self.key("days"))
            pipe.pfcount(*[self.key(f"active:{m}") for m in range(minute - ACTIVE_MINUTES + 1, minute + 1)])
            days, active = pipe.execute()
        return counters.page_views_by_day(_decode(days)), active

    def pending_views(self, label, pk):
        return int(
            self._pending_views(
                keys=[self.key("days"), self.key("objects")],
                args=[f"{counters.PAGE_VIEWS}|", f"{counters.VIEWS}|", f"|{label}|{pk}"],
            )
        )

    def take(self):
        client = self._client
        batch_id = uuid.uuid4().hex
        self._take(
            keys=[
                self.key("days"),
                self.key("objects"),
                self.key("born"),
                self.key("batches"),
                self.key(f"batch:{batch_id}:days"),
                self.key(f"batch:{batch_id}:objects"),
            ],
            args=[batch_id],
        )
        batches = []
        # Also batches an earlier flush took but could not finish.
        for member in client.smembers(self.key("batches")):
            pending_id = member.decode()
            with client.pipeline(transaction=False) as pipe:
                pipe.hgetall(self.key(f"batch:{pending_id}:days"))
                pipe.hgetall(self.key(f"batch:{pending_id}:objects"))
                days, objects = pipe.execute()
            batches.append(Batch(pending_id, _decode(days), _decode(objects)))
        return batches

    def done(self, batch_id):
        with self._client.pipeline(transaction=True) as pipe:
            pipe.delete(self.key(f"batch:{batch_id}:days"), self.key(f"batch:{batch_id}:objects"))
            pipe.srem(self.key("batches"), batch_id)
            pipe.execute()

    @contextmanager
    def lock(self):
        lock = self._client.lock(self.key("flush-lock"), timeout=FLUSH_LOCK_TIMEOUT, blocking=False)
        acquired = lock.acquire()
        try:
            yield acquired
        finally:
            if acquired:
                lock.release()


_DOWN = object()


class ResilientRedisBuffer(RedisBuffer):
    """RedisBuffer that counts in this process's memory while Redis is unreachable.

    Every Redis call goes through the cache's circuit breaker (one per Redis
    address and process, shared with the cache itself), so a dead Redis costs
    a page view nothing once the breaker is open. A flush takes the memory's
    batches as well as Redis's, and writes them to the database.
    """

    def __init__(self, backend, breaker, max_pending):
        super().__init__(backend)
        self.breaker = breaker
        self.local = LocalBuffer(max_pending=max_pending)
        self._outage_noted = False
        self._flushing = threading.local()

    def _redis(self, method, *args):
        """method(*args) on Redis, or _DOWN when the breaker skips it or it fails."""
        if not self.breaker.allow():
            return _DOWN
        try:
            result = method(*args)
        except OUTAGE_ERRORS as exc:
            self.breaker.failure(exc)
            return _DOWN
        self.breaker.success(lambda: self._client)
        return result

    def salt(self, day, now):
        salt = self._redis(super().salt, day, now)
        return self.local.salt(day, now) if salt is _DOWN else salt

    def record(self, hit, now_ts):
        born = self._redis(super().record, hit, now_ts)
        if born is _DOWN:
            if not self._outage_noted:
                self._outage_noted = True
                logger.warning(
                    "Visitor statistics: Redis unreachable, page views are kept in this process's memory "
                    "(at most %d) and written to the database by the next flush",
                    self.local.max_pending,
                )
            born = self.local.record(hit, now_ts)
        elif self._outage_noted:
            self._outage_noted = False
        local_born = self.local.born
        if born is None:
            return local_born if local_born is not None else now_ts
        return born if local_born is None else min(born, local_born)

    def snapshot(self, minute):
        pending, active = self.local.snapshot(minute)
        remote = self._redis(super().snapshot, minute)
        if remote is _DOWN:
            return pending, active
        remote_pending, remote_active = remote
        for day, views in pending.items():
            remote_pending[day] = remote_pending.get(day, 0) + views
        return remote_pending, remote_active + active

    def pending_views(self, label, pk):
        remote = self._redis(super().pending_views, label, pk)
        return self.local.pending_views(label, pk) + (0 if remote is _DOWN else remote)

    def take(self):
        batches = self.local.take()
        views = sum(sum(counters.page_views_by_day(batch.days).values()) for batch in batches)
        if views:
            logger.warning(
                "Visitor statistics: writing %d page views counted in process memory while Redis was unreachable",
                views,
            )
        if getattr(self._flushing, "redis_locked", False):
            remote = self._redis(super().take)
            if remote is not _DOWN:
                batches += remote
        return batches

    def done(self, batch_id):
        if self.local.holds(batch_id):
            self.local.done(batch_id)
        else:
            # Left in Redis if it fails; the next flush finds it already written (FlushBatch).
            self._redis(super().done, batch_id)

    @contextmanager
    def lock(self):
        """Held by one flusher: this process's memory always, Redis's lock when Redis answers."""
        with self.local.lock() as local_acquired:
            if not local_acquired:
                yield False
                return
            redis_lock = self._redis(self._acquire_redis_lock)
            if redis_lock is None:  # another process flushes Redis: let it
                yield False
                return
            self._flushing.redis_locked = redis_lock is not _DOWN
            try:
                yield True
            finally:
                self._flushing.redis_locked = False
                if redis_lock is not _DOWN:
                    self._redis(redis_lock.release)

    def _acquire_redis_lock(self):
        lock = self._client.lock(self.key("flush-lock"), timeout=FLUSH_LOCK_TIMEOUT, blocking=False)
        return lock if lock.acquire() else None


def _decode(mapping):
    return {name.decode(): int(count) for name, count in mapping.items()}


_SCHEMA = """
CREATE TABLE IF NOT EXISTS counts (
    batch TEXT NOT NULL,  -- '' while live; the batch's id once a flush took them
    part TEXT NOT NULL,   -- 'days' or 'objects', as in Batch
    name TEXT NOT NULL,   -- a field name of counters.py
    count INTEGER NOT NULL,
    PRIMARY KEY (batch, part, name)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS seen (
    day TEXT NOT NULL, visitor TEXT NOT NULL, PRIMARY KEY (day, visitor)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS active (  -- the minute each visitor was last seen
    visitor TEXT PRIMARY KEY, minute INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS active_minute ON active (minute);
CREATE TABLE IF NOT EXISTS meta (
    name TEXT PRIMARY KEY, value TEXT NOT NULL, expires REAL
) WITHOUT ROWID;
"""
_ADD = (
    "INSERT INTO counts (batch, part, name, count) VALUES ('', ?, ?, 1) "
    "ON CONFLICT (batch, part, name) DO UPDATE SET count = count + 1"
)
_SEEN_NOW = "INSERT INTO active VALUES (?, ?) ON CONFLICT (visitor) DO UPDATE SET minute = MAX(minute, excluded.minute)"
BUSY_TIMEOUT = 5.0  # seconds a write waits for another process's transaction (each lasts well under 1 ms)

# Connections opened before a fork, kept from being closed in the child: SQLite
# forbids using (closing included) a connection across fork().
_inherited = []


class MachineBuffer:
    """The buffer shared by every process of the machine: an SQLite file of its own.

    The same semantics as RedisBuffer: record() is one IMMEDIATE transaction, so
    concurrent processes never lose a count; take() moves the live counts to a
    new batch in one transaction, so a count is in that batch or the next, never
    in both or neither; a batch stays until done(), so a flush that died is
    finished by the next one. The flush lock is a row with an expiry, like Redis's.
    Deleted rows are overwritten (secure_delete): a visitor hash or an expired
    salt does not linger in the file's free pages.
    """

    def __init__(self, path):
        self.path = str(path)
        self._mutex = threading.Lock()  # one connection per process, one thread at a time
        self._connection = None
        self._pid = None
        self._salts = {}
        self._tidied = None  # (day, minute) when old visitors were last removed by this process

    def _connect(self):
        if self._pid != os.getpid():
            if self._connection is not None:
                _inherited.append(self._connection)
            connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute("PRAGMA secure_delete=ON")
            connection.execute("PRAGMA journal_size_limit=1048576")  # the log shrinks back after each checkpoint
            connection.executescript(_SCHEMA)
            self._connection, self._pid = connection, os.getpid()
        return self._connection

    @contextmanager
    def _transaction(self, write=True):
        with self._mutex:
            connection = self._connect()
            connection.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")

    def salt(self, day, now):
        if day not in self._salts:
            name = f"salt:{day.isoformat()}"
            with self._transaction() as sql:
                # Whichever process comes first picks the day's salt; it goes
                # shortly after the day ends, so old hashes cannot be linked.
                sql.execute("DELETE FROM meta WHERE name LIKE 'salt:%' AND expires <= ?", (now.timestamp(),))
                sql.execute(
                    "INSERT OR IGNORE INTO meta VALUES (?, ?, ?)",
                    (name, secrets.token_hex(16), now.timestamp() + seconds_until_next_day(now) + 600),
                )
                (salt,) = sql.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
            self._salts = {day: salt}
        return self._salts[day]

    def record(self, hit, now_ts):
        with self._transaction() as sql:
            sql.execute(_ADD, ("days", counters.day_field(counters.PAGE_VIEWS, hit.day)))
            new = sql.execute("INSERT OR IGNORE INTO seen VALUES (?, ?)", (hit.day.isoformat(), hit.visitor))
            if new.rowcount == 1:
                sql.execute(_ADD, ("days", counters.day_field(counters.VISITORS, hit.day)))
                if hit.mobile:
                    sql.execute(_ADD, ("days", counters.day_field(counters.MOBILE_VISITORS, hit.day)))
            sql.execute(_SEEN_NOW, (hit.visitor, hit.minute))
            for name in hit.object_fields:
                sql.execute(_ADD, ("objects", name))
            sql.execute("INSERT OR IGNORE INTO meta VALUES ('born', ?, NULL)", (repr(now_ts),))
            if self._tidied != (hit.day, hit.minute):
                # What Redis lets expire: visitors of the day before yesterday, minutes out of the window.
                sql.execute("DELETE FROM seen WHERE day < ?", ((hit.day - timedelta(days=1)).isoformat(),))
                sql.execute("DELETE FROM active WHERE minute <= ?", (hit.minute - ACTIVE_MINUTES,))
                self._tidied = (hit.day, hit.minute)
            (born,) = sql.execute("SELECT value FROM meta WHERE name = 'born'").fetchone()
        return float(born)

    def snapshot(self, minute):
        with self._transaction(write=False) as sql:
            days = dict(sql.execute("SELECT name, count FROM counts WHERE batch = '' AND part = 'days'"))
            # Counted on the index, whatever the number of visitors (Redis: PFCOUNT).
            (active,) = sql.execute(
                "SELECT COUNT(*) FROM active WHERE minute > ? AND minute <= ?", (minute - ACTIVE_MINUTES, minute)
            ).fetchone()
        return counters.page_views_by_day(days), active

    def pending_views(self, label, pk):
        with self._transaction(write=False) as sql:
            days = dict(sql.execute("SELECT name, count FROM counts WHERE batch = '' AND part = 'days'"))
            fields = [counters.views_field(day, label, pk) for day in counters.page_views_by_day(days)]
            (views,) = sql.execute(
                "SELECT COALESCE(SUM(count), 0) FROM counts WHERE batch = '' AND part = 'objects' "
                f"AND name IN ({', '.join('?' * len(fields))})",
                fields,
            ).fetchone()
        return views

    def take(self):
        with self._transaction() as sql:
            sql.execute("UPDATE counts SET batch = ? WHERE batch = ''", (uuid.uuid4().hex,))
            sql.execute("DELETE FROM meta WHERE name = 'born'")
            # Also batches an earlier flush took but could not finish.
            rows = sql.execute("SELECT batch, part, name, count FROM counts WHERE batch != ''").fetchall()
        batches = {}
        for batch_id, part, name, count in rows:
            getattr(batches.setdefault(batch_id, Batch(batch_id)), part)[name] = count
        return list(batches.values())

    def done(self, batch_id):
        with self._transaction() as sql:
            sql.execute("DELETE FROM counts WHERE batch = ?", (batch_id,))

    @contextmanager
    def lock(self):
        token, now = uuid.uuid4().hex, time.time()
        with self._transaction() as sql:
            sql.execute("DELETE FROM meta WHERE name = 'flush-lock' AND expires <= ?", (now,))
            taken = sql.execute(
                "INSERT OR IGNORE INTO meta VALUES ('flush-lock', ?, ?)", (token, now + FLUSH_LOCK_TIMEOUT)
            )
            acquired = taken.rowcount == 1
        try:
            yield acquired
        finally:
            if acquired:
                with self._transaction() as sql:
                    sql.execute("DELETE FROM meta WHERE name = 'flush-lock' AND value = ?", (token,))


_buffers = {}


def get_buffer():
    """The process's buffer, matching the default cache: Redis when it is Redis,
    a file beside the machine cache when it is that, else this process's memory."""
    config = settings.CACHES[DEFAULT_CACHE_ALIAS]
    identity = (config["BACKEND"], str(config.get("LOCATION")), config.get("KEY_PREFIX", ""))
    buffer = _buffers.get(identity)
    if buffer is None:
        backend = caches.create_connection(DEFAULT_CACHE_ALIAS)
        if isinstance(backend, RedisCache):
            breaker = getattr(backend, "breaker", None) or breaker_for(config.get("LOCATION", ""))
            buffer = ResilientRedisBuffer(backend, breaker, settings.STATS_LOCAL_MAX_PENDING)
        elif isinstance(backend, MachineCache):
            buffer = MachineBuffer(backend.store_path("stats-buffer"))
        else:
            buffer = LocalBuffer()
        buffer = _buffers.setdefault(identity, buffer)
    return buffer


def pending_views(label, pk):
    """Views of one object waiting in the buffer (dolisa_site.viewcounts.pending_views)."""
    return get_buffer().pending_views(label, pk)
