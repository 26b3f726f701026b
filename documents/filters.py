import django_filters
from django import forms
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from dolisa_site.list_urls import kebab_case_names

from .models import Document, DocumentType, IssuingBody, Subject


@kebab_case_names
class DocumentFilter(django_filters.FilterSet):
    """The public catalogue's filters; parameter names are short and readable in addresses
    (``co-quan``, ``linh-vuc``: dolisa_site.list_urls)."""

    q = django_filters.CharFilter(
        label=_("Number, excerpt or keyword"),
        method="search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("e.g. 15/2024 or tro cap")}),
    )
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
        years = (
            Document.objects.published()
            .annotate(year=ExtractYear("issued_on"))
            .values_list("year", flat=True)
            .distinct()
            .order_by("-year")
        )
        self.filters["nam"].extra["choices"] = [(str(year), year) for year in years]

    def search(self, queryset, name, value):
        return queryset.search(value)
