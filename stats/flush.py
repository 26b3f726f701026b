"""Moving buffered counts into the tables, exactly once.

Each flush takes the live counters as a new batch (atomically, see
buffer.py) and applies every pending batch in one transaction per batch,
recording the batch in FlushBatch inside that transaction: a batch left in
the cache by a crash after its commit is recognised and dropped, not added
again. A lock in the cache keeps two processes from flushing at once.
"""

import logging
from collections import defaultdict
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.db.models import F

from . import clock, counters
from .buffer import get_buffer
from .models import DailyStat, FlushBatch, ObjectDailyView

logger = logging.getLogger(__name__)

BATCH_RECORDS_KEPT = timedelta(days=30)


def is_due(born_ts, moment):
    """Whether the oldest unflushed count is STATS_FLUSH_AFTER seconds old."""
    return moment.timestamp() - born_ts >= settings.STATS_FLUSH_AFTER


def flush(buffer=None):
    """Write every buffered count to the tables.

    Returns the number of page views written, or None when another process
    holds the flush lock (its flush covers these counts).
    """
    buffer = buffer or get_buffer()
    with buffer.lock() as acquired:
        if not acquired:
            return None
        written = 0
        for batch in buffer.take():
            written += apply(batch)
            buffer.done(batch.batch_id)
        return written


def flush_after_response():
    try:
        flush()
    except Exception as exc:
        logger.error(
            "Visitor statistics: flush failed, counts stay buffered for the next one: %s: %s", type(exc).__name__, exc
        )


@transaction.atomic
def apply(batch):
    days = defaultdict(lambda: defaultdict(int))
    for name, count in batch.days.items():
        kind, day = counters.parse_day_field(name)
        days[day][kind] += count
    page_views = sum(kinds[counters.PAGE_VIEWS] for kinds in days.values())
    _record, created = FlushBatch.objects.get_or_create(batch_id=batch.batch_id, defaults={"page_views": page_views})
    if not created:
        logger.warning(
            "Visitor statistics: batch %s was already written before; dropped its cached copy", batch.batch_id
        )
        return 0
    add_daily(days)
    objects = defaultdict(lambda: defaultdict(int))
    for name, count in batch.objects.items():
        kind, day, label, pk = counters.parse_object_field(name)
        objects[(day, label, pk)][kind] += count
    add_object_views(objects)
    add_view_counts(objects)
    FlushBatch.objects.filter(flushed_at__lt=clock.now() - BATCH_RECORDS_KEPT).delete()
    return page_views


def add_daily(days):
    DailyStat.objects.bulk_create([DailyStat(date=day) for day in days], ignore_conflicts=True)
    for day, kinds in days.items():
        DailyStat.objects.filter(date=day).update(
            page_views=F("page_views") + kinds[counters.PAGE_VIEWS],
            visitors=F("visitors") + kinds[counters.VISITORS],
            mobile_visitors=F("mobile_visitors") + kinds[counters.MOBILE_VISITORS],
        )


def add_object_views(objects):
    ObjectDailyView.objects.bulk_create(
        [ObjectDailyView(date=day, model_label=label, object_id=pk) for day, label, pk in objects],
        ignore_conflicts=True,
    )
    for (day, label, pk), kinds in objects.items():
        ObjectDailyView.objects.filter(date=day, model_label=label, object_id=pk).update(
            views=F("views") + kinds[counters.VIEWS],
            views_within=F("views_within") + kinds[counters.VIEWS_WITHIN],
        )


def add_view_counts(objects):
    """Add views to the shown model's own view_count, where it has one."""
    increments = defaultdict(lambda: defaultdict(int))  # label -> pk -> views
    for (_day, label, pk), kinds in objects.items():
        if kinds[counters.VIEWS]:
            increments[label][pk] += kinds[counters.VIEWS]
    for label, by_pk in increments.items():
        model = model_with_view_count(label)
        if model is None:
            continue
        # One UPDATE per distinct increment, not per object.
        by_increment = defaultdict(list)
        for pk, views in by_pk.items():
            by_increment[views].append(pk)
        for views, pks in by_increment.items():
            model._base_manager.filter(pk__in=pks).update(view_count=F("view_count") + views)


def model_with_view_count(label):
    try:
        model = apps.get_model(label)
        model._meta.get_field("view_count")
    except (LookupError, ValueError, FieldDoesNotExist):
        return None
    return model
