from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosuresConfig(AppConfig):
    name = "disclosures"
    verbose_name = _("Public disclosures")

    def ready(self):
        from dolisa_site import caching, worklist

        from .models import Attachment, Disclosure

        caching.watch(Disclosure, due=Disclosure.objects.due_changes_after)
        caching.watch(Attachment)

        worklist.register(
            "disclosures.unpublished",
            _("Disclosure items not published"),
            "disclosures.publish_item",
            lambda user: Disclosure.objects.filter(is_published=False).count(),
            lambda user: worklist.admin_list("admin:disclosures_disclosure_changelist", is_published__exact=0),
        )
