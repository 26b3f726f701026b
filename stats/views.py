"""The traffic dashboard in the admin and its CSV export."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dolisa_site import charts, dashboards, exports

from . import clock, reports
from .forms import PeriodForm
from .models import DailyStat, FlushBatch

PERMISSION = "stats.view_traffic_dashboard"


def series():
    return [charts.Series(_("Page views"), "blue"), charts.Series(_("Visitors"), "orange")]


class TrafficDashboard(dashboards.DashboardView):
    permission = PERMISSION
    template_name = "admin/stats/traffic.html"
    title = gettext_lazy("Website traffic")
    period_form_class = PeriodForm
    old_parameters = {"start": "tu-ngay", "end": "den-ngay"}

    def page_context(self):
        start, end = self.period
        today = timezone.localdate(clock.now())
        days = [(date_format(day, "d/m"), *values) for day, *values in reports.daily_series(today, days=30)]
        months = [(date_format(month, "m/Y"), *values) for month, *values in reports.monthly_series(today, months=12)]
        return {
            "start": start,
            "end": end,
            "summary": reports.summary(start, end),
            "daily_chart": charts.grouped_bars(series(), days),
            "monthly_chart": charts.grouped_bars(series(), months),
            "top_viewed": reports.top_objects(start, end, "views"),
            "top_within": reports.top_objects(start, end, "views_within"),
            "last_flush": FlushBatch.objects.order_by("-flushed_at").first(),
        }


class TrafficCsv(TrafficDashboard):
    """The chosen period's days as CSV; a wrong period answers the dashboard's 400 page."""

    def export(self):
        start, end = self.period
        # The file says what it holds: its period first, then the table.
        rows = [
            [_("Period"), f"{start:%d/%m/%Y} – {end:%d/%m/%Y}"],
            [_("Date"), _("Page views"), _("Visitors"), _("Mobile visitors")],
        ]
        totals = [0, 0, 0]
        for row in DailyStat.objects.between(start, end).order_by("date"):
            values = [row.page_views, row.visitors, row.mobile_visitors]
            totals = [total + value for total, value in zip(totals, values)]
            rows.append([row.date.isoformat(), *values])
        rows.append([_("Total"), *totals])
        # BOM-CSV with every cell made safe (dolisa_site.exports).
        return exports.csv_response(rows, f"truy-cap-{start.isoformat()}-{end.isoformat()}.csv")
