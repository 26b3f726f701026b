from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("van-ban/", views.document_list, name="list"),
    path("van-ban/<slug:slug>/", views.document_detail, name="detail"),
]
