"""The sitemap: what each app lists (its own ``sitemaps.py``), assembled by the project's URLconf.

/sitemap.xml is an index of sections (/sitemap-<section>.xml), a big section
in pages (?p=2, …). Apps do not import each other: each ships a ``SITEMAPS``
dict of its sections, and dolisa_site/urls.py joins them (``assemble``).

A section whose table grows (articles, documents, questions…) is a
``PkRangeSitemap``: its pages are ranges of primary key, not ranks. Page p
lists the public rows whose pk lies in (base + (p - 1) × limit, base + p × limit],
base being the smallest pk rounded down to a multiple of limit. A page is
then one range read of the primary key index, whatever the number of rows;
the index needs only the smallest and largest pk (one step down the index
each), not a count; and a row stays on the same page for good, so search
engines see old pages unchanged while new rows fill the last one. A page may
list fewer than `limit` rows (drafts and withdrawn ones take numbers too).

Both views are public pages of the one caching mechanism (dolisa_site.caching):
a section is kept until a row of what it ``shows`` changes (or its next
scheduled moment comes), the index until one of any section's does.
"""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.core.exceptions import ImproperlyConfigured
from django.core.paginator import EmptyPage, Page, PageNotAnInteger
from django.db import connection
from django.db.models import Max, Min
from django.urls import reverse
from django.utils.functional import cached_property

from . import caching


class PkRangePaginator:
    """What the sitemap views use of a Paginator, for pages by ranges of primary key."""

    def __init__(self, queryset, per_page, ends=None):
        self.queryset = queryset
        self.per_page = per_page
        self._ends = ends  # (smallest, largest) when already read (the index reads every section's at once)

    @cached_property
    def _range(self):
        if self._ends is None:
            # Of every row, public or not: the ends of the primary key index.
            ends = self.queryset.model._base_manager.aggregate(smallest=Min("pk"), largest=Max("pk"))
            self._ends = ends["smallest"], ends["largest"]
        smallest, largest = self._ends
        base = ((smallest or 1) - 1) // self.per_page * self.per_page
        return base, largest or base

    @property
    def num_pages(self):
        base, largest = self._range
        return max(1, -(-(largest - base) // self.per_page))

    def page(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger("That page number is not an integer") from None
        if not 1 <= number <= self.num_pages:
            raise EmptyPage("That page contains no results")
        first = self._range[0] + (number - 1) * self.per_page
        rows = self.queryset.filter(pk__gt=first, pk__lte=first + self.per_page).order_by("pk")
        return Page(list(rows), number, self)


class PkRangeSitemap(Sitemap):
    """A section of a growing table, in pages by ranges of primary key. ``items()`` returns the
    public rows (a queryset, never sliced or counted); ``shows`` the models its pages show."""

    limit = 1000
    shows = ()
    ends = None  # the smallest and largest pk of the table, when read beforehand (read_ends)

    @property
    def paginator(self):
        return PkRangePaginator(self.items(), self.limit, self.ends)

    def get_latest_lastmod(self):
        # Django's default reads every row for the index's <lastmod>; the pages carry their own.
        return None


class NamedPagesSitemap(Sitemap):
    """A section of fixed addresses: the pages whose URL names ``names`` lists."""

    names = ()
    shows = ()  # fixed addresses

    def items(self):
        return list(self.names)

    def location(self, name):
        return reverse(name)


class SiteSitemap(NamedPagesSitemap):
    """The project's own pages: home, about, contact, the English page, the web links, the open data catalogue."""

    changefreq = "monthly"
    priority = 0.5
    names = ["home", "about", "contact", "english", "web_links", "open_data"]


SITEMAPS = {"site": SiteSitemap}


def assemble(*parts):
    """One dict of sections from each app's SITEMAPS; two apps may not name a section alike."""
    sections = {}
    for part in parts:
        for name, sitemap in part.items():
            if name in sections:
                raise ImproperlyConfigured(f"Two sitemaps are both named {name!r}")
            sections[name] = sitemap
    return sections


def shown_by(sitemaps):
    """The models (or tags) the given sitemap sections show."""
    return [thing for sitemap in sitemaps for thing in getattr(sitemap, "shows", ())]


def read_ends(sections):
    """Set the ends of the primary key index of every growing section's table, read in one query
    (a UNION ALL of MIN and MAX, each one step down an index): the index then costs one query
    for them all, however many sections there are."""
    growing = [sitemap for sitemap in sections if isinstance(sitemap, PkRangeSitemap)]
    if not growing:
        return
    quote = connection.ops.quote_name
    tables = list(dict.fromkeys(sitemap.items().model._meta for sitemap in growing))
    sql = " UNION ALL ".join(
        f"SELECT {number}, MIN({quote(meta.pk.column)}), MAX({quote(meta.pk.column)}) FROM {quote(meta.db_table)}"
        for number, meta in enumerate(tables)
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        ends = {tables[number]: (smallest, largest) for number, smallest, largest in cursor.fetchall()}
    for sitemap in growing:
        sitemap.ends = ends[sitemap.items().model._meta]


@caching.public_page()
def index(request, sitemaps, **kwargs):
    caching.shows(*shown_by(sitemaps.values()))
    sections = {name: sitemap() if callable(sitemap) else sitemap for name, sitemap in sitemaps.items()}
    read_ends(sections.values())
    return sitemap_views.index(request, sections, **kwargs)


@caching.public_page()
def section(request, sitemaps, section, **kwargs):
    if section in sitemaps:
        caching.shows(*shown_by([sitemaps[section]]))
    return sitemap_views.sitemap(request, sitemaps, section=section, **kwargs)
