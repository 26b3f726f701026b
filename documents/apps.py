from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Documents")

    def ready(self):
        from dolisa_site import caching, scheduled, widgets

        from .models import Attachment, Document, DocumentType, IssuingBody, Subject
        from .views import newest_block

        # The home page's block reads the next scheduled moment with its documents (views.py).
        scheduled.watch(Document, due=Document.objects.due_changes_after)
        for model in (DocumentType, IssuingBody, Subject, Attachment):
            caching.watch(model)

        widgets.register(
            "home.main", "documents.newest", "documents/widgets/newest.html", context=newest_block, order=60, keep=True
        )
