"""Public pages: the catalogue, a procedure, the statistics and the dossier lookup."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from dolisa_site import caching
from dolisa_site.list_urls import PAGE, renamed_parameters
from dolisa_site.lists import PublicListView
from dolisa_site.throttle import Throttle

from . import charts, phones, rollups
from .filters import OLD_NAMES, LookupForm, PeriodForm, ProcedureFilter, SectorFilter
from .models import DailyRollup, Dossier, DownloadableForm, MonthlyRollup, Procedure, Sector
from .privacy import mask_name

PER_PAGE = 20
# Every lookup counts, found or not: enough for a citizen and their typing
# mistakes, too few to list who applied for what. Per visitor, and for the
# whole site against lookups spread over many addresses.
LOOKUPS = Throttle("procedures-lookup", limit=10, window=15 * 60)
LOOKUPS_SITE = Throttle("procedures-lookup", limit=600, window=15 * 60, per_visitor=False)
# A dossier imported without a phone number is shown by its code alone:
# codes are sequential, so these answers are rationed much harder.
CODE_ONLY = Throttle("procedures-lookup-code-only", limit=3, window=60 * 60)
CODE_ONLY_SITE = Throttle("procedures-lookup-code-only", limit=60, window=60 * 60, per_visitor=False)


def over_limit(request, visitor, site):
    """Count a lookup for the visitor and, while they are within their limit, for the site.

    A visitor already refused adds nothing to the site's count, so one client
    cannot use up everyone's lookups.
    """
    return visitor.hit(request) or site.hit(request)


class Catalogue(PublicListView):
    filterset_class = ProcedureFilter
    template_name = "procedures/catalogue.html"
    paginate_by = PER_PAGE

    def get_queryset(self):
        return Procedure.objects.active().select_related("sector")

    def get_context_data(self, **kwargs):
        return super().get_context_data(breadcrumbs=[(_("Administrative procedures"), None)], **kwargs)


catalogue = renamed_parameters({"trang": PAGE, "field": "linh-vuc", "level": "cap", "online_level": "muc-do"})(
    caching.public_page(Procedure, Sector, DownloadableForm)(Catalogue.as_view())
)


@caching.public_page(Procedure, Sector, DownloadableForm)
def detail(request, code):
    procedure = get_object_or_404(
        Procedure.objects.active().select_related("sector").prefetch_related("forms"), code=code
    )
    catalogue_url = reverse("procedures:catalogue")
    return render(
        request,
        "procedures/detail.html",
        {
            "procedure": procedure,
            "breadcrumbs": [
                (_("Administrative procedures"), catalogue_url),
                (procedure.sector.name, f"{catalogue_url}?linh-vuc={procedure.sector_id}"),
                (procedure.name, None),
            ],
        },
    )


@renamed_parameters(OLD_NAMES)
@caching.public_page(Sector, DailyRollup, MonthlyRollup)
def statistics(request):
    period_form = PeriodForm(request.GET)
    filterset = SectorFilter(request.GET or None, queryset=DailyRollup.objects.all())
    # The dashboards' rule (dolisa_site.dashboards): a wrong choice is a 400 that explains it over this year's
    # figures for the whole department, so a mistyped address is neither kept by the page cache nor indexed.
    refused = any(form.is_bound and not form.is_valid() for form in (period_form, filterset.form))
    period = period_form.default() if refused else period_form.period()
    data = None if refused else (request.GET or None)
    daily = SectorFilter(data, queryset=DailyRollup.objects.all()).qs
    monthly = SectorFilter(data, queryset=MonthlyRollup.objects.all()).qs
    breakdown = rollups.Breakdown(daily, monthly, period.first, period.last)
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
                (group["procedure__sector__name"], figures)
                for group, figures in breakdown.by("procedure__sector__name")
            ],
            "monthly_chart": charts.monthly(breakdown, period),
            "breadcrumbs": [
                (_("Administrative procedures"), reverse("procedures:catalogue")),
                (_("Results statistics"), None),
            ],
        },
        status=400 if refused else 200,
    )


@renamed_parameters({"code": "ma"})
@require_http_methods(["GET", "POST"])
@caching.public_page()
def lookup(request):
    """A citizen follows their dossier by its code and the last four digits of their phone number.

    The answer shows the masked name, the procedure, the dates and the status,
    so it is given only for the right code and digits (a wrong code and wrong
    digits get the same answer), and every lookup is throttled. Dossiers
    imported without a phone number are found by code alone, under a stricter
    limit. The form is sent by POST so that the digits stay out of addresses
    and logs; a link with ?ma= only fills the code in (``ma``, as in the question tracking).
    """
    data = request.POST if request.method == "POST" else None
    form = LookupForm(data, initial={"ma": request.GET.get("ma", "")[:60]})
    context = {"form": form, "breadcrumbs": [(_("Dossier lookup"), None)]}
    if not form.is_bound or not form.is_valid():
        return render(request, "procedures/lookup.html", context, status=400 if form.is_bound else 200)
    code, digits = form.cleaned_data["ma"], form.cleaned_data["phone"]
    if over_limit(request, LOOKUPS, LOOKUPS_SITE):
        return throttled(request, context)
    dossier = (
        Dossier.objects.select_related("procedure")
        # Both spellings, so the lookup stays on the unique index.
        .filter(code__in={code, code.upper()})
        .first()
    )
    if dossier is not None and dossier.has_phone:
        if not dossier.phone_matches(digits):
            dossier = None
    elif dossier is not None and over_limit(request, CODE_ONLY, CODE_ONLY_SITE):
        return throttled(request, context)
    if dossier is None:
        phones.check_value(code, digits or "0000")  # the same work as a check, so timing tells nothing
        context["not_found"] = code
    else:
        context["dossier"] = dossier
        context["masked_name"] = mask_name(dossier.applicant_name)
    return render(request, "procedures/lookup.html", context)


def throttled(request, context):
    return render(request, "procedures/lookup.html", {**context, "throttled": True}, status=429)
