from django.core.cache import cache
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from .filters import DocumentFilter
from .models import Document

PAGE_SIZE = 20
NEWEST_CACHE_KEY = "documents:newest:v1"
NEWEST_CACHE_SECONDS = 300


def document_list(request):
    documents = Document.objects.published().select_related("document_type", "issuing_body", "field").newest()
    catalogue = DocumentFilter(request.GET, queryset=documents)
    page = Paginator(catalogue.qs, PAGE_SIZE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return render(
        request,
        "documents/document_list.html",
        {
            "filter": catalogue,
            "page_obj": page,
            "query_string": query.urlencode(),
            "is_filtered": any(value for key, value in request.GET.items() if key != "trang"),
            "breadcrumbs": [(_("Documents"), None)],
        },
    )


def document_detail(request, slug):
    document = get_object_or_404(
        Document.objects.published().select_related("document_type", "issuing_body", "field"), slug=slug
    )
    related = (
        Document.objects.published().filter(field=document.field).exclude(pk=document.pk).newest()[:5]
        if document.field_id
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
    """Context for the home page block: the newest published documents, or no block.

    The home page is the busiest page, so the list is cached; saving a document
    drops it (signals.py) and the timeout brings in scheduled publications.
    """
    documents = cache.get(NEWEST_CACHE_KEY)
    if documents is None:
        documents = list(Document.objects.published().select_related("document_type").newest()[:5])
        cache.set(NEWEST_CACHE_KEY, documents, NEWEST_CACHE_SECONDS)
    return {"documents": documents} if documents else None
