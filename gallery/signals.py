"""Drop the home page's cached photo strip whenever an album or a photo changes."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Album, Photo
from .views import STRIP_CACHE_KEY


@receiver([post_save, post_delete], sender=Album)
@receiver([post_save, post_delete], sender=Photo)
def forget_strip(sender, **kwargs):
    cache.delete(STRIP_CACHE_KEY)
