from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    name = "stats"
    verbose_name = _("Visitor statistics")

    def ready(self):
        from dolisa_site import caching, dashboards, viewcounts, widgets

        from .buffer import pending_views
        from .models import Baseline, DailyStat
        from .totals import widget_context

        # Shown view counts include the views not flushed yet.
        viewcounts.provide_pending_views(pending_views)

        caching.watch(DailyStat)
        caching.watch(Baseline)

        widgets.register("sidebar.bottom", "visitor-counter", "stats/widget.html", context=widget_context, order=100)
        dashboards.register(
            title=_("Website traffic"),
            url_name="admin:stats_traffic",
            permission="stats.view_traffic_dashboard",
            description=_("Page views and visitors per day and month, most read articles, CSV export."),
        )
