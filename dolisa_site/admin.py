from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import AboutPage, Leader, MenuItem, SiteProfile, Unit, WebLink, WebLinkGroup
from .singletons import SingletonAdmin
from .trees import TwoLevelInline


@admin.register(SiteProfile)
class SiteProfileAdmin(SingletonAdmin):
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


class SubEntryInline(TwoLevelInline):
    model = MenuItem
    fields = ["title", "link", "order", "is_visible"]
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


class WebLinkInline(admin.TabularInline):
    model = WebLink
    fields = ["title", "url", "logo", "order", "is_visible"]
    extra = 1
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(WebLinkGroup)
class WebLinkGroupAdmin(admin.ModelAdmin):
    """Each group is edited together with its links."""

    list_display = ["name", "order", "link_count"]
    list_editable = ["order"]
    inlines = [WebLinkInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(link_total=models.Count("links"))

    @admin.display(description=_("links"), ordering="link_total")
    def link_count(self, obj):
        return obj.link_total


@admin.register(AboutPage)
class AboutPageAdmin(SingletonAdmin):
    """A single row, like the site profile."""

    fieldsets = [
        (None, {"fields": ["functions"]}),
        (
            _("Spokesperson"),
            {
                "fields": [
                    "spokesperson_name",
                    "spokesperson_position",
                    "spokesperson_phone",
                    "spokesperson_email",
                    "deputy_spokesperson",
                ]
            },
        ),
        (_("English page"), {"fields": ["english_name", "english_address", "english_introduction"]}),
    ]

    def get_form(self, request, obj=None, **kwargs):
        from django_ckeditor_5.widgets import CKEditor5Widget

        kwargs["widgets"] = {"functions": CKEditor5Widget(config_name="structure")}
        return super().get_form(request, obj, **kwargs)


@admin.register(Leader)
class LeaderAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "phone", "email", "order"]
    list_editable = ["order"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "head", "phone", "order"]
    list_editable = ["order"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "head"]
    autocomplete_fields = ["parent"]
