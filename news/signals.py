"""Drop the cached home-page news whenever an article, category or tag changes."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import blocks
from .models import Article, Category, TaggedArticle


@receiver([post_save, post_delete], sender=Article)
@receiver([post_save, post_delete], sender=Category)
@receiver([post_save, post_delete], sender=TaggedArticle)
def forget_cached_blocks(sender, **kwargs):
    blocks.forget()
