from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from dolisa_site import attachments

from .models import Attachment, Disclosure, kinds_by_section

PUBLISH = "disclosures.publish_item"


class AttachmentInline(attachments.AttachmentInline):
    model = Attachment


@admin.register(Disclosure)
class DisclosureAdmin(admin.ModelAdmin):
    """The office edits the items; only a holder of publish_item (a reviewer) puts them on the site."""

    list_display = ["title", "section", "kind", "year", "published_at", "is_published"]
    list_filter = ["section", "is_published", "kind", "year"]
    search_fields = ["search_text"]  # shows the search box; the search itself is below
    date_hierarchy = "published_at"
    inlines = [AttachmentInline]
    actions = ["publish", "withdraw"]
    fieldsets = [
        (None, {"fields": ["section", "kind", "year", "title", "summary", "body", "closes_at"]}),
        (
            _("Publication"),
            {
                "fields": ["is_published", "published_at", "slug"],
                "description": _(
                    "The office prepares the items; a reviewer puts them on the site, each from its publication time."
                ),
            },
        ),
    ]

    def get_form(self, request, obj=None, **kwargs):
        from django_ckeditor_5.widgets import CKEditor5Widget

        kwargs["widgets"] = {"body": CKEditor5Widget(config_name="structure")}
        return super().get_form(request, obj, **kwargs)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "kind":
            kwargs["choices"] = [("", "---------"), *kinds_by_section()]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        """The admin search also ignores diacritics, like the public one."""
        return (queryset.search(search_term) if search_term else queryset), False

    def has_publish_permission(self, request):
        return request.user.has_perm(PUBLISH)

    def get_readonly_fields(self, request, obj=None):
        return [] if self.has_publish_permission(request) else ["is_published"]

    @admin.action(description=_("Publish the selected items"), permissions=["publish"])
    def publish(self, request, queryset):
        updated = queryset.publish()
        self.message_user(request, _("%(count)d items published.") % {"count": updated})

    @admin.action(description=_("Withdraw the selected items from the site"), permissions=["publish"])
    def withdraw(self, request, queryset):
        updated = queryset.withdraw()
        self.message_user(request, _("%(count)d items withdrawn.") % {"count": updated})
