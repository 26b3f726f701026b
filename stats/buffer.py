"""The counting buffer: where page views wait between a request and a flush.

Requests only touch the cache; ``flush_stats`` moves the counts into the
database in batches. Two implementations sit behind one small interface:

* ``RedisBuffer`` (production, shared by every worker and app server): one
  Lua script per counted request, so counting is atomic and costs one round
  trip; a flush renames the live hashes to a batch atomically, so a count
  lands either in the batch or in the next one, never in both or neither.
* ``LocalBuffer`` (the embedded default: one process, local-memory cache):
  the same behaviour with dictionaries under a lock.

Visitors are told apart by a hash of address and browser made with a random
salt that lives in the cache for one day only; yesterday's hashes cannot be
linked to anyone once their salt has expired, and no hash reaches a table.
"""

import secrets
import threading
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache.backends.redis import RedisCache
from django.utils import timezone

from . import counters

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
    """The buffer of a single process (embedded default, tests on SQLite)."""

    def __init__(self):
        self._mutex = threading.Lock()
        self._flush_lock = threading.Lock()
        self.reset()

    def reset(self):
        with self._mutex:
            self._days, self._objects, self._born = {}, {}, None
            self._seen = {}  # day -> visitor hashes
            self._active = {}  # minute -> visitor hashes
            self._salts = {}
            self._batches = {}

    def salt(self, day, now):
        with self._mutex:
            for old in [d for d in self._salts if d < day]:
                del self._salts[old]
            return self._salts.setdefault(day, secrets.token_hex(16))

    def record(self, hit, now_ts):
        with self._mutex:
            names = [counters.day_field(counters.PAGE_VIEWS, hit.day)]
            seen = self._seen.setdefault(hit.day, set())
            if hit.visitor not in seen:
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

    def take(self):
        with self._mutex:
            if self._days or self._objects:
                batch = Batch(uuid.uuid4().hex, self._days, self._objects)
                self._batches[batch.batch_id] = batch
                self._days, self._objects, self._born = {}, {}, None
            return list(self._batches.values())

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


class RedisBuffer:
    """The buffer shared through Django's Redis cache (same server and key prefix)."""

    def __init__(self, backend):
        self.backend = backend
        self._salts = {}
        # A redis-py client is thread-safe, and its pool reconnects after a fork.
        self._client = backend._cache.get_client(write=True)
        self._record = self._client.register_script(_RECORD)
        self._take = self._client.register_script(_TAKE)

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


def _decode(mapping):
    return {name.decode(): int(count) for name, count in mapping.items()}


_buffers = {}


def get_buffer():
    """The process's buffer, matching the default cache: Redis when it is Redis."""
    config = settings.CACHES[DEFAULT_CACHE_ALIAS]
    identity = (config["BACKEND"], str(config.get("LOCATION")), config.get("KEY_PREFIX", ""))
    buffer = _buffers.get(identity)
    if buffer is None:
        backend = caches.create_connection(DEFAULT_CACHE_ALIAS)
        buffer = RedisBuffer(backend) if isinstance(backend, RedisCache) else LocalBuffer()
        buffer = _buffers.setdefault(identity, buffer)
    return buffer
