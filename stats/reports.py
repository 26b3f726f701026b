"""Figures for the traffic dashboard, read from the flushed tables."""

from collections import defaultdict
from datetime import timedelta

from django.apps import apps
from django.db.models import Sum
from django.db.models.functions import TruncMonth

from .models import DailyStat, ObjectDailyView


def daily_series(last_day, days=30):
    """(date, page views, visitors) for each of the last `days` days, gaps as zero."""
    first_day = last_day - timedelta(days=days - 1)
    stored = {
        row["date"]: row
        for row in DailyStat.objects.between(first_day, last_day).values("date", "page_views", "visitors")
    }
    series = []
    for offset in range(days):
        day = first_day + timedelta(days=offset)
        row = stored.get(day, {})
        series.append((day, row.get("page_views", 0), row.get("visitors", 0)))
    return series


def month_starts(last_day, months):
    starts, month = [], last_day.replace(day=1)
    for _ in range(months):
        starts.append(month)
        month = (month - timedelta(days=1)).replace(day=1)
    return list(reversed(starts))


def monthly_series(last_day, months=12):
    """(first day of month, page views, visitors) for the last `months` months."""
    starts = month_starts(last_day, months)
    rows = (
        DailyStat.objects.between(starts[0], last_day)
        .annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(page_views=Sum("page_views"), visitors=Sum("visitors"))
    )
    stored = {row["month"]: row for row in rows}
    return [
        (start, stored.get(start, {}).get("page_views", 0), stored.get(start, {}).get("visitors", 0))
        for start in starts
    ]


def summary(first_day, last_day):
    totals = DailyStat.objects.between(first_day, last_day).aggregate(
        page_views=Sum("page_views", default=0),
        visitors=Sum("visitors", default=0),
        mobile_visitors=Sum("mobile_visitors", default=0),
    )
    totals["mobile_share"] = (
        round(100 * totals["mobile_visitors"] / totals["visitors"], 1) if totals["visitors"] else None
    )
    return totals


def top_objects(first_day, last_day, field="views", limit=10):
    """The most viewed objects of each model in a period, titled and linked.

    field="views" ranks what pages showed (e.g. articles); "views_within"
    ranks what they sat in (e.g. categories). Titles and links come from the
    models themselves, one query per model.
    """
    rows = (
        ObjectDailyView.objects.filter(date__range=(first_day, last_day))
        .values("model_label", "object_id")
        .annotate(total=Sum(field))
        .filter(total__gt=0)
        .order_by("-total", "model_label", "object_id")
    )
    by_label = defaultdict(list)
    for row in rows:
        if len(by_label[row["model_label"]]) < limit:
            by_label[row["model_label"]].append(row)
    groups = []
    for label, ranked in sorted(by_label.items()):
        model = _model(label)
        found = model._base_manager.in_bulk([row["object_id"] for row in ranked]) if model else {}
        groups.append(
            {
                "label": label,
                "title": model._meta.verbose_name_plural if model else label,
                "rows": [_describe(found.get(row["object_id"]), row) for row in ranked],
            }
        )
    return groups


def _model(label):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _describe(obj, row):
    url = None
    if obj is not None and hasattr(obj, "get_absolute_url"):
        url = obj.get_absolute_url()
    return {
        "object_id": row["object_id"],
        "title": str(obj) if obj is not None else None,
        "url": url,
        "views": row["total"],
    }
