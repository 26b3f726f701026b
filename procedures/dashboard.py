"""The officials' dashboard (admin): one filtered view, shown as a page or exported."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import charts, counting, exports, rollups
from .filters import DimensionFilter, PeriodForm
from .models import Channel, DailyRollup, Dossier, MonthlyRollup

OVERDUE_SHOWN = 50
PERMISSION = "procedures.view_dashboard"


@dataclass
class View:
    """Everything the dashboard shows for one set of filters."""

    period: object
    figures: counting.Figures
    computed_at: object
    carried_over: int
    online_received: int
    pending: counting.Pending
    by_field: list
    by_procedure: list
    breakdown: rollups.Breakdown
    overdue: list
    now: object

    @property
    def online_percent(self):
        return counting.percent(self.online_received, self.figures.received)


def build(request):
    period_form = PeriodForm(request.GET)
    period = period_form.period()
    data = request.GET or None
    rollup_filter = DimensionFilter(data, queryset=DailyRollup.objects.all())
    dossiers = DimensionFilter(data, queryset=Dossier.objects.all()).qs
    daily = rollup_filter.qs
    monthly = DimensionFilter(data, queryset=MonthlyRollup.objects.all()).qs
    now = timezone.now()
    overdue = list(dossiers.overdue(now).select_related("procedure")[:OVERDUE_SHOWN])
    for dossier in overdue:
        dossier.days_overdue = (now - dossier.due_at).days
    breakdown = rollups.Breakdown(daily, monthly, period.first, period.last)
    by_channel = {group["channel"]: item for group, item in breakdown.by("channel")}
    view = View(
        period=period,
        figures=breakdown.total(),
        computed_at=breakdown.computed_at,
        carried_over=rollups.carried_over(daily, monthly, period.first),
        online_received=by_channel[Channel.ONLINE].received if Channel.ONLINE in by_channel else 0,
        pending=counting.pending(dossiers, now),
        by_field=[(group["procedure__field__name"], item) for group, item in breakdown.by("procedure__field__name")],
        by_procedure=[
            (group["procedure__code"], group["procedure__name"], item)
            for group, item in breakdown.by("procedure__code", "procedure__name")
        ],
        breakdown=breakdown,
        overdue=overdue,
        now=now,
    )
    return view, period_form, rollup_filter


def dashboard_view(admin_site):
    def dashboard(request):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        view, period_form, rollup_filter = build(request)
        export = request.GET.get("xuat")
        if export == "xlsx":
            response = HttpResponse(exports.workbook(view), content_type=exports.XLSX_TYPE)
            response["Content-Disposition"] = f'attachment; filename="{exports.file_name(view, "xlsx")}"'
            return response
        if export == "csv":
            response = HttpResponse(exports.csv_text(view), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="{exports.file_name(view, "csv")}"'
            return response
        query = request.GET.copy()
        query.pop("xuat", None)
        context = {
            **admin_site.each_context(request),
            "title": _("Administrative procedures dashboard"),
            # Leaders hold no model permissions; an empty model list beside the dashboard only confuses.
            "is_nav_sidebar_enabled": False,
            "view": view,
            "period_form": period_form,
            "filter": rollup_filter,
            "query": query.urlencode(),
            "monthly_chart": charts.monthly(view.breakdown),
            "on_time_chart": charts.on_time_rate(view.by_field),
        }
        return TemplateResponse(request, "admin/procedures/dashboard.html", context)

    return dashboard
