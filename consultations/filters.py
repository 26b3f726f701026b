import django_filters
from django import forms
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dolisa_site.list_urls import kebab_case_names

from .models import Draft

OPEN = "dang-lay-y-kien"
CLOSED = "da-het-han"


@kebab_case_names
class DraftFilter(django_filters.FilterSet):
    """The list's filters: ``trang-thai`` (open now or past its deadline), ``nam`` (the year it opened), ``q``."""

    q = django_filters.CharFilter(
        label=_("Title or keyword"),
        method="search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("e.g. dao tao nghe")}),
    )
    trang_thai = django_filters.ChoiceFilter(
        label=_("Status"),
        method="by_status",
        choices=[(OPEN, _("Open for comment")), (CLOSED, _("Comment period over"))],
        empty_label=_("All drafts"),
    )
    nam = django_filters.ChoiceFilter(label=_("Year"), field_name="open_from__year", empty_label=_("All years"))

    class Meta:
        model = Draft
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = (
            Draft.objects.published()
            .annotate(year=ExtractYear("open_from"))
            .values_list("year", flat=True)
            .distinct()
            .order_by("-year")
        )
        self.filters["nam"].extra["choices"] = [(str(year), year) for year in years]

    def search(self, queryset, name, value):
        return queryset.search(value)

    def by_status(self, queryset, name, value):
        now = timezone.now()
        return queryset.filter(open_until__gt=now) if value == OPEN else queryset.filter(open_until__lte=now)
