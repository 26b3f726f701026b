"""Drop cached site-wide content whenever its rows change."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import MenuItem, SiteProfile, WebLink, WebLinkGroup


@receiver([post_save, post_delete], sender=SiteProfile)
@receiver([post_save, post_delete], sender=MenuItem)
@receiver([post_save, post_delete], sender=WebLinkGroup)
@receiver([post_save, post_delete], sender=WebLink)
def forget_cached_copy(sender, **kwargs):
    cache.delete(sender.CACHE_KEY)
