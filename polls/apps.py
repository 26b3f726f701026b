from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PollsConfig(AppConfig):
    name = "polls"
    verbose_name = _("Polls")

    def ready(self):
        from dolisa_site import widgets

        from . import signals  # noqa: F401  (register receivers)
        from .views import current_poll_block

        widgets.register(
            "sidebar.middle", "polls.current", "polls/widgets/current.html", context=current_poll_block, order=50
        )
