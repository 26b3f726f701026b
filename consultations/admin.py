import logging

from django.contrib import admin, messages
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

from dolisa_site import attachments
from dolisa_site.comments import CommentModerationAdmin
from dolisa_site.exports import xlsx_response

from .models import Attachment, Comment, Draft

logger = logging.getLogger(__name__)

EXPORT_COLUMNS = [
    _("Draft for comment"),
    _("Sent at"),
    _("Full name"),
    _("Organisation"),
    _("Email"),
    _("Phone"),
    _("Comment"),
    _("Status"),
]


class AttachmentInline(attachments.AttachmentInline):
    model = Attachment


@admin.register(Draft)
class DraftAdmin(admin.ModelAdmin):
    """The office drafts and edits; a reviewer (consultations.publish_draft) puts a draft on the site."""

    list_display = ["title", "drafting_unit", "open_from", "open_until", "is_published", "comment_count"]
    list_filter = ["is_published", "open_from"]
    search_fields = ["search_text"]  # shows the search box; the search itself is below
    date_hierarchy = "open_from"
    inlines = [AttachmentInline]
    actions = ["publish", "withdraw", "export_comments"]
    fieldsets = [
        (None, {"fields": ["title", "drafting_unit", "summary"]}),
        (_("Comment period"), {"fields": ["open_from", "open_until"]}),
        (_("Publication"), {"fields": ["is_published", "slug"]}),
        (_("After the deadline"), {"fields": ["comments_summary", "comments_summary_file"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(comments_received=Count("comments"))

    @admin.display(description=_("comments"), ordering="comments_received")
    def comment_count(self, draft):
        return draft.comments_received

    def get_readonly_fields(self, request, obj=None):
        return [] if self.has_publish_permission(request) else ["is_published"]

    def get_search_results(self, request, queryset, search_term):
        """The admin search also ignores diacritics, like the public one."""
        return (queryset.search(search_term) if search_term else queryset), False

    def has_publish_permission(self, request):
        return request.user.has_perm("consultations.publish_draft")

    def has_export_permission(self, request):
        return request.user.has_perm("consultations.view_comment")

    @admin.action(description=_("Publish the selected drafts"), permissions=["publish"])
    def publish(self, request, queryset):
        updated = queryset.update(is_published=True)
        self.message_user(request, _("%(count)d drafts published.") % {"count": updated}, messages.SUCCESS)

    @admin.action(description=_("Withdraw the selected drafts from the site"), permissions=["publish"])
    def withdraw(self, request, queryset):
        updated = queryset.update(is_published=False)
        self.message_user(request, _("%(count)d drafts withdrawn.") % {"count": updated}, messages.SUCCESS)

    @admin.action(description=_("Export the comments on the selected drafts to Excel"), permissions=["export"])
    def export_comments(self, request, queryset):
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = str(_("Comments"))
        sheet.append([str(column) for column in EXPORT_COLUMNS])
        comments = Comment.objects.filter(draft__in=queryset).select_related("draft").order_by("draft", "created_at")
        for comment in comments:
            sheet.append(
                [
                    comment.draft.title,
                    timezone.localtime(comment.created_at).replace(tzinfo=None),
                    comment.name,
                    comment.organisation,
                    comment.email,
                    comment.phone,
                    comment.body,
                    str(comment.get_status_display()),
                ]
            )
        logger.info(
            "User %s exported the comments on drafts %s", request.user.pk, list(queryset.values_list("pk", flat=True))
        )
        return xlsx_response(workbook, f"y-kien-du-thao-{timezone.localdate():%Y%m%d}.xlsx")


@admin.register(Comment)
class CommentAdmin(CommentModerationAdmin):
    list_display = ["name", "excerpt", "draft", "created_at", "status"]
    list_filter = ["status", "draft", "created_at"]
    list_select_related = ["draft"]
    search_fields = ["name", "email", "phone", "organisation", "body"]
    fields = [
        "draft", "name", "organisation", "email", "phone", "body", "created_at", "status", "moderated_by",
        "moderated_at",
    ]  # fmt: skip
    readonly_fields = [
        "draft", "name", "organisation", "email", "phone", "body", "created_at", "moderated_by", "moderated_at",
    ]  # fmt: skip
