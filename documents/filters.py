import django_filters
from django.utils.translation import gettext_lazy as _

from dolisa_site.list_urls import kebab_case_names
from dolisa_site.lists import search_filter, year_choices

from .models import Document, DocumentType, IssuingBody, Subject


@kebab_case_names
class DocumentFilter(django_filters.FilterSet):
    """The public catalogue's filters; parameter names are short and readable in addresses
    (``co-quan``, ``linh-vuc``: dolisa_site.list_urls)."""

    q = search_filter(_("Number, excerpt or keyword"), _("e.g. 15/2024 or tro cap"))
    loai = django_filters.ModelChoiceFilter(
        label=_("Document type"),
        field_name="document_type",
        to_field_name="slug",
        queryset=DocumentType.objects.all(),
        empty_label=_("All types"),
    )
    co_quan = django_filters.ModelChoiceFilter(
        label=_("Issuing body"),
        field_name="issuing_body",
        to_field_name="slug",
        queryset=IssuingBody.objects.all(),
        empty_label=_("All issuing bodies"),
    )
    linh_vuc = django_filters.ModelChoiceFilter(
        label=_("Field"),
        field_name="subject",
        to_field_name="slug",
        queryset=Subject.objects.all(),
        empty_label=_("All fields"),
    )
    nam = django_filters.ChoiceFilter(label=_("Year issued"), field_name="issued_on__year", empty_label=_("All years"))

    class Meta:
        model = Document
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["nam"].extra["choices"] = year_choices(Document.objects.published(), "issued_on")
