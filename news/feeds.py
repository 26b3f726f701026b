from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from dolisa_site.models import SiteProfile

from .models import Article, Category

FEED_SIZE = 30


class LatestNewsFeed(Feed):
    """RSS 2.0 of the newest published articles, site-wide or for one category."""

    feed_type = Rss201rev2Feed

    def get_object(self, request, slug=None):
        if slug is None:
            return None
        return get_object_or_404(Category, slug=slug)

    def title(self, category):
        site = SiteProfile.load().display_short_name
        return f"{category.name} – {site}" if category else _("News – %(site)s") % {"site": site}

    def link(self, category):
        return category.get_absolute_url() if category else reverse("news:article_list")

    def description(self, category):
        return category.description if category and category.description else SiteProfile.load().description

    def items(self, category):
        articles = Article.objects.published().for_listing().newest_first()
        if category is not None:
            articles = articles.in_category(category)
        return articles[:FEED_SIZE]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.summary

    def item_pubdate(self, article):
        return article.publish_at

    def item_updateddate(self, article):
        return article.updated_at

    def item_author_name(self, article):
        return article.author or None

    def item_categories(self, article):
        return [article.category.name]

    def item_enclosures(self, article):
        return []
