"""The documents' sections of the sitemap (assembled by dolisa_site/urls.py, see dolisa_site/sitemaps.py)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from dolisa_site.sitemaps import PkRangeSitemap

from .models import Document


class DocumentSitemap(PkRangeSitemap):
    """The published documents (scheduled ones once their moment comes), by ranges of pk."""

    changefreq = "monthly"
    priority = 0.6
    shows = (Document,)

    def items(self):
        return Document.objects.published().only("slug", "updated_at")

    def lastmod(self, document):
        return document.updated_at


class DocumentListSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.7
    shows = ()  # a fixed address

    def items(self):
        return ["documents:list"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"documents-index": DocumentListSitemap, "documents": DocumentSitemap}
