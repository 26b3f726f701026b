from django.urls import path

from . import views

app_name = "questions"
urlpatterns = [
    path("hoi-dap/", views.question_list, name="list"),
    path("hoi-dap/gui-cau-hoi/", views.ask, name="ask"),
    path("hoi-dap/da-gui/", views.sent, name="sent"),
    path("hoi-dap/tra-cuu/", views.track, name="track"),
    path("hoi-dap/<int:pk>/", views.question_detail, name="detail"),
]
