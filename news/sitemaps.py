from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Article, Category


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.7
    limit = 5000

    def items(self):
        return Article.objects.published().only("slug", "updated_at", "publish_at").order_by("-publish_at", "-pk")

    def lastmod(self, article):
        return article.updated_at


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
