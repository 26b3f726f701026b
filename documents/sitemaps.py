"""The documents' sections of the sitemap (assembled by dolisa_site/urls.py, see dolisa_site/sitemaps.py)."""

from dolisa_site.sitemaps import NamedPagesSitemap, PkRangeSitemap

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


class DocumentListSitemap(NamedPagesSitemap):
    changefreq = "daily"
    priority = 0.7
    names = ["documents:list"]


SITEMAPS = {"documents-index": DocumentListSitemap, "documents": DocumentSitemap}
