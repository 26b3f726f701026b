from django.db.models import Value
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from dolisa_site import caching, scheduled
from dolisa_site.list_urls import PAGE, renamed_parameters
from dolisa_site.lists import PublicListView

from .filters import DocumentFilter
from .models import Attachment, Document, DocumentType, IssuingBody, Subject

PAGE_SIZE = 20
NEWEST_COUNT = 5  # on the home page
# What the catalogue pages show.
CATALOGUE = (Document, DocumentType, IssuingBody, Subject, Attachment)


class DocumentList(PublicListView):
    filterset_class = DocumentFilter
    template_name = "documents/document_list.html"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return Document.objects.published().select_related("document_type", "issuing_body", "subject").newest()

    def get_filterset_kwargs(self, filterset_class):
        # Always bound, as before: an empty query is an empty filter.
        return {**super().get_filterset_kwargs(filterset_class), "data": self.request.GET}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            is_filtered=any(value for key, value in self.request.GET.items() if key != PAGE),
            breadcrumbs=[(_("Documents"), None)],
            **kwargs,
        )


document_list = renamed_parameters({"trang": PAGE, "co_quan": "co-quan", "linh_vuc": "linh-vuc"})(
    caching.public_page(*CATALOGUE)(DocumentList.as_view())
)


@caching.public_page(*CATALOGUE)
def document_detail(request, slug):
    document = get_object_or_404(
        Document.objects.published().select_related("document_type", "issuing_body", "subject"), slug=slug
    )
    related = (
        Document.objects.published().filter(subject=document.subject).exclude(pk=document.pk).newest()[:5]
        if document.subject_id
        else []
    )
    return render(
        request,
        "documents/document_detail.html",
        {
            "document": document,
            "attachments": document.attachments.all(),
            "related": related,
            "breadcrumbs": [(_("Documents"), reverse("documents:list")), (document.number, None)],
        },
    )


def newest_block(request):
    """Context for the home page block: the newest published documents, or no block (cached: the home
    page is the busiest page)."""
    documents = scheduled.cached("documents:newest", _read_newest, of=Document, shows=[Document, DocumentType])
    return {"documents": documents} if documents else None


def _read_newest(now):
    """The next moment a document appears by schedule and the newest published documents as of
    `now`, in one query (dolisa_site.scheduled): the newest and the next scheduled one as the
    members of a UNION ALL, each labelled (each wrapped in "pk IN (…)": SQLite allows no LIMIT in
    the members of a compound query)."""
    parts = {
        "newest": Document.objects.published(now).newest().values("pk")[:NEWEST_COUNT],
        "next": Document.objects.next_scheduled(now),
    }
    members = [
        Document.objects.filter(pk__in=query).select_related("document_type").order_by().annotate(part=Value(name))
        for name, query in parts.items()
    ]
    rows = list(members[0].union(*members[1:], all=True))
    moment = next((row.published_at for row in rows if row.part == "next"), None)
    newest = sorted(
        (row for row in rows if row.part == "newest"), key=lambda row: (row.issued_on, row.pk), reverse=True
    )
    return moment, newest
