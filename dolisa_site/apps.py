from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class DolisaAdminConfig(AdminConfig):
    """Every app registers with the one site-branded admin."""

    default_site = "dolisa_site.admin_site.DolisaAdminSite"


class DolisaSiteConfig(AppConfig):
    name = "dolisa_site"
    verbose_name = _("Website")

    def ready(self):
        from . import checks, signals, widgets  # noqa: F401  (register checks and receivers)
        from .views import web_links_block

        widgets.register(
            "sidebar.bottom",
            "contact",
            template="site/widgets/contact.html",
            order=900,
        )
        widgets.register(
            "sidebar.bottom", "weblinks", template="site/widgets/web_links.html", context=web_links_block, order=800
        )
