"""The procedures' open datasets (dolisa_site.opendata): the results per period, field and channel, and the
procedures in force, each as JSON and CSV under /du-lieu-mo/.

The results are the dashboard's own figures (dashboard.build over the rollups), for the period and field
chosen with the public statistics page's parameters (filters.PeriodForm, filters.SectorFilter); a wrong
choice is a 400 with the Vietnamese reasons, never the figures of another period.
"""

import functools

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from dolisa_site import caching, opendata

from . import counting, dashboard, periods
from .filters import PeriodForm, SectorFilter
from .models import Channel, DailyRollup, MonthlyRollup, Procedure, Sector

RESULTS = "ket-qua-thu-tuc"
PROCEDURES = "thu-tuc-hanh-chinh"
# The figures of every row, in the JSON and as the CSV's columns.
FIGURES = (
    "received",
    "resolved",
    "early",
    "on_time",
    "late",
    "returned",
    "withdrawn",
    "pending_within",
    "pending_overdue",
    "early_percent",
    "on_time_percent",
    "late_percent",
    "average_processing_days",
)
PROCEDURE_COLUMNS = (
    "code",
    "name",
    "sector_id",
    "sector",
    "level",
    "level_name",
    "processing_days",
    "online_level",
    "online_level_name",
    "fees",
    "url",
)

COUNTING_RULES = gettext_lazy(
    "received: dossiers received in the period, by the day of receipt (Vietnam time). The outcomes count the "
    "dossiers whose result was given in the period, by the day of the result: resolved; early: resolved on an "
    "earlier day than the due date; on_time: resolved no later than the due time, the early ones included; "
    "late: resolved after the due time; returned and withdrawn are counted apart and are not resolved. "
    "pending_within and pending_overdue: dossiers received and still without a result at the end of the period "
    "(now, for a period not yet over), within their deadline or past it then (pending_at). Percentages are of "
    "the resolved dossiers, rounded half up, and empty when none was resolved; average_processing_days is the "
    "mean number of calendar days from receipt to result of the resolved ones. The figures are those of the "
    "department's dashboard, updated with every change to a dossier; an answer may be up to a minute old."
)


def figures_row(figures, pending):
    return {
        "received": figures.received,
        "resolved": figures.resolved,
        "early": figures.early,
        "on_time": figures.on_time,
        "late": figures.late,
        "returned": figures.returned,
        "withdrawn": figures.withdrawn,
        "pending_within": pending.within,
        "pending_overdue": pending.overdue,
        "early_percent": figures.early_percent,
        "on_time_percent": figures.on_time_percent,
        "late_percent": figures.late_percent,
        "average_processing_days": figures.average_processing_days,
    }


def results_data(period, sector):
    """The dataset's figures of `period` for one field (`sector`) or, with None, for the department."""
    query = {"linh-vuc": sector.pk} if sector else None
    shown = dashboard.build(period, query)
    sectors = [sector] if sector else list(Sector.objects.all())
    sector_of = dict(Procedure.objects.filter(id__in=shown.pending_by_procedure).values_list("id", "sector_id"))
    pending = {item.pk: counting.Pending() for item in sectors}
    for procedure_id, item in shown.pending_by_procedure.items():
        pending[sector_of[procedure_id]].within += item.within
        pending[sector_of[procedure_id]].overdue += item.overdue
    by_name = dict(shown.by_field)
    by_channel = []
    for channel in Channel:
        figures = dashboard.build(period, {**(query or {}), "kenh": channel.value})
        by_channel.append(
            {"code": channel.value, "name": str(channel.label), **figures_row(figures.figures, figures.pending)}
        )
    return {
        "shown": shown,
        "total": figures_row(shown.figures, shown.pending),
        "by_sector": [
            {
                "id": item.pk,
                "name": item.name,
                **figures_row(by_name.get(item.name, counting.Figures()), pending[item.pk]),
            }
            for item in sectors
        ],
        "by_channel": by_channel,
    }


def refused(forms):
    """A 400 naming, in Vietnamese, what is wrong with the query."""
    errors = [str(message) for form in forms for messages in form.errors.values() for message in messages]
    body = {"error": _("The query cannot be answered: %(reasons)s") % {"reasons": " ".join(errors)}, "errors": errors}
    return opendata.json_answer(body, status=400)


def results_view(answer):
    """A view of the results dataset: `answer(request, period_form, sector, period, data)` for a right
    query (data: results_data), a 400 naming what is wrong for a wrong one."""

    @require_safe
    @caching.public_page(Procedure, Sector, DailyRollup, MonthlyRollup)
    @functools.wraps(answer)
    def view(request):
        period_form = PeriodForm(request.GET)
        sector_filter = SectorFilter(request.GET or None, queryset=DailyRollup.objects.all())
        wrong = [form for form in (period_form, sector_filter.form) if form.is_bound and not form.is_valid()]
        if wrong:
            return refused(wrong)
        sector = sector_filter.form.cleaned_data.get("linh-vuc") if sector_filter.form.is_bound else None
        period = period_form.period()
        return answer(request, period_form, sector, period, results_data(period, sector))

    return view


@results_view
def results_json(request, period_form, sector, period, data):
    shown = data["shown"]
    body = {
        **opendata.heading(request, RESULTS),
        "period": {
            "kind": (period_form.cleaned_data.get("ky") if period_form.is_bound else None) or "nam",
            "label": period.label,
            "first": period.first.isoformat(),
            "last": period.last.isoformat(),
        },
        "filters": {"linh-vuc": {"id": sector.pk, "name": sector.name}} if sector else {},
        "generated_at": opendata.moment(shown.now),
        "figures_computed_at": opendata.moment(shown.computed_at),
        "pending_at": opendata.moment(shown.pending_at),
        "counting_rules": str(COUNTING_RULES),
        "total": data["total"],
        "by_sector": data["by_sector"],
        "by_channel": data["by_channel"],
    }
    return opendata.json_answer(body)


