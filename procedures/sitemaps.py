"""The procedures' sections of the sitemap (assembled by dolisa_site/urls.py, see dolisa_site/sitemaps.py)."""

from dolisa_site.sitemaps import NamedPagesSitemap, PkRangeSitemap

from .models import Procedure


class ProcedureSitemap(PkRangeSitemap):
    """The procedures in force (the only ones with a page), by ranges of pk."""

    changefreq = "monthly"
    priority = 0.6
    shows = (Procedure,)

    def items(self):
        return Procedure.objects.active().only("code", "updated_at")

    def lastmod(self, procedure):
        return procedure.updated_at


class ProcedureListSitemap(NamedPagesSitemap):
    """The catalogue and the results statistics (the dossier lookup is a form, not indexed)."""

    changefreq = "daily"
    priority = 0.7
    names = ["procedures:catalogue", "procedures:statistics"]


SITEMAPS = {"procedures-index": ProcedureListSitemap, "procedures": ProcedureSitemap}
