from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GalleryConfig(AppConfig):
    name = "gallery"
    verbose_name = _("Photo gallery")

    def ready(self):
        from dolisa_site import caching, scheduled, widgets

        from .models import Album, Photo
        from .views import strip_block

        # The home page's strip reads the next scheduled moment with its photos (views.py).
        scheduled.watch(Album, due=Album.objects.due_changes_after)
        caching.watch(Photo)

        widgets.register(
            "home.main", "gallery.strip", "gallery/widgets/strip.html", context=strip_block, order=80, keep=True
        )
