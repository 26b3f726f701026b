"""The traffic dashboard in the admin and its CSV export."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from dolisa_site import exports

from . import charts, clock, reports
from .forms import PeriodForm
from .models import DailyStat, FlushBatch

PERMISSION = "stats.view_traffic_dashboard"
DEFAULT_DAYS = 30


def chosen_period(request, today):
    """The period asked for in the query string, else the last 30 days."""
    default = (today - timedelta(days=DEFAULT_DAYS - 1), today)
    if "start" not in request.GET and "end" not in request.GET:
        return PeriodForm(initial={"start": default[0], "end": default[1]}), default
    form = PeriodForm(request.GET)
    if form.is_valid():
        return form, (form.cleaned_data["start"], form.cleaned_data["end"])
    return form, default


def dashboard(request, admin_site):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    today = timezone.localdate(clock.now())
    form, (start, end) = chosen_period(request, today)
    days = [(date_format(day, "d/m"), *values) for day, *values in reports.daily_series(today, days=30)]
    months = [(date_format(month, "m/Y"), *values) for month, *values in reports.monthly_series(today, months=12)]
    context = {
        **admin_site.each_context(request),
        "title": _("Website traffic"),
        # The admin's app list would only tell leaders they may edit nothing.
        "is_nav_sidebar_enabled": False,
        "form": form,
        "start": start,
        "end": end,
        "summary": reports.summary(start, end),
        "daily": days,
        "daily_chart": charts.bars(days, label_every=5),
        "monthly": months,
        "monthly_chart": charts.bars(months),
        "top_viewed": reports.top_objects(start, end, "views"),
        "top_within": reports.top_objects(start, end, "views_within"),
        "last_flush": FlushBatch.objects.order_by("-flushed_at").first(),
    }
    status = 400 if form.is_bound and not form.is_valid() else 200
    return TemplateResponse(request, "admin/stats/traffic.html", context, status=status)


def export_csv(request, admin_site):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    form, (start, end) = chosen_period(request, timezone.localdate(clock.now()))
    if form.is_bound and not form.is_valid():
        return dashboard(request, admin_site)
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
