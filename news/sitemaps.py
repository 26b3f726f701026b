"""The news sections of the sitemap (assembled by dolisa_site/urls.py, see dolisa_site/sitemaps.py).

The articles are paged by ranges of primary key (dolisa_site.sitemaps.PkRangeSitemap),
so a page is one range read of the primary key index, whatever the number of articles.
"""

from django.contrib.sitemaps import Sitemap

from dolisa_site.sitemaps import NamedPagesSitemap, PkRangeSitemap

from .models import Article, Category


class ArticleSitemap(PkRangeSitemap):
    changefreq = "weekly"
    priority = 0.7
    shows = (Article,)

    def items(self):
        return Article.objects.published().only("slug", "updated_at", "publish_at")

    def lastmod(self, article):
        return article.updated_at


class CategorySitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6
    shows = (Category,)

    def items(self):
        return Category.objects.all()


class NewsIndexSitemap(NamedPagesSitemap):
    changefreq = "hourly"
    priority = 0.8
    names = ["news:article_list"]


SITEMAPS = {"news": NewsIndexSitemap, "categories": CategorySitemap, "articles": ArticleSitemap}
