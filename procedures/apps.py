from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProceduresConfig(AppConfig):
    name = "procedures"
    verbose_name = _("Administrative procedures")

    def ready(self):
        from dolisa_site import caching, dashboards, widgets

        from . import opendata, signals  # noqa: F401
        from .models import DailyRollup, DownloadableForm, MonthlyRollup, Procedure, ResultsWidget, Sector
        from .sidebar import results_widget_context

        for model in (Procedure, Sector, DownloadableForm, DailyRollup, MonthlyRollup, ResultsWidget):
            caching.watch(model)

        widgets.register(
            "sidebar.top",
            "procedures.results",
            "procedures/widgets/results.html",
            context=results_widget_context,
            order=10,
            keep=True,
        )
        dashboards.register(
            _("Administrative procedures: results and dossiers"),
            "admin:procedures_dashboard",
            "procedures.view_dashboard",
            _("Received, resolved, on time and overdue dossiers, by period, field and channel; Excel export."),
        )
        opendata.register()
