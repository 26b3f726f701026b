"""Public pages: the catalogue, a procedure, the statistics and the dossier lookup."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from dolisa_site.throttle import Throttle

from . import charts, rollups
from .filters import FieldFilter, LookupForm, PeriodForm, ProcedureFilter
from .models import DailyRollup, Dossier, MonthlyRollup, Procedure
from .text import mask_name

PER_PAGE = 20
# Unknown codes tried from one address: enough for typing mistakes, too few to guess codes.
LOOKUP_GUESSES = Throttle("procedures-lookup", limit=10, window=15 * 60)


def catalogue(request):
    procedures = Procedure.objects.active().select_related("field")
    filterset = ProcedureFilter(request.GET or None, queryset=procedures)
    page = Paginator(filterset.qs, PER_PAGE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return render(
        request,
        "procedures/catalogue.html",
        {
            "filter": filterset,
            "page_obj": page,
            "query": query.urlencode(),
            "breadcrumbs": [(_("Administrative procedures"), None)],
        },
    )


def detail(request, code):
    procedure = get_object_or_404(
        Procedure.objects.active().select_related("field").prefetch_related("forms"), code=code
    )
    return render(
        request,
        "procedures/detail.html",
        {
            "procedure": procedure,
            "breadcrumbs": [
                (_("Administrative procedures"), "/thu-tuc-hanh-chinh/"),
                (procedure.field.name, f"/thu-tuc-hanh-chinh/?field={procedure.field_id}"),
                (procedure.name, None),
            ],
        },
    )


def statistics(request):
    period_form = PeriodForm(request.GET)
    period = period_form.period()
    data = request.GET or None
    filterset = FieldFilter(data, queryset=DailyRollup.objects.all())
    monthly = FieldFilter(data, queryset=MonthlyRollup.objects.all()).qs
    breakdown = rollups.Breakdown(filterset.qs, monthly, period.first, period.last)
    return render(
        request,
        "procedures/statistics.html",
        {
            "period_form": period_form,
            "filter": filterset,
            "period": period,
            "totals": breakdown.total(),
            "computed_at": breakdown.computed_at,
            "by_field": [
                (group["procedure__field__name"], figures) for group, figures in breakdown.by("procedure__field__name")
            ],
            "monthly_chart": charts.monthly(breakdown),
            "breadcrumbs": [
                (_("Administrative procedures"), "/thu-tuc-hanh-chinh/"),
                (_("Results statistics"), None),
            ],
        },
    )


def lookup(request):
    """A citizen follows their dossier by its code; the applicant's name stays masked."""
    form = LookupForm(request.GET or None)
    context = {"form": form, "breadcrumbs": [(_("Dossier lookup"), None)]}
    status = 200
    if form.is_bound:
        if LOOKUP_GUESSES.is_exceeded(request):
            context["throttled"] = True
            status = 429
        elif form.is_valid():
            dossier = (
                Dossier.objects.select_related("procedure")
                # Both spellings, so the lookup stays on the unique index.
                .filter(code__in={form.cleaned_data["code"], form.cleaned_data["code"].upper()})
                .first()
            )
            if dossier is None:
                LOOKUP_GUESSES.record(request)
                context["not_found"] = form.cleaned_data["code"]
            else:
                context["dossier"] = dossier
                context["masked_name"] = mask_name(dossier.applicant_name)
    return render(request, "procedures/lookup.html", context, status=status)
