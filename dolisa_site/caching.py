"""The one caching mechanism for what the public site shows: blocks and whole pages.

Cached content declares what it shows as *tags*: a model's label
("news.article") for any of its rows. Every tag has a generation kept in the
shared cache (Redis in production, the machine-wide cache on the embedded
default); a cached value is stored together with the generations of its tags
at the moment it was built, and is only used while they are all unchanged.

A change bumps the generation of its model's tag. ``watch(Model)`` declares
that cached content shows the model's rows; from then on every statement that
writes its table — a save, a delete, a bulk ``update()`` from an admin action,
an import, a fixture, a many-to-many change — bumps the tag, whatever made it:
a watcher on every database connection (``install``) reads the table name of
each INSERT, UPDATE, DELETE or TRUNCATE Django sends. Nothing has to remember
to invalidate, so nothing can forget.

The generation lives in the shared cache, so a change made by any process (a
worker, another app server, ``manage.py import_dossiers``) is seen by every
other on its next request. It is bumped at once and again when the transaction
commits, so a page built from the old rows in between is not kept.

Some content changes with the clock alone: an article scheduled for 9:00 shows
at 9:00 without any save. ``watch(Model, due=...)`` names the next such moment;
nothing showing the tag is kept past it.

While the cache is unreachable every read is a miss (dolisa_site.cache), so
pages are built fresh; nothing here raises because of the cache.
"""

import contextlib
import contextvars
import functools
import hashlib
import logging
import re
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable, Optional

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

BLOCK_SECONDS = 600  # the longest a block is kept without a change
LOCK_SECONDS = 30  # a builder that died frees the rebuild after this long
WAIT_SECONDS = 3.0  # how long a request waits for another process's rebuild
WAIT_STEP = 0.02
_MISSING = object()


@dataclass(frozen=True)
class Watch:
    model: type
    due: Optional[Callable] = None  # due(now) -> the next moment the visible rows change by the clock, or None
    ignore_fields: frozenset = frozenset()  # fields whose bulk updates show nowhere cached (live figures)


_watched = {}
_tables = {}  # database table -> Watch


def tag_of(thing):
    """The tag of a model class, a model instance or a tag given as a string."""
    if isinstance(thing, str):
        return thing
    return thing._meta.label_lower


def watch(model, due=None, ignore_fields=()):
    """Declare that cached content shows rows of `model`; changes to them bump its tag."""
    spec = Watch(
        model=model,
        due=due,
        ignore_fields=frozenset(model._meta.get_field(name).column.lower() for name in ignore_fields),
    )
    _watched[tag_of(model)] = spec
    _tables[model._meta.db_table.lower()] = spec
    for relation in model._meta.local_many_to_many:
        through = relation.remote_field.through
        if through._meta.auto_created:
            _tables[through._meta.db_table.lower()] = spec


def watched():
    return dict(_watched)


# --- Generations ---------------------------------------------------------------------


class _Safe:
    """The cache, with every failure turned into a miss or a no-op (logged): pages are then
    built without it. The portal's Redis backend already does this; other backends raise."""

    def __getattr__(self, name):
        method = getattr(cache, name)

        def call(*args, **kwargs):
            try:
                return method(*args, **kwargs)
            except Exception as exc:
                logger.error("Cache call %s failed, treated as a miss: %s: %s", name, type(exc).__name__, exc)
                if name == "get":
                    return args[1] if len(args) > 1 else kwargs.get("default")
                return _FAILED.get(name)

        return call


_FAILED = {"get_many": {}, "add": False, "set_many": []}
store = _Safe()


def _generation_key(tag):
    return f"gen:{tag}"


def _due_key(tag, generation):
    return f"due:{tag}:{generation}"


def _new_generation():
    # Never repeats an earlier value, even after the cache lost the key, and owes nothing
    # to the clock (which tests freeze and servers may set back).
    return uuid.uuid4().hex


def _bump(tags):
    store.set_many({_generation_key(tag): _new_generation() for tag in tags}, None)


def changed(*things):
    """Everything showing these models or tags is out of date, now and once the transaction commits."""
    tags = sorted({tag_of(thing) for thing in things})
    if not tags:
        return
    logger.debug("Cached content showing %s is out of date", ", ".join(tags))
    collector = _collector.get()
    if collector is not None:
        for tag in tags:
            collector.seen.pop(tag, None)
    _bump(tags)
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        transaction.on_commit(lambda: _bump(tags))


def generations(tags):
    """The current generation of each tag, creating the missing ones. Within one request each
    tag is read once (a page's blocks share most of theirs), unless the request changed it."""
    collector = _collector.get()
    seen = collector.seen if collector is not None else {}
    keys = {tag: _generation_key(tag) for tag in tags if tag not in seen}
    if keys:
        found = store.get_many(list(keys.values()))
        for tag, key in keys.items():
            if key in found:
                seen[tag] = found[key]
            else:
                value = _new_generation()
                store.add(key, value, None)
                seen[tag] = store.get(key, value)
    return {tag: seen[tag] for tag in tags}


