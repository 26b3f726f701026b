from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PollsConfig(AppConfig):
    name = "polls"
    verbose_name = _("Polls")

    def ready(self):
        from dolisa_site import caching, scheduled, widgets

        from .models import Choice, Poll
        from .views import current_poll_block

        # Vote counts are live figures (at most a minute old on cached pages): a vote changes no cached page.
        # The sidebar's block reads the next opening or closing with its poll (views.py).
        scheduled.watch(Poll, due=Poll.objects.due_changes_after, ignore_fields=["total_votes"])
        caching.watch(Choice, ignore_fields=["votes"])

        widgets.register(
            "sidebar.middle", "polls.current", "polls/widgets/current.html", context=current_poll_block, order=50
        )
