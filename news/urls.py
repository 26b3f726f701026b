from django.urls import path

from dolisa_site.caching import public_page

from . import views
from .feeds import LatestNewsFeed

app_name = "news"
# Feeds are read by machines, often; they are kept like pages.
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
    path("quan-tri-tin/anh/", views.editor_upload, name="editor_upload"),
]
