"""Drop the sidebar's cached poll whenever a poll or one of its choices changes."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Choice, Poll
from .views import CURRENT_CACHE_KEY


@receiver([post_save, post_delete], sender=Poll)
@receiver([post_save, post_delete], sender=Choice)
def forget_current(sender, **kwargs):
    cache.delete(CURRENT_CACHE_KEY)
