from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from dolisa_site import caching
from dolisa_site.list_urls import PAGE
from dolisa_site.lists import PublicListView

from .filters import DisclosureFilter
from .models import Attachment, Disclosure, DisclosureSection

PAGE_SIZE = 20
SHOWN = (Disclosure, Attachment)


def section_of(slug):
    try:
        return DisclosureSection(slug)
    except ValueError:
        raise Http404("No such section") from None


@caching.public_page(*SHOWN)
def index(request):
    counts = dict(Disclosure.objects.published().values_list("section").annotate(count=Count("pk")).order_by())
    sections = [(section, counts.get(section.value, 0)) for section in DisclosureSection]
    return render(
        request,
        "disclosures/index.html",
        {"sections": sections, "breadcrumbs": [(_("Public disclosures"), None)]},
    )


class SectionList(PublicListView):
    filterset_class = DisclosureFilter
    template_name = "disclosures/section.html"
    paginate_by = PAGE_SIZE

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.section = section_of(kwargs["section"])

    def get_queryset(self):
        return Disclosure.objects.published().in_section(self.section).newest()

    def get_filterset_kwargs(self, filterset_class):
        # Always bound: an empty query is an empty filter.
        return {**super().get_filterset_kwargs(filterset_class), "data": self.request.GET, "section": self.section}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            section=self.section,
            is_filtered=any(value for key, value in self.request.GET.items() if key != PAGE),
            breadcrumbs=[(_("Public disclosures"), reverse("disclosures:index")), (self.section.label, None)],
            **kwargs,
        )


section_list = caching.public_page(*SHOWN)(SectionList.as_view())


@caching.public_page(*SHOWN)
def detail(request, section, slug):
    section = section_of(section)
    item = get_object_or_404(Disclosure.objects.published().in_section(section), slug=slug)
    return render(
        request,
        "disclosures/detail.html",
        {
            "item": item,
            "section": section,
            "attachments": item.attachments.all(),
            "breadcrumbs": [
                (_("Public disclosures"), reverse("disclosures:index")),
                (section.label, reverse("disclosures:section", args=[section])),
                (item.title, None),
            ],
        },
    )
