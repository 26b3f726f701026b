from django.contrib import admin
from sorl.thumbnail.admin import AdminImageMixin

from .models import Album, Photo


class PhotoInline(AdminImageMixin, admin.StackedInline):
    model = Photo
    fields = ["image", "alt_text", "caption", "order"]
    extra = 1


@admin.register(Album)
class AlbumAdmin(admin.ModelAdmin):
    list_display = ["title", "taken_on", "is_published", "published_at"]
    list_filter = ["is_published"]
    search_fields = ["title"]
    date_hierarchy = "taken_on"
    fields = ["title", "description", "taken_on", "is_published", "published_at", "slug"]
    inlines = [PhotoInline]
