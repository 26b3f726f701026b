from django.contrib.sitemaps.views import index, sitemap
from django.urls import path

from dolisa_site.caching import public_page

from . import views
from .feeds import LatestNewsFeed
from .sitemaps import SITEMAPS

app_name = "news"
# Feeds and the sitemap are read by machines, often; they are kept like pages.
feed = public_page(*views.LISTS)(LatestNewsFeed())
urlpatterns = [
    path("tin-tuc/", views.article_list, name="article_list"),
    path("tin-tuc/xem-truoc/<int:pk>/", views.article_preview, name="article_preview"),
    path("tin-tuc/<slug:slug>/", views.article_detail, name="article"),
    path("tin-tuc/<slug:slug>/in/", views.article_print, name="article_print"),
    path("tin-tuc/<slug:slug>/y-kien/", views.post_comment, name="post_comment"),
    path("chuyen-muc/<slug:slug>/", views.category_detail, name="category"),
    path("the/<slug:slug>/", views.tag_detail, name="tag"),
    path("tim-kiem/", views.search, name="search"),
    path("rss/", feed, name="feed"),
    path("rss/<slug:slug>/", feed, name="category_feed"),
    # An index of every section's pages (news/sitemaps.py), so every article is listed.
    path(
        "sitemap.xml",
        public_page(*views.LISTS)(index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "news:sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        public_page(*views.LISTS)(sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("robots.txt", views.robots_txt, name="robots"),
    path("quan-tri-tin/anh/", views.editor_upload, name="editor_upload"),
]
