from django.urls import path, re_path

from . import views

app_name = "procedures"
urlpatterns = [
    path("thu-tuc-hanh-chinh/", views.catalogue, name="catalogue"),
    path("thu-tuc-hanh-chinh/thong-ke/", views.statistics, name="statistics"),
    re_path(r"^thu-tuc-hanh-chinh/(?P<code>[0-9A-Za-z][0-9A-Za-z.\-]*)/$", views.detail, name="detail"),
    path("tra-cuu-ho-so/", views.lookup, name="lookup"),
]