@results_view
def results_csv(request, period_form, sector, period, data):
    rows = [("scope", "id", "name", "first", "last", *FIGURES)]
    dates = (period.first.isoformat(), period.last.isoformat())
    rows.append(("total", "", "", *dates, *(data["total"][name] for name in FIGURES)))
    for scope, entry_key in (("sector", "id"), ("channel", "code")):
        for entry in data[f"by_{scope}"]:
            rows.append((scope, entry[entry_key], entry["name"], *dates, *(entry[name] for name in FIGURES)))
    return opendata.csv_answer(rows, f"{RESULTS}-{period.first:%Y%m%d}-{period.last:%Y%m%d}.csv")


def procedure_rows(request):
    rows = []
    for procedure in Procedure.objects.active().select_related("sector").order_by("code"):
        rows.append(
            {
                "code": procedure.code,
                "name": procedure.name,
                "sector_id": procedure.sector_id,
                "sector": procedure.sector.name,
                "level": procedure.level,
                "level_name": str(procedure.get_level_display()),
                "processing_days": procedure.processing_days,
                "online_level": procedure.online_level,
                "online_level_name": str(procedure.get_online_level_display()),
                "fees": procedure.fees,
                "url": request.build_absolute_uri(procedure.get_absolute_url()),
            }
        )
    return rows


@require_safe
@caching.public_page(Procedure, Sector)
def procedures_json(request):
    rows = procedure_rows(request)
    body = {
        **opendata.heading(request, PROCEDURES),
        "generated_at": opendata.moment(timezone.now()),
        "modified": opendata.moment(procedures_modified()),
        "count": len(rows),
        "procedures": rows,
    }
    return opendata.json_answer(body)


@require_safe
@caching.public_page(Procedure, Sector)
def procedures_csv(request):
    rows = [PROCEDURE_COLUMNS, *([row[name] for name in PROCEDURE_COLUMNS] for row in procedure_rows(request))]
    return opendata.csv_answer(rows, f"{PROCEDURES}.csv")


# --- The catalogue's entries ---------------------------------------------------


def results_modified():
    return MonthlyRollup.objects.aggregate(last=Max("computed_at"))["last"]


def procedures_modified():
    return Procedure.objects.active().aggregate(last=Max("updated_at"))["last"]


def results_examples():
    today = periods.today()
    quarter = (today.month - 1) // 3 + 1
    start = periods.this_year().first
    return [
        (periods.quarter(today.year, quarter).label, {"ky": "quy", "nam": today.year, "quy": quarter}),
        (periods.month(today.year, today.month).label, {"ky": "thang", "nam": today.year, "thang": today.month}),
        (
            periods.between(start, today).label,
            {"ky": "khoang", "tu-ngay": f"{start:%Y-%m-%d}", "den-ngay": f"{today:%Y-%m-%d}"},
        ),
    ]


def register():
    """The datasets in the catalogue (from ProceduresConfig.ready)."""
    opendata.register(
        RESULTS,
        title=gettext_lazy("Administrative procedure results by period, field and channel"),
        description=gettext_lazy(
            "Dossiers received and resolved, early, on time and late, returned and withdrawn, and those pending "
            "within and past their deadline at the end of the period: for the whole department, each field "
            "(lĩnh vực) and each channel (online, in person, by post)."
        ),
        frequency=gettext_lazy("Continuously: with every change to a dossier"),
        periodicity="R/PT1S",
        distributions=opendata.json_and_csv("procedures:open_results"),
        parameters=[
            opendata.Parameter(
                "ky",
                gettext_lazy(
                    "Kind of period: nam (year, the default), quy (quarter), thang (month), khoang (a range of days)."
                ),
            ),
            opendata.Parameter(
                "nam", gettext_lazy("Year, 2000 to 2100 (this year by default); with ky=nam, quy or thang.")
            ),
            opendata.Parameter("quy", gettext_lazy("Quarter, 1 to 4; with ky=quy.")),
            opendata.Parameter("thang", gettext_lazy("Month, 1 to 12; with ky=thang.")),
            opendata.Parameter("tu-ngay", gettext_lazy("First day, YYYY-MM-DD; with ky=khoang.")),
            opendata.Parameter(
                "den-ngay", gettext_lazy("Last day, YYYY-MM-DD; with ky=khoang, at most five years after the first.")
            ),
            opendata.Parameter(
                "linh-vuc", gettext_lazy("Only one field: its id, as listed in by_sector (the sector rows of the CSV).")
            ),
        ],
        counting_rules=COUNTING_RULES,
        examples=results_examples,
        modified=results_modified,
        shows=(Procedure, Sector, DailyRollup, MonthlyRollup),
    )
    opendata.register(
        PROCEDURES,
        title=gettext_lazy("Administrative procedures in force"),
        description=gettext_lazy(
            "Every procedure the department handles: code, name, field, level, processing time in working days, "
            "online service level, fees and the address of its page."
        ),
        frequency=gettext_lazy("When the catalogue changes"),
        periodicity="irregular",
        distributions=opendata.json_and_csv("procedures:open_procedures"),
        modified=procedures_modified,
        shows=(Procedure, Sector),
    )
