"""The drafts' sections of the sitemap (assembled by dolisa_site/urls.py, see dolisa_site/sitemaps.py)."""

from dolisa_site.sitemaps import NamedPagesSitemap, PkRangeSitemap

from .models import Draft


class DraftSitemap(PkRangeSitemap):
    """The published drafts (open and closed), by ranges of pk."""

    changefreq = "weekly"
    priority = 0.6
    shows = (Draft,)

    def items(self):
        return Draft.objects.published().only("slug", "updated_at")

    def lastmod(self, draft):
        return draft.updated_at


class DraftListSitemap(NamedPagesSitemap):
    changefreq = "daily"
    priority = 0.6
    names = ["consultations:list"]


SITEMAPS = {"consultations-index": DraftListSitemap, "consultations": DraftSitemap}
