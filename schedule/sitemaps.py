"""The schedule's sections of the sitemap (assembled by dolisa_site/urls.py, see dolisa_site/sitemaps.py)."""

from dolisa_site.sitemaps import NamedPagesSitemap, PkRangeSitemap

from .models import Week


class CurrentWeekSitemap(NamedPagesSitemap):
    changefreq = "daily"
    priority = 0.6
    names = ["schedule:current"]


class WeekSitemap(PkRangeSitemap):
    """The published weeks, by ranges of pk."""

    changefreq = "weekly"
    priority = 0.4
    shows = (Week,)

    def items(self):
        return Week.objects.published().only("starts_on")


SITEMAPS = {"schedule-index": CurrentWeekSitemap, "schedule-weeks": WeekSitemap}
