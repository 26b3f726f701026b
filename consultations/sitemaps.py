"""The drafts' sections of the sitemap (assembled by dolisa_site/urls.py, see dolisa_site/sitemaps.py)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from dolisa_site.sitemaps import PkRangeSitemap

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


class DraftListSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6
    shows = ()  # a fixed address

    def items(self):
        return ["consultations:list"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"consultations-index": DraftListSitemap, "consultations": DraftSitemap}
