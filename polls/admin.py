from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Choice, Poll


class ChoiceInline(admin.TabularInline):
    model = Choice
    fields = ["text", "order", "votes"]
    readonly_fields = ["votes"]
    extra = 3


@admin.register(Poll)
class PollAdmin(admin.ModelAdmin):
    list_display = ["question", "opens_at", "closes_at", "is_published", "is_open_now", "total_votes"]
    list_filter = ["is_published"]
    search_fields = ["question"]
    fields = ["question", "description", "opens_at", "closes_at", "is_published", "total_votes"]
    readonly_fields = ["total_votes"]
    inlines = [ChoiceInline]

    @admin.display(description=_("open now"), boolean=True)
    def is_open_now(self, obj):
        return obj.is_open
