from django.contrib import admin
from django.urls import path

from dolisa_site.singletons import SingletonAdmin

from . import views
from .models import Baseline, DailyStat


@admin.register(DailyStat)
class DailyStatAdmin(admin.ModelAdmin):
    """Daily figures are written by flush_stats only; the admin reads them
    and carries the traffic dashboard."""

    list_display = ["date", "page_views", "visitors", "mobile_visitors"]
    date_hierarchy = "date"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path("traffic/", views.TrafficDashboard.as_admin_view(self.admin_site), name="stats_traffic"),
            path("traffic/csv/", views.TrafficCsv.as_admin_view(self.admin_site), name="stats_traffic_csv"),
            *super().get_urls(),
        ]


@admin.register(Baseline)
class BaselineAdmin(SingletonAdmin):
    """A single row: the list page goes straight to its form."""
