from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Question, Topic


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]
    search_fields = ["name"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    """Staff answer here; what the asker wrote stays as they wrote it."""

    list_display = ["display_code", "title", "topic", "created_at", "status", "is_published"]
    list_filter = ["status", "is_published", "topic"]
    search_fields = ["tracking_code", "title", "body", "name", "email", "phone"]
    date_hierarchy = "created_at"
    readonly_fields = ["display_code", "created_at", "name", "email", "phone", "answered_by", "answered_at"]
    fieldsets = [
        (_("The question"), {"fields": ["display_code", "created_at", "topic", "title", "body"]}),
        (_("The asker (never published)"), {"fields": ["name", "email", "phone"]}),
        (
            _("The answer"),
            {"fields": ["status", "answer", "decline_reason", "is_published", "answered_by", "answered_at"]},
        ),
    ]
    actions = ["publish", "unpublish"]

    def has_add_permission(self, request):
        return False  # questions come from citizens through the public form

    @admin.display(description=_("tracking code"), ordering="tracking_code")
    def display_code(self, obj):
        return obj.display_code

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data or "answer" in form.changed_data:
            obj.stamp_reply(by=request.user)
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Publish the selected answered questions"), permissions=["change"])
    def publish(self, request, queryset):
        updated = queryset.publish()
        skipped = queryset.count() - updated
        self.message_user(request, _("%(count)d questions published.") % {"count": updated})
        if skipped:
            self.message_user(
                request,
                _("%(count)d questions are not answered yet and were left unpublished.") % {"count": skipped},
                level="warning",
            )

    @admin.action(description=_("Withdraw the selected questions from the site"), permissions=["change"])
    def unpublish(self, request, queryset):
        updated = queryset.withdraw()
        self.message_user(request, _("%(count)d questions withdrawn.") % {"count": updated})
