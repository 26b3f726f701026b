from django.contrib import admin
from django.db import models
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from .models import MenuItem, SiteProfile


@admin.register(SiteProfile)
class SiteProfileAdmin(admin.ModelAdmin):
    """A single row: the list page goes straight to its form."""

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    fieldsets = [
        (None, {"fields": ["name", "short_name", "parent_body", "description"]}),
        (_("Images"), {"fields": ["logo", "banner"]}),
        (
            _("Contact"),
            {"fields": ["address", "phone", "fax", "hotline", "email", "working_hours", "map_url"]},
        ),
        (_("Legal information"), {"fields": ["responsible_person", "licence"]}),
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        profile = SiteProfile.load()
        return redirect("admin:dolisa_site_siteprofile_change", profile.pk)


class SubEntryInline(admin.TabularInline):
    model = MenuItem
    fk_name = "parent"
    fields = ["title", "link", "order", "is_visible"]
    extra = 0
    verbose_name = _("sub-entry")
    verbose_name_plural = _("sub-entries")


@admin.register(MenuItem)
class MenuItemAdmin(admin.ModelAdmin):
    """Top-level entries, each edited together with its sub-entries."""

    list_display = ["title", "link", "order", "is_visible", "sub_entry_count"]
    list_editable = ["order", "is_visible"]
    fields = ["title", "link", "order", "is_visible"]
    inlines = [SubEntryInline]

    def get_queryset(self, request):
        return super().get_queryset(request).top_level().prefetch_related("children")

    @admin.display(description=_("sub-entries"))
    def sub_entry_count(self, obj):
        return len(obj.children.all())
