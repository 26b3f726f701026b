"""The gallery's sections of the sitemap (assembled by dolisa_site/urls.py, see dolisa_site/sitemaps.py)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from dolisa_site.sitemaps import PkRangeSitemap

from .models import Album


class AlbumSitemap(PkRangeSitemap):
    """The published albums (scheduled ones once their moment comes), by ranges of pk."""

    changefreq = "monthly"
    priority = 0.5
    shows = (Album,)

    def items(self):
        return Album.objects.published().only("slug")


class AlbumListSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5
    shows = ()  # a fixed address

    def items(self):
        return ["gallery:list"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"gallery-index": AlbumListSitemap, "albums": AlbumSitemap}
