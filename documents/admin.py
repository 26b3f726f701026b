from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from dolisa_site import attachments

from .models import Attachment, Document, DocumentType, IssuingBody, Subject


@admin.register(DocumentType, IssuingBody, Subject)
class CatalogueEntryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class AttachmentInline(attachments.AttachmentInline):
    model = Attachment


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "document_type", "issuing_body", "issued_on", "is_published"]
    list_filter = ["is_published", "document_type", "issuing_body", "subject", "issued_on"]
    search_fields = ["search_text"]  # shows the search box; the search itself is below
    date_hierarchy = "issued_on"
    autocomplete_fields = ["document_type", "issuing_body", "subject"]
    inlines = [AttachmentInline]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["number", "title", "document_type", "issuing_body", "subject", "signer"]}),
        (_("Dates"), {"fields": ["issued_on", "effective_on"]}),
        (None, {"fields": ["summary"]}),
        (_("Publication"), {"fields": ["is_published", "published_at", "slug"]}),
    ]

    def get_search_results(self, request, queryset, search_term):
        """The admin search also ignores diacritics, like the public one."""
        return (queryset.search(search_term) if search_term else queryset), False

    @admin.action(description=_("Publish the selected documents"), permissions=["change"])
    def publish(self, request, queryset):
        updated = queryset.publish()
        self.message_user(request, _("%(count)d documents published.") % {"count": updated})

    @admin.action(description=_("Withdraw the selected documents from the site"), permissions=["change"])
    def unpublish(self, request, queryset):
        updated = queryset.withdraw()
        self.message_user(request, _("%(count)d documents withdrawn.") % {"count": updated})
