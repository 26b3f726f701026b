"""The results widget in the public sidebar, read from the rollups."""

from django.db.models import Max, Sum, Value

from dolisa_site import caching

from . import periods, rollups
from .counting import Figures
from .models import DailyRollup, MonthlyRollup, ResultsWidget, WidgetPeriod

PERIODS = {
    WidgetPeriod.THIS_YEAR: periods.this_year,
    WidgetPeriod.LAST_12_MONTHS: periods.last_12_months,
    WidgetPeriod.THIS_QUARTER: periods.this_quarter,
    WidgetPeriod.THIS_MONTH: periods.this_month,
    WidgetPeriod.LAST_YEAR: periods.last_year,
}
# The widget is on every page; its figures are cached until the rollups or its
# settings change, the day (and so the period) rolls over, or a minute has
# passed: the pending figures count live against the clock.
CACHE_SECONDS = 60


def widget_period(settings):
    if settings.period == WidgetPeriod.CUSTOM and settings.start and settings.end:
        return periods.between(settings.start, settings.end)
    return PERIODS.get(settings.period, periods.this_year)()


def results_widget_context(request):
    context = caching.cached(
        "procedures:widget",
        _widget,
        shows=[DailyRollup, MonthlyRollup, ResultsWidget],
        timeout=CACHE_SECONDS,
        vary=periods.today().isoformat(),
    )
    return None if context.get("hidden") else context


def _widget():
    settings = ResultsWidget.load()
    if not settings.is_visible:
        return {"hidden": True}
    period = widget_period(settings)
    results, computed_at = totals(period.first, period.last)
    return {"results": results, "results_period": period, "results_computed_at": computed_at}


def totals(first, last):
    """The figures of the local days first..last and when they were computed, in one query.

    The rows rollups.Breakdown reads (the whole months from the monthly rollups, the
    ragged ends from the daily ones), summed by the database, each part a member of
    one UNION ALL: the widget shows only their total, not what it is made of.
    """
    months, edges = rollups.split(first, last)
    parts = [DailyRollup.objects.filter(day__gte=start, day__lte=end) for start, end in edges]
    if months:
        parts.insert(0, MonthlyRollup.objects.filter(month__gte=months[0], month__lt=months[1]))
    # One row each: grouped by a constant, that is by nothing.
    members = [
        rows.order_by()
        .annotate(part=Value(1))
        .values("part")
        .annotate(**{name: Sum(name) for name in rollups.COUNTS}, computed_at=Max("computed_at"))
        for rows in parts
    ]
    found = list(members[0].union(*members[1:], all=True))
    summed = {name: sum(row[name] or 0 for row in found) for name in rollups.COUNTS}
    return Figures.from_row(summed), max((row["computed_at"] for row in found if row["computed_at"]), default=None)
