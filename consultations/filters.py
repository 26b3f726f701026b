import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dolisa_site.list_urls import kebab_case_names
from dolisa_site.lists import search_filter, year_choices

from .models import Draft

OPEN = "dang-lay-y-kien"
CLOSED = "da-het-han"


@kebab_case_names
class DraftFilter(django_filters.FilterSet):
    """The list's filters: ``trang-thai`` (open now or past its deadline), ``nam`` (the year it opened), ``q``."""

    q = search_filter(_("Title or keyword"), _("e.g. dao tao nghe"))
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
        self.filters["nam"].extra["choices"] = year_choices(Draft.objects.published(), "open_from")

    def by_status(self, queryset, name, value):
        now = timezone.now()
        return queryset.filter(open_until__gt=now) if value == OPEN else queryset.filter(open_until__lte=now)
