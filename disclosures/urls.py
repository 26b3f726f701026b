from django.urls import path

from dolisa_site.caching import public_page

from . import views
from .feeds import SectionFeed

app_name = "disclosures"
# Feeds are read by machines, often; they are kept like pages.
feed = public_page(*views.SHOWN)(SectionFeed())
urlpatterns = [
    path("cong-khai/", views.index, name="index"),
    path("cong-khai/<slug:section>/", views.section_list, name="section"),
    # Not under the section's own path, where an item's slug could be "rss".
    path("cong-khai/rss/<slug:section>/", feed, name="feed"),
    path("cong-khai/<slug:section>/<slug:slug>/", views.detail, name="detail"),
]