def _next_due(tag, generation, now):
    """The next moment what `tag` shows changes by the clock, as a timestamp, or None."""
    spec = _watched.get(tag)
    if spec is None or spec.due is None:
        return None
    key = _due_key(tag, generation)
    stamp = store.get(key, _MISSING)
    if stamp is _MISSING or (stamp is not None and stamp <= now.timestamp()):
        due = spec.due(now)
        stamp = due.timestamp() if isinstance(due, datetime) else None
        # Kept until the moment passes (or for good while nothing is scheduled: a save bumps the generation).
        store.set(key, stamp, None if stamp is None else max(1, int(stamp - now.timestamp()) + 1))
    return stamp


@dataclass
class State:
    """What a cached value was built from: its tags' generations and when the clock changes it."""

    generations: dict
    until: Optional[float] = None  # timestamp; None: no clock-driven change

    def digest(self):
        text = ";".join(f"{tag}={gen}" for tag, gen in sorted(self.generations.items()))
        return hashlib.blake2b(text.encode(), digest_size=10).hexdigest()

    def seconds_left(self, limit):
        if self.until is None:
            return limit
        return max(1, min(limit, int(self.until - time.time()) + 1))


def state_of(tags, now=None):
    now = now or timezone.now()
    gens = generations(sorted({tag_of(tag) for tag in tags}))
    dues = [stamp for tag, gen in gens.items() if (stamp := _next_due(tag, gen, now)) is not None]
    return State(generations=gens, until=min(dues) if dues else None)


def is_current(state):
    """True while none of the state's tags has changed and its clock moment has not come."""
    if state.until is not None and time.time() >= state.until:
        return False
    found = store.get_many([_generation_key(tag) for tag in state.generations])
    return all(found.get(_generation_key(tag)) == gen for tag, gen in state.generations.items())


# --- What a page is built from -------------------------------------------------------


@dataclass
class Collector:
    """What a page showed, gathered while it renders (see pagecache.py): the generation of
    each tag as it was read before the data behind it, and the earliest clock moment."""

    generations: dict = field(default_factory=dict)
    until: Optional[float] = None
    seen: dict = field(default_factory=dict)  # the generations read so far in this request
    values: dict = field(default_factory=dict)  # block key -> (value, what it recorded), read so far
    cacheable: bool = False  # the view said what it shows (``shows()``)
    refused: Optional[str] = None  # why this page must not be kept, if anything said so

    def add(self, state):
        for tag, gen in state.generations.items():
            self.generations.setdefault(tag, gen)
        if state.until is not None:
            self.until = state.until if self.until is None else min(self.until, state.until)

    def state(self):
        return State(generations=dict(self.generations), until=self.until)


_collector = contextvars.ContextVar("dolisa_page_collector", default=None)


@contextlib.contextmanager
def collecting():
    collector = Collector()
    token = _collector.set(collector)
    try:
        yield collector
    finally:
        _collector.reset(token)


def shows(*things):
    """A view declares, before it reads them, the rows its page shows (beyond the blocks,
    which declare their own): the page may then be kept in the page cache until one changes."""
    collector = _collector.get()
    if collector is not None:
        collector.cacheable = True
        collector.add(state_of(things))


