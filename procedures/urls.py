from django.urls import path, re_path

from . import opendata, views

app_name = "procedures"
urlpatterns = [
    path("thu-tuc-hanh-chinh/", views.catalogue, name="catalogue"),
    path("thu-tuc-hanh-chinh/thong-ke/", views.statistics, name="statistics"),
    re_path(r"^thu-tuc-hanh-chinh/(?P<code>[0-9A-Za-z][0-9A-Za-z.\-]*)/$", views.detail, name="detail"),
    path("tra-cuu-ho-so/", views.lookup, name="lookup"),
    # Open data (dolisa_site.opendata): stable addresses, documented at /du-lieu-mo/.
    path("du-lieu-mo/ket-qua-thu-tuc.json", opendata.results_json, name="open_results_json"),
    path("du-lieu-mo/ket-qua-thu-tuc.csv", opendata.results_csv, name="open_results_csv"),
    path("du-lieu-mo/thu-tuc-hanh-chinh.json", opendata.procedures_json, name="open_procedures_json"),
    path("du-lieu-mo/thu-tuc-hanh-chinh.csv", opendata.procedures_csv, name="open_procedures_csv"),
]
