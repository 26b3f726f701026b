"""The schedule's sections of the sitemap (assembled by dolisa_site/urls.py, see dolisa_site/sitemaps.py)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from dolisa_site.sitemaps import PkRangeSitemap

from .models import Week


class CurrentWeekSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6
    shows = ()  # a fixed address

    def items(self):
        return ["schedule:current"]

    def location(self, name):
        return reverse(name)


class WeekSitemap(PkRangeSitemap):
    """The published weeks, by ranges of pk."""

    changefreq = "weekly"
    priority = 0.4
    shows = (Week,)

    def items(self):
        return Week.objects.published().only("starts_on")


SITEMAPS = {"schedule-index": CurrentWeekSitemap, "schedule-weeks": WeekSitemap}
