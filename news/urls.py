from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import views
from .feeds import LatestNewsFeed
from .sitemaps import SITEMAPS

app_name = "news"
urlpatterns = [
    path("tin-tuc/", views.article_list, name="article_list"),
    path("tin-tuc/xem-truoc/<int:pk>/", views.article_preview, name="article_preview"),
    path("tin-tuc/<slug:slug>/", views.article_detail, name="article"),
    path("tin-tuc/<slug:slug>/in/", views.article_print, name="article_print"),
    path("tin-tuc/<slug:slug>/y-kien/", views.post_comment, name="post_comment"),
    path("chuyen-muc/<slug:slug>/", views.category_detail, name="category"),
    path("the/<slug:slug>/", views.tag_detail, name="tag"),
    path("tim-kiem/", views.search, name="search"),
    path("rss/", LatestNewsFeed(), name="feed"),
    path("rss/<slug:slug>/", LatestNewsFeed(), name="category_feed"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("quan-tri-tin/anh/", views.editor_upload, name="editor_upload"),
]
