"""The sitemap: an index (/sitemap.xml) of sections, the articles' section in pages (?p=2, …).

The articles are paged by ranges of primary key, not by rank: page p lists
the published articles whose pk lies in (base + (p - 1) × limit, base + p × limit],
base being the smallest pk rounded down to a multiple of limit. A page is
then one range read of the primary key index, whatever the number of
articles; the index needs only the smallest and largest pk (one step down
the index each), not a count; and an article stays on the same page for
good, so search engines see old pages unchanged while new articles fill the
last one. A page may list fewer than `limit` articles (drafts and withdrawn
ones take numbers too).
"""

from django.contrib.sitemaps import Sitemap
from django.core.paginator import EmptyPage, Page, PageNotAnInteger
from django.db.models import Max, Min
from django.urls import reverse
from django.utils.functional import cached_property

from .models import Article, Category


class PkRangePaginator:
    """What the sitemap views use of a Paginator, for pages by ranges of primary key."""

    def __init__(self, queryset, per_page):
        self.queryset = queryset
        self.per_page = per_page

    @cached_property
    def _range(self):
        # Of every article, published or not: the ends of the primary key index.
        ends = Article.objects.aggregate(smallest=Min("pk"), largest=Max("pk"))
        base = ((ends["smallest"] or 1) - 1) // self.per_page * self.per_page
        return base, ends["largest"] or base

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


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.7
    limit = 1000

    def items(self):
        return Article.objects.published().only("slug", "updated_at", "publish_at")

    @property
    def paginator(self):
        return PkRangePaginator(self.items(), self.limit)

    def lastmod(self, article):
        return article.updated_at

    def get_latest_lastmod(self):
        # Django's default reads every article for the index's <lastmod>; the pages carry their own.
        return None


class CategorySitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return Category.objects.all()


class NewsIndexSitemap(Sitemap):
    changefreq = "hourly"
    priority = 0.8

    def items(self):
        return ["news:article_list"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"news": NewsIndexSitemap, "categories": CategorySitemap, "articles": ArticleSitemap}
