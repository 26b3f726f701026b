"""The officials' dashboard (admin): one filtered view, shown as a page or exported."""

from dataclasses import dataclass
from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from dolisa_site import dashboards
from dolisa_site import exports as files
from dolisa_site.list_urls import kebab_case_names

from . import charts, counting, exports, periods, report, rollups
from .filters import OLD_NAMES, DimensionFilter, PeriodForm
from .models import CalendarReview, DailyRollup, Dossier, MonthlyRollup, Procedure

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
class DashboardFigures:
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
    # {procedure id: counting.Pending at pending_at}, for every procedure with a dossier pending then
    pending_by_procedure: dict

    @property
    def online_percent(self):
        return counting.percent(self.online_received, self.figures.received)


def build(period, data):
    """The figures of `period` for the dimension filters of the query `data` (None: no filter)."""
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
    for procedure_id, field_name in Procedure.objects.filter(id__in=by_procedure).values_list("id", "sector__name"):
        if by_procedure[procedure_id].overdue:
            overdue_by_field[field_name] = overdue_by_field.get(field_name, 0) + by_procedure[procedure_id].overdue
    overdue = counting.with_days_overdue(overdue_query[:OVERDUE_SHOWN], moment)
    breakdown = rollups.Breakdown(daily, monthly, period.first, period.last)
    return DashboardFigures(
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
        by_field=[(group["procedure__sector__name"], item) for group, item in breakdown.by("procedure__sector__name")],
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
        pending_by_procedure=by_procedure,
    )


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


class ReportPeriodField(forms.CharField):
    """A period written DD/MM/YYYY-DD/MM/YYYY, as `report_choices` offers them."""

    def clean(self, value):
        text = super().clean(value)
        try:
            first, last = (datetime.strptime(part, "%d/%m/%Y").date() for part in text.split("-"))
        except ValueError:
            raise forms.ValidationError(_("Choose one of the reporting periods offered.")) from None
        if first > last or last - first > PeriodForm.longest:
            raise forms.ValidationError(_("Choose one of the reporting periods offered."))
        return periods.identify(first, last)


@kebab_case_names
class ReportForm(forms.Form):
    """The Decree 09/2019 report's period (?ky-bao-cao=DD/MM/YYYY-DD/MM/YYYY), read with ?xuat=bao-cao."""

    ky_bao_cao = ReportPeriodField(label=_("Official report, form II.06a/VPCP/KSTT"))


def old_names(query):
    """OLD_NAMES and the dashboard's own; the report's period was ``ky``, which now names the period's kind,
    so ``ky`` is old only in a report's address written before (xuat=bao-cao, no ky-bao-cao)."""
    names = {**OLD_NAMES, "procedure": "thu-tuc", "channel": "kenh", "level": "cap"}
    if query.get("xuat") == "bao-cao" and "ky-bao-cao" not in query:
        names["ky"] = "ky-bao-cao"
    return names


class ProceduresDashboard(dashboards.DashboardView):
    permission = PERMISSION
    template_name = "admin/procedures/dashboard.html"
    title = _("Administrative procedures dashboard")
    period_form_class = PeriodForm
    old_parameters = staticmethod(old_names)

    def read_query(self, query):
        self.filter = DimensionFilter(query or None, queryset=DailyRollup.objects.all())
        self.report_form = ReportForm(query if query.get("xuat") == "bao-cao" else None)
        return [*super().read_query(query), self.filter.form, self.report_form]

    @cached_property
    def shown(self):
        """The period's figures, filtered as asked; the whole department's when the query was refused."""
        return build(self.period, None if self.refused else (self.request.GET or None))

    def export(self):
        export = self.request.GET.get("xuat")
        if export == "xlsx":
            return files.xlsx_response(exports.workbook(self.shown), exports.file_name(self.shown, "xlsx"))
        if export == "csv":
            return files.csv_response(exports.csv_rows(self.shown), exports.file_name(self.shown, "csv"))
        if export == "bao-cao":
            # Of the filters only the field applies: the form's rows are the fields.
            result = report.build(
                self.report_form.cleaned_data["ky-bao-cao"], self.filter.form.cleaned_data.get("linh-vuc")
            )
            return files.xlsx_response(report.workbook(result), report.file_name(result))
        return None

    def page_context(self):
        view = self.shown
        outcome_rows = charts.outcome_rows(view.by_field, view.overdue_by_field)
        query = self.request.GET.copy()
        query.pop("xuat", None)
        return {
            "view": view,
            "filter": self.filter,
            "report_form": self.report_form,
            "query": query.urlencode(),
            "monthly_chart": charts.monthly(view.breakdown, view.period),
            "outcome_rows": outcome_rows,
            "outcome_chart": charts.outcome_shares(outcome_rows),
            "unreviewed_year": unreviewed_year(view.now),
            "report_choices": report_choices(view.period, timezone.localtime(view.now).date()),
            "report_field": self.request.GET.get("linh-vuc", ""),
        }
