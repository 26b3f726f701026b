from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Documents")

    def ready(self):
        from dolisa_site import widgets

        from . import signals  # noqa: F401  (register receivers)
        from .views import newest_block

        widgets.register(
            "home.main", "documents.newest", "documents/widgets/newest.html", context=newest_block, order=60
        )
