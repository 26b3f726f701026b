import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from dolisa_site.list_urls import kebab_case_names

from .models import Disclosure, kinds_of


@kebab_case_names
class DisclosureFilter(django_filters.FilterSet):
    """One section's filters: its own kinds, the years it has published items for, and the search."""

    q = django_filters.CharFilter(
        label=_("Words of the title or summary"),
        method="search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("e.g. du toan 2026")}),
    )
    loai = django_filters.ChoiceFilter(label=_("Kind"), field_name="kind", empty_label=_("All kinds"))
    nam = django_filters.ChoiceFilter(label=_("Year"), field_name="year", empty_label=_("All years"))

    class Meta:
        model = Disclosure
        fields = []

    def __init__(self, *args, section, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["loai"].extra["choices"] = kinds_of(section)
        years = (
            Disclosure.objects.published()
            .in_section(section)
            .values_list("year", flat=True)
            .distinct()
            .order_by("-year")
        )
        self.filters["nam"].extra["choices"] = [(str(year), year) for year in years]

    def search(self, queryset, name, value):
        return queryset.search(value)
