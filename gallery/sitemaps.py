"""The gallery's sections of the sitemap (assembled by dolisa_site/urls.py, see dolisa_site/sitemaps.py)."""

from dolisa_site.sitemaps import NamedPagesSitemap, PkRangeSitemap

from .models import Album


class AlbumSitemap(PkRangeSitemap):
    """The published albums (scheduled ones once their moment comes), by ranges of pk."""

    changefreq = "monthly"
    priority = 0.5
    shows = (Album,)

    def items(self):
        return Album.objects.published().only("slug")


class AlbumListSitemap(NamedPagesSitemap):
    changefreq = "weekly"
    priority = 0.5
    names = ["gallery:list"]


SITEMAPS = {"gallery-index": AlbumListSitemap, "albums": AlbumSitemap}
