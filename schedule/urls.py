from django.urls import path

from . import views

app_name = "schedule"
urlpatterns = [
    path("lich-cong-tac/", views.current_week, name="current"),
    path("lich-cong-tac/<int:year>/tuan-<int:number>/", views.week, name="week"),
]
