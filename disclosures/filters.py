import django_filters
from django.utils.translation import gettext_lazy as _

from dolisa_site.list_urls import kebab_case_names
from dolisa_site.lists import search_filter, year_choices

from .models import Disclosure, kinds_of


@kebab_case_names
class DisclosureFilter(django_filters.FilterSet):
    """One section's filters: its own kinds, the years it has published items for, and the search."""

    q = search_filter(_("Words of the title or summary"), _("e.g. du toan 2026"))
    loai = django_filters.ChoiceFilter(label=_("Kind"), field_name="kind", empty_label=_("All kinds"))
    nam = django_filters.ChoiceFilter(label=_("Year"), field_name="year", empty_label=_("All years"))

    class Meta:
        model = Disclosure
        fields = []

    def __init__(self, *args, section, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["loai"].extra["choices"] = kinds_of(section)
        self.filters["nam"].extra["choices"] = year_choices(Disclosure.objects.published().in_section(section), "year")
