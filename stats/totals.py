"""The figures of the "Thông tin truy cập" widget.

Periods follow the calendar in Asia/Ho_Chi_Minh (weeks start on Monday).
Each figure is what the tables hold plus what still waits in the buffer, so
the widget is exact between flushes; the tables' part is cached until the
next flush, the next day or a minute has passed (whichever comes first: a
page that read the tables just before a flush cannot keep old figures long).
"""

import logging
from datetime import timedelta

from django.utils import timezone

from dolisa_site import caching

from . import clock
from .buffer import get_buffer
from .models import Baseline, DailyStat

logger = logging.getLogger(__name__)

PERIODS = ("today", "yesterday", "week", "month")


def periods(today):
    """Named (first day, last day) ranges ending with today."""
    return {
        "today": (today, today),
        "yesterday": (today - timedelta(days=1), today - timedelta(days=1)),
        "week": (today - timedelta(days=today.weekday()), today),
        "month": (today.replace(day=1), today),
    }


def stored_totals(today):
    """What the tables hold, cached until a flush or a baseline change writes them (or a minute).
    Not part of a cached page's dependencies: every flush would empty the page cache."""
    return caching.cached(
        "stats:stored-totals",
        lambda: _stored_totals(today),
        shows=[DailyStat, Baseline],
        timeout=60,
        vary=today.isoformat(),
        record=False,
    )


def _stored_totals(today):
    return {"day": today, **DailyStat.objects.page_view_totals(**periods(today))}


def counter(now=None):
    """{"online", "today", "yesterday", "week", "month", "all"} at a moment."""
    now = now or clock.now()
    today = timezone.localdate(now)
    stored = stored_totals(today)
    try:
        pending, online = get_buffer().snapshot(clock.epoch_minute(now))
    except Exception as exc:
        logger.error(
            "Visitor statistics: buffer unreadable, widget shows flushed figures: %s: %s", type(exc).__name__, exc
        )
        pending, online = {}, None
    figures = {"online": online, "all": stored["all"] + sum(pending.values())}
    for name, (first, last) in periods(today).items():
        figures[name] = stored[name] + sum(count for day, count in pending.items() if first <= day <= last)
    return figures


def widget_context(request):
    try:
        return {"counter": counter()}
    except Exception as exc:
        logger.error("Visitor statistics: widget left out: %s: %s", type(exc).__name__, exc)
        return None
