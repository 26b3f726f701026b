"""The results widget in the public sidebar, read from the rollups."""

from dolisa_site import caching

from . import periods, rollups
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
    breakdown = rollups.Breakdown(DailyRollup.objects.all(), MonthlyRollup.objects.all(), period.first, period.last)
    return {"results": breakdown.total(), "results_period": period, "results_computed_at": breakdown.computed_at}
