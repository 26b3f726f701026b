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
        from django.db.backends.signals import connection_created

        from . import caching, checks, pictures, widgets  # noqa: F401  (register checks)
        from .models import AboutPage, Leader, MenuItem, SiteProfile, Unit, WebLink, WebLinkGroup
        from .views import web_links_block

        connection_created.connect(caching.install, dispatch_uid="dolisa_site.caching.install")
        # Renditions are made when a picture is saved, not when a page first shows it.
        pictures.connect()
        for model in (SiteProfile, MenuItem, WebLinkGroup, WebLink, AboutPage, Leader, Unit):
            caching.watch(model)

        widgets.register(
            "sidebar.bottom",
            "contact",
            template="site/widgets/contact.html",
            order=900,
            keep=True,
            shows=[SiteProfile],  # the context processor's site_profile
        )
        widgets.register(
            "sidebar.bottom",
            "weblinks",
            template="site/widgets/web_links.html",
            context=web_links_block,
            order=800,
            keep=True,
        )
