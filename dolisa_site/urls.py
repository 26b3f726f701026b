from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

import consultations.sitemaps
import disclosures.sitemaps
import documents.sitemaps
import gallery.sitemaps
import news.sitemaps
import procedures.sitemaps
import questions.sitemaps
import schedule.sitemaps

from . import pagecache, sitemaps, uploads, views

handler500 = "dolisa_site.views.server_error"

# Every public page type, each app's sections from its own sitemaps.py (dolisa_site/sitemaps.py).
SITEMAPS = sitemaps.assemble(
    sitemaps.SITEMAPS,
    news.sitemaps.SITEMAPS,
    documents.sitemaps.SITEMAPS,
    procedures.sitemaps.SITEMAPS,
    questions.sitemaps.SITEMAPS,
    gallery.sitemaps.SITEMAPS,
    schedule.sitemaps.SITEMAPS,
    consultations.sitemaps.SITEMAPS,
    disclosures.sitemaps.SITEMAPS,
)

urlpatterns = [
    path("", views.home, name="home"),
    path("lien-he/", views.contact, name="contact"),
    path("gioi-thieu/", views.about, name="about"),
    path("en/", views.english, name="english"),
    path("lien-ket-website/", views.web_links, name="web_links"),
    path("lien-ket-website/chuyen/", views.web_link_go, name="web_link_go"),
    path("du-lieu-mo/", views.open_data, name="open_data"),
    path("du-lieu-mo/danh-muc.json", views.open_data_json, name="open_data_json"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", sitemaps.index, {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"}, name="sitemap"),
    path("sitemap-<section>.xml", sitemaps.section, {"sitemaps": SITEMAPS}, name="sitemap_section"),
    # The CSRF token of a form on a cached page, fetched by static/js when the form is sent.
    path("ma-bieu-mau/", pagecache.csrf_token, name="csrf_token"),
    path(settings.ADMIN_URL, admin.site.urls),
    path("", include("news.urls")),
    path("", include("procedures.urls")),
    path("", include("documents.urls")),
    path("", include("questions.urls")),
    path("", include("polls.urls")),
    path("", include("gallery.urls")),
    path("", include("schedule.urls")),
    path("", include("consultations.urls")),
    path("", include("disclosures.urls")),
]

if settings.SERVE_MEDIA:
    # Only for the local demo: in production nginx serves /media/ itself, with
    # the same headers (docs/deploy/nginx.conf): pictures inline, everything
    # else downloaded, nothing ever run as script.
    urlpatterns.append(re_path(r"^%s(?P<path>.*)$" % settings.MEDIA_URL.lstrip("/"), uploads.serve))
