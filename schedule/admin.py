from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from .models import Item, Week, WeekStatus

PUBLISH_PERMISSION = "schedule.publish_week"


class ItemInline(admin.TabularInline):
    model = Item
    extra = 1
    ordering = ["date", "start", "pk"]
    fields = [*Item.SHOWN, "mark", "marked_at"]
    readonly_fields = ["mark", "marked_at"]
    # A week holds a dozen rows of eight fields: narrow two-line boxes keep a row within a screen's width.
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 26})},
        models.CharField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 16})},
    }


@admin.register(Week)
class WeekAdmin(admin.ModelAdmin):
    change_form_template = "admin/schedule/week/change_form.html"
    inlines = [ItemInline]
    list_display = ["__str__", "status", "item_count", "published_at", "published_by"]
    list_filter = ["status"]
    date_hierarchy = "starts_on"
    fields = ["starts_on", "status", "published_at", "published_by"]
    readonly_fields = ["status", "published_at", "published_by"]
    actions = ["copy_to_next_week", "publish", "unpublish"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("published_by").annotate(item_total=Count("items"))

    @admin.display(description=_("items"), ordering="item_total")
    def item_count(self, week):
        return week.item_total

    def has_publish_permission(self, request):
        return request.user.has_perm(PUBLISH_PERMISSION)

    def has_delete_permission(self, request, obj=None):
        # The public has seen a published week: it is unpublished first, never silently removed.
        return super().has_delete_permission(request, obj) and not (obj and obj.is_published)

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "starts_on"] if obj and obj.is_published else self.readonly_fields

    # --- Actions -----------------------------------------------------------------

    @admin.action(description=_("Copy to next week as a draft"), permissions=["add"])
    def copy_to_next_week(self, request, queryset):
        for week in queryset.order_by("starts_on"):
            try:
                following = Week.draft_after(week)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(
                    request, _("%(week)s was drafted from the previous week.") % {"week": following}, messages.SUCCESS
                )

    @admin.action(description=_("Publish the selected weeks"), permissions=["publish"])
    def publish(self, request, queryset):
        for week in queryset.filter(status=WeekStatus.DRAFT):
            week.publish(request.user)
            self.message_user(request, _("%(week)s is published.") % {"week": week}, messages.SUCCESS)

    @admin.action(description=_("Unpublish the selected weeks"), permissions=["publish"])
    def unpublish(self, request, queryset):
        for week in queryset.filter(status=WeekStatus.PUBLISHED):
            week.unpublish()
            self.message_user(request, _("%(week)s is no longer published.") % {"week": week}, messages.SUCCESS)

    # --- The buttons of the change form ---------------------------------------------

    def get_urls(self):
        return [
            path(
                "<int:pk>/publish/",
                self.admin_site.admin_view(self.button_view(self.publish)),
                name="schedule_week_publish",
            ),
            path(
                "<int:pk>/unpublish/",
                self.admin_site.admin_view(self.button_view(self.unpublish)),
                name="schedule_week_unpublish",
            ),
            *super().get_urls(),
        ]

    def _week_for_publisher(self, request, pk):
        if not self.has_publish_permission(request):
            raise PermissionDenied
        return get_object_or_404(Week, pk=pk)

    def button_view(self, action):
        """The change form's button doing the admin action `action` (publish, unpublish) to its week."""

        @require_POST
        def view(request, pk):
            week = self._week_for_publisher(request, pk)
            action(request, Week.objects.filter(pk=week.pk))
            return redirect(reverse("admin:schedule_week_change", args=[week.pk]))

        return view

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["can_publish"] = bool(obj and obj.pk and self.has_publish_permission(request))
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)
