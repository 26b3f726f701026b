"""Cached blocks of scheduled content, read in one query with their model's next scheduled moment.

Rows that appear or go by the clock (an article scheduled for 9:00, a poll
that closes at noon) are watched with a due function
(``caching.watch(Model, due=...)``): before ``caching.cached()`` looks a block
up, it asks that function for the next such moment, once per change of the
model (the answer is kept in the cache until the moment comes). From a cold
cache that is a query of its own, right before the block's own.

A block that can find the moment in the query that reads its rows (a UNION
ALL member holding the next scheduled row, an aggregate beside them) saves
it: its model is watched through ``watch()`` here, and the block is cached
through ``cached(name, read, of=Model, shows=[...])``, where ``read(now)``
returns ``(moment, value)``: the block's value as of `now` and the moment
the plain due function answers at `now` (the same rows, the same rule: the
moment is kept for everything that shows the model, not only this block).

While such a block is looked up, the model's due function is answered by
``read`` and the block, if it has to be built, is built from that same
result, as of the same instant. Everywhere else (a page that shows the model,
another block) the plain due function runs as before. When the moment was
known but the block was not (it outlived its timeout), the block is built by
``read`` alone; when the block was kept but the moment was not (the cache
dropped it), ``read`` answers the moment and its value is not used.
"""

import contextvars

from django.db import models
from django.utils import timezone

from . import caching, text

_reading = contextvars.ContextVar("dolisa_scheduled_reading", default=None)
_UNREAD = object()


class _Reading:
    """The block being looked up: which model's moment its read() answers, and its value once read."""

    def __init__(self, tag, read):
        self.tag = tag
        self.read = read
        self.value = _UNREAD


def watch(model, due, **options):
    """``caching.watch(model, due=due, **options)``, letting blocks cached here answer `due` with their rows."""
    tag = caching.tag_of(model)

    def due_after(now):
        reading = _reading.get()
        if reading is None or reading.tag != tag or reading.value is not _UNREAD:
            return due(now)
        moment, reading.value = reading.read(now)
        return moment

    due_after.plain = due
    caching.watch(model, due=due_after, **options)


def cached(name, read, of, shows, **options):
    """``caching.cached(name, ..., shows=shows, **options)`` for a block built by ``read(now) -> (moment,
    value)``, whose moment is the next scheduled moment of `of` (watched through ``watch()``)."""
    if of not in shows:
        raise ValueError(f"The block {name} reads the schedule of {caching.tag_of(of)} but does not show it")
    reading = _Reading(caching.tag_of(of), read)

    def build():
        if reading.value is _UNREAD:  # the moment was known already: read the rows now
            return read(timezone.now())[1]
        return reading.value

    token = _reading.set(reading)
    try:
        return caching.cached(name, build, shows=shows, **options)
    finally:
        _reading.reset(token)


class PublishedFromQuerySet(models.QuerySet):
    """Rows shown from their ``published_at`` on while ``is_published`` (documents, albums): the
    one schedule rule of such models, with the two answers the cache needs about it."""

    def published(self, now=None):
        return self.filter(is_published=True, published_at__lte=now or timezone.now())

    def due_changes_after(self, now):
        """The next moment a row appears by schedule (cached lists follow it)."""
        return self.filter(is_published=True, published_at__gt=now).aggregate(models.Min("published_at"))[
            "published_at__min"
        ]

    def next_scheduled(self, now):
        """The pk of the next row to appear by schedule after `now`, as a query: the row whose
        published_at due_changes_after() answers, for a block that reads it with its own rows."""
        return self.filter(is_published=True, published_at__gt=now).order_by("published_at").values("pk")[:1]


class PublishableQuerySet(PublishedFromQuerySet):
    """Such rows that editors publish and withdraw in bulk and readers search (documents, disclosure
    items): the model keeps its searchable text in ``search_text`` (dolisa_site.text.search_form()),
    and a subclass names the order its lists show the newest first in."""

    newest_order = ["-published_at", "-pk"]

    def search(self, query):
        """Rows whose searchable text matches the query (dolisa_site.text.matching())."""
        return self.filter(text.matching("search_text", query))

    def newest(self):
        return self.order_by(*self.newest_order)

    def publish(self):
        """Put these rows on the site (each from its published_at). Returns how many."""
        return self.update(is_published=True)

    def withdraw(self):
        """Take these rows off the site. Returns how many."""
        return self.update(is_published=False)


class OpenWindowQuerySet(models.QuerySet):
    """Rows shown from their opening while ``is_published`` and open until their closing (polls,
    drafts for comment): the one window rule of such models, with the two answers the cache needs
    about it. A subclass names the two fields; `closing_optional` when an empty closing means open
    until an editor sets one."""

    opening_field = "opens_at"
    closing_field = "closes_at"
    closing_optional = False

    def published(self, now=None):
        return self.filter(is_published=True, **{f"{self.opening_field}__lte": now or timezone.now()})

    def open(self, now=None):
        now = now or timezone.now()
        not_closed = models.Q(**{f"{self.closing_field}__gt": now})
        if self.closing_optional:
            not_closed = models.Q(**{f"{self.closing_field}__isnull": True}) | not_closed
        return self.published(now).filter(not_closed)

    def due_changes_after(self, now):
        """The next moment a row opens or closes (cached pages and blocks follow it)."""
        moments = self.filter(is_published=True).aggregate(
            opens=models.Min(self.opening_field, filter=models.Q(**{f"{self.opening_field}__gt": now})),
            closes=models.Min(self.closing_field, filter=models.Q(**{f"{self.closing_field}__gt": now})),
        )
        return min((moment for moment in moments.values() if moment), default=None)

    def next_scheduled(self, now):
        """{field: the pk of the next row to open (the opening field) or to close (the closing field)
        after `now`}, as queries: the rows whose moments due_changes_after() answers, for a block that
        reads them with its own rows in one query."""
        published = self.filter(is_published=True)
        return {
            field: published.filter(**{f"{field}__gt": now}).order_by(field).values("pk")[:1]
            for field in (self.opening_field, self.closing_field)
        }
