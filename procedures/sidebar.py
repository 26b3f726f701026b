"""The results widget in the public sidebar, read from the rollups."""

from django.core.cache import cache

from . import periods, rollups
from .models import DailyRollup, MonthlyRollup, ResultsWidget, WidgetPeriod

PERIODS = {
    WidgetPeriod.THIS_YEAR: periods.this_year,
    WidgetPeriod.LAST_12_MONTHS: periods.last_12_months,
    WidgetPeriod.THIS_QUARTER: periods.this_quarter,
    WidgetPeriod.THIS_MONTH: periods.this_month,
    WidgetPeriod.LAST_YEAR: periods.last_year,
}
# The widget is on every page; figures are cached until the rollups change
# (their version is in the key) or, at the latest, the period rolls over.
CACHE_SECONDS = 600


def widget_period(settings):
    if settings.period == WidgetPeriod.CUSTOM and settings.start and settings.end:
        return periods.between(settings.start, settings.end)
    return PERIODS.get(settings.period, periods.this_year)()


def results_widget_context(request):
    key = f"procedures:widget:{rollups.version()}:{periods.today().isoformat()}"
    context = cache.get(key)
    if context is None:
        settings = ResultsWidget.load()
        if not settings.is_visible:
            context = {"hidden": True}
        else:
            period = widget_period(settings)
            breakdown = rollups.Breakdown(
                DailyRollup.objects.all(), MonthlyRollup.objects.all(), period.first, period.last
            )
            context = {
                "results": breakdown.total(),
                "results_period": period,
                "results_computed_at": breakdown.computed_at,
            }
        cache.set(key, context, CACHE_SECONDS)
    return None if context.get("hidden") else context
