from django.urls import path

from dolisa_site.caching import public_page

from . import views
from .feeds import DraftFeed

app_name = "consultations"
urlpatterns = [
    path("lay-y-kien-du-thao/", views.draft_list, name="list"),
    path("lay-y-kien-du-thao/rss/", public_page(views.Draft)(DraftFeed()), name="feed"),
    path("lay-y-kien-du-thao/<slug:slug>/", views.draft_detail, name="detail"),
    path("lay-y-kien-du-thao/<slug:slug>/gop-y/", views.post_comment, name="post_comment"),
]
