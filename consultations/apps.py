from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("Drafts for comment")

    def ready(self):
        from dolisa_site import caching, scheduled, widgets, worklist
        from dolisa_site.comments import CommentStatus

        from .models import Attachment, Comment, Draft
        from .views import open_block

        # A draft's page, the list and the home block change by the clock when a draft opens or closes;
        # the home block reads that moment with its drafts (views.py).
        scheduled.watch(Draft, due=Draft.objects.due_changes_after)
        for model in (Attachment, Comment):
            caching.watch(model)

        widgets.register(
            "home.main",
            "consultations.open",
            "consultations/widgets/open.html",
            context=open_block,
            order=55,
            keep=True,
        )

        worklist.register(
            "consultations.comments",
            _("Comments on drafts awaiting moderation"),
            "consultations.change_comment",
            lambda user: Comment.objects.filter(status=CommentStatus.PENDING).count(),
            lambda user: worklist.admin_list(
                "admin:consultations_comment_changelist", status__exact=CommentStatus.PENDING
            ),
        )
        worklist.register(
            "consultations.unpublished",
            _("Drafts for comment not published"),
            "consultations.publish_draft",
            lambda user: Draft.objects.filter(is_published=False).count(),
            lambda user: worklist.admin_list("admin:consultations_draft_changelist", is_published__exact=0),
        )