def public_page(*things):
    """Decorate a public view whose page may be kept in the page cache: it shows `things`
    (models or tags) besides the layout's blocks. Views without it are never kept."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            shows(*things)
            return view(request, *args, **kwargs)

        wrapped.public_page = True  # the page cache looks such pages up; no other
        return wrapped

    return decorate


def uncacheable(reason):
    """This page shows something of one visitor (or live state): never keep it."""
    collector = _collector.get()
    if collector is not None:
        collector.refused = reason


def _record(state):
    collector = _collector.get()
    if collector is not None:
        collector.add(state)


# --- Cached blocks -------------------------------------------------------------------


def cached(name, build, shows, timeout=BLOCK_SECONDS, vary="", record=True):
    """build() from the cache while none of `shows` (models or tags) has changed and
    for at most `timeout` seconds (the staleness allowed for live figures in it).

    A page showing the block is kept no longer than the block (so a figure is
    never older than `timeout`) and, with `record`, until one of its tags
    changes. `record=False` is for live figures refreshed by the clock alone
    (the visitor counter), whose changes must not empty the page cache.

    One process rebuilds at a time: the others wait for its result (up to
    WAIT_SECONDS) instead of all querying the database at once when a busy
    block expires.
    """
    state = state_of(shows)
    key = f"block:{name}:{vary}:{state.digest()}"
    collector = _collector.get()
    # Several blocks of a page show parts of one value: it is read once per request, and
    # each reader records what it shows (a kept rendered block must know, see rendered()).
    known = collector.values.get(key) if collector is not None else None
    if known is not None and (known[1].until is None or known[1].until > time.time()):
        _record(known[1])
        return known[0]
    entry = store.get(key)
    # Judged by this process's clock, not only by the cache's expiry (Redis keeps its own time).
    if entry is None or entry[0] <= time.time():
        entry = _build_once(key, build, state.seconds_left(timeout))
    expires, value = entry
    shown = State(generations=state.generations if record else {}, until=min(expires, state.until or expires))
    _record(shown)
    if collector is not None:
        collector.values[key] = (value, shown)
    return value


def rendered(name, render, shows=(), timeout=BLOCK_SECONDS):
    """The HTML render() makes, kept while everything it read through cached() (and `shows`,
    for what it takes from elsewhere) is unchanged and its clock moments have not come.

    For a block of the layout whose HTML depends on nothing of the visitor: rendering
    the blocks was most of what a page cost once its data came from the cache (the home
    page's teasers and pictures). What the render read is gathered as it runs, so the
    kept HTML follows the data exactly as the data's own cache does, live figures
    (``record=False``) included: the HTML is kept no longer than they are.
    """
    key = f"rendered:{name}"
    entry = store.get(key)
    if entry is not None:
        expires, state, html = entry
        if expires > time.time() and _unchanged(state):
            _record(State(generations=state.generations, until=min(expires, state.until or expires)))
            return html
    outer = _collector.get()
    inner = Collector(seen=outer.seen, values=outer.values) if outer is not None else Collector()
    token = _collector.set(inner)
    try:
        if shows:
            inner.add(state_of(shows))
        html = render()
    finally:
        _collector.reset(token)
    if outer is not None:
        outer.add(inner.state())
        outer.refused = outer.refused or inner.refused
    if inner.refused is None:
        state = inner.state()
        seconds = state.seconds_left(timeout)
        store.set(key, (time.time() + seconds, state, html), seconds)
    return html


def _unchanged(state):
    if state.until is not None and time.time() >= state.until:
        return False
    return generations(list(state.generations)) == state.generations


def _build_once(key, build, timeout):
    lock = key + ":building"
    if not store.add(lock, 1, LOCK_SECONDS):
        if store.get(lock) is not None:  # someone else is building it: wait for their result
            deadline = time.monotonic() + WAIT_SECONDS
            while time.monotonic() < deadline:
                time.sleep(WAIT_STEP)
                entry = store.get(key)
                if entry is not None and entry[0] > time.time():
                    return entry
            logger.warning("Cache: waited %.1f s for another process to build %s; building it here", WAIT_SECONDS, key)
        # The cache is unreachable or the other builder is slow: never fail the page.
        return time.time() + timeout, build()
    try:
        entry = (time.time() + timeout, build())
        store.set(key, entry, timeout)
        return entry
    finally:
        store.delete(lock)


# --- Writes --------------------------------------------------------------------------

# The statements Django writes rows with, and the table each names first.
_WRITE = re.compile(r'^\s*(?:UPDATE|INSERT\s+(?:OR\s+\w+\s+)?INTO|DELETE\s+FROM|REPLACE\s+INTO)\s+[`"]?(\w+)', re.I)
_TRUNCATE = re.compile(r"^\s*TRUNCATE\b", re.I)
_ASSIGNED = re.compile(r'(?:\bSET|,)\s*[`"]?(\w+)[`"]?\s*=(?!=)', re.I)
_WHERE = re.compile(r"\bWHERE\b", re.I)


def _tags_written(sql):
    """The watched tags a statement changes, from its text (Django's own SQL names the table first)."""
    if not sql or sql.lstrip()[:1] not in "UuIiDdRrTt":
        return ()
    match = _WRITE.match(sql)
    if match:
        spec = _tables.get(match.group(1).lower())
        if spec is None:
            return ()
        if spec.ignore_fields and sql.lstrip()[:6].upper() == "UPDATE":
            assignments = _WHERE.split(sql, 1)[0]
            columns = {name.lower() for name in _ASSIGNED.findall(assignments)}
            if columns and columns <= spec.ignore_fields:
                return ()  # a live figure (a view count) changed: shown at most a minute late, by design
        return (tag_of(spec.model),)
    if _TRUNCATE.match(sql):
        lowered = sql.lower()
        return tuple({tag_of(spec.model) for table, spec in _tables.items() if table in lowered})
    return ()


def _watch_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    tags = _tags_written(sql)
    if tags:
        changed(*tags)
    return result


def install(sender=None, connection=None, **kwargs):
    """Put the write watcher on a database connection (connected to ``connection_created``)."""
    if _watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch_writes)
