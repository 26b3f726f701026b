"""Drop the home page's cached list of newest documents whenever a document changes."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Document
from .views import NEWEST_CACHE_KEY


@receiver([post_save, post_delete], sender=Document)
def forget_newest(sender, **kwargs):
    cache.delete(NEWEST_CACHE_KEY)
