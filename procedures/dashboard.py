"""The officials' dashboard (admin): one filtered view, shown as a page or exported."""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from dolisa_site import exports as files

from . import charts, counting, exports, periods, report, rollups
from .filters import DimensionFilter, PeriodForm
from .models import CalendarReview, DailyRollup, Dossier, Field, MonthlyRollup, Procedure

OVERDUE_SHOWN = 50
# What the overdue list and its Excel sheet show: not the procedures' long texts.
OVERDUE_COLUMNS = ("id", "code", "channel", "received_at", "due_at", "status", "applicant_name", "procedure__name")
PERMISSION = "procedures.view_dashboard"
# From this month on, the coming year's calendar should have been checked against the announcements.
REVIEW_FROM_MONTH = 11


def unreviewed_year(now):
    """The coming year, when its calendar has not been marked reviewed and it is time to; else None."""
    today = timezone.localtime(now).date()
    if today.month < REVIEW_FROM_MONTH or CalendarReview.objects.filter(year=today.year + 1).exists():
        return None
    return today.year + 1


@dataclass
class View:
    """Everything the dashboard shows for one set of filters."""

    period: object
    figures: counting.Figures
    computed_at: object
    carried_over: int
    online_received: int
    pending: counting.Pending
    # The pending figures are counted at this moment: the period's end, or now for the current period.
    pending_at: object
    pending_is_now: bool
    by_field: list
    by_procedure: list
    breakdown: rollups.Breakdown
    overdue: list
    overdue_query: object
    now: object
    # [(label, value)] of the filters applied, in the form's order; empty for the whole department.
    filters: list
    # {field name: dossiers pending overdue at pending_at}
    overdue_by_field: dict

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
    moment, is_now = counting.pending_moment(period, now)
    overdue_query = counting.overdue_at(dossiers, moment).select_related("procedure").only(*OVERDUE_COLUMNS)
    # The pending figures and the overdue ones by field, from one pass over the pending dossiers.
    by_procedure = counting.pending_by_procedure(dossiers, moment)
    overdue_by_field = {}
    for procedure_id, field_name in Procedure.objects.filter(id__in=by_procedure).values_list("id", "field__name"):
        if by_procedure[procedure_id].overdue:
            overdue_by_field[field_name] = overdue_by_field.get(field_name, 0) + by_procedure[procedure_id].overdue
    overdue = counting.with_days_overdue(overdue_query[:OVERDUE_SHOWN], moment)
    breakdown = rollups.Breakdown(daily, monthly, period.first, period.last)
    view = View(
        period=period,
        figures=breakdown.total(),
        computed_at=breakdown.computed_at,
        carried_over=rollups.carried_over(daily, monthly, period.first),
        online_received=breakdown.online_received(),
        pending=counting.Pending(
            within=sum(item.within for item in by_procedure.values()),
            overdue=sum(item.overdue for item in by_procedure.values()),
        ),
        pending_at=moment,
        pending_is_now=is_now,
        by_field=[(group["procedure__field__name"], item) for group, item in breakdown.by("procedure__field__name")],
        by_procedure=[
            (group["procedure__code"], group["procedure__name"], item)
            for group, item in breakdown.by("procedure__code", "procedure__name")
        ],
        breakdown=breakdown,
        overdue=overdue,
        overdue_query=overdue_query,
        now=now,
        filters=applied_filters(rollup_filter),
        overdue_by_field=overdue_by_field,
    )
    return view, period_form, rollup_filter


def applied_filters(dimension_filter):
    """[(label, shown value)] of the dimension filters that hold a value."""
    form = dimension_filter.form
    if not form.is_valid():
        return []
    applied = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if value in (None, ""):
            continue
        shown = dict(field.choices).get(value, value) if hasattr(field, "choices") and isinstance(value, str) else value
        applied.append((str(field.label), str(shown)))
    return applied


def report_choices(period, today):
    """[(value, label)]: the dashboard's period, then the Decree 09/2019 periods around today."""
    choices = []
    for item in [period, *periods.report_periods(today)]:
        value = f"{item.first:%d/%m/%Y}-{item.last:%d/%m/%Y}"
        label = f"{item.label} ({item.first:%d/%m/%Y} – {item.last:%d/%m/%Y})"
        if value not in dict(choices):
            choices.append((value, label))
    return choices


def report_period(request, default):
    """The period of ?ky=DD/MM/YYYY-DD/MM/YYYY, else the dashboard's."""
    try:
        first, last = (datetime.strptime(part, "%d/%m/%Y").date() for part in request.GET.get("ky", "").split("-"))
    except ValueError:
        return default
    return periods.identify(first, last) if first <= last else default


def report_response(request, view):
    field = (
        Field.objects.filter(pk=request.GET.get("field")).first() if request.GET.get("field", "").isdigit() else None
    )
    result = report.build(report_period(request, view.period), field)
    return files.xlsx_response(report.workbook(result), report.file_name(result))


def dashboard_view(admin_site):
    def dashboard(request):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        view, period_form, rollup_filter = build(request)
        outcome_rows = charts.outcome_rows(view.by_field, view.overdue_by_field)
        export = request.GET.get("xuat")
        if export == "xlsx":
            return files.xlsx_response(exports.workbook(view), exports.file_name(view, "xlsx"))
        if export == "bao-cao":
            return report_response(request, view)
        if export == "csv":
            return files.csv_response(exports.csv_rows(view), exports.file_name(view, "csv"))
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
            "outcome_rows": outcome_rows,
            "on_time_chart": charts.outcome_shares(outcome_rows),
            "unreviewed_year": unreviewed_year(view.now),
            "report_choices": report_choices(view.period, timezone.localtime(view.now).date()),
            "report_field": request.GET.get("field", ""),
        }
        return TemplateResponse(request, "admin/procedures/dashboard.html", context)

    return dashboard
