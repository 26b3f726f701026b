from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GalleryConfig(AppConfig):
    name = "gallery"
    verbose_name = _("Photo gallery")

    def ready(self):
        from dolisa_site import widgets

        from . import signals  # noqa: F401  (register receivers)
        from .views import strip_block

        widgets.register("home.main", "gallery.strip", "gallery/widgets/strip.html", context=strip_block, order=80)
