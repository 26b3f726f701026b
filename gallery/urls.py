from django.urls import path

from . import views

app_name = "gallery"
urlpatterns = [
    path("hinh-anh/", views.album_list, name="list"),
    path("hinh-anh/<slug:slug>/", views.album_detail, name="album"),
]
