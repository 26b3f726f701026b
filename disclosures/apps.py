from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosuresConfig(AppConfig):
    name = "disclosures"
    verbose_name = _("Public disclosures")

    def ready(self):
        from dolisa_site import caching

        from .models import Attachment, Disclosure

        caching.watch(Disclosure, due=Disclosure.objects.due_changes_after)
        caching.watch(Attachment)
