"""The duty sections' part of the sitemap (assembled by dolisa_site/urls.py, see dolisa_site/sitemaps.py)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from dolisa_site.sitemaps import PkRangeSitemap

from .models import Disclosure, DisclosureSection


class DisclosureSitemap(PkRangeSitemap):
    """The published items (scheduled ones once their moment comes), by ranges of pk."""

    changefreq = "monthly"
    priority = 0.5
    shows = (Disclosure,)

    def items(self):
        return Disclosure.objects.published().only("section", "slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class SectionSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6
    shows = ()  # fixed addresses

    def items(self):
        return [None, *DisclosureSection]

    def location(self, section):
        return reverse("disclosures:section", args=[section]) if section else reverse("disclosures:index")


SITEMAPS = {"disclosures-index": SectionSitemap, "disclosures": DisclosureSitemap}
