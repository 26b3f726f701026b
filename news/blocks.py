"""The news blocks of the home page and the sidebar (registered in apps.py).

The home page is the most visited page, so its news is kept in the cache.
Any change to an article or a category drops the cached copy (signals.py),
and the copy never outlives the next scheduled publish or unpublish time, so
a scheduled article still appears on time.
"""

from django.core.cache import cache
from django.db.models import F, Window
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone

from .models import Article, Category

CACHE_KEY = "news:blocks:v1"
CACHE_SECONDS = 600
LATEST_COUNT = 8
PER_CATEGORY = 5
MOST_READ_COUNT = 6
MOST_READ_AMONG = 100


def forget():
    cache.delete(CACHE_KEY)


def _build(now):
    published = Article.objects.published(now).for_listing()
    lead = published.filter(is_featured=True).order_by("-publish_at", "-pk").first()
    latest = list(
        published.exclude(pk=getattr(lead, "pk", None)).order_by("-is_pinned", "-publish_at", "-pk")[:LATEST_COUNT]
    )
    # The newest few of every top-level category in one query.
    ranked = (
        published.annotate(
            top_category_id=Coalesce("category__parent_id", "category_id"),
            rank=Window(
                RowNumber(),
                partition_by=[Coalesce(F("category__parent_id"), F("category_id"))],
                order_by=[F("publish_at").desc(), F("pk").desc()],
            ),
        )
        .filter(rank__lte=PER_CATEGORY)
        .order_by("-publish_at", "-pk")
    )
    by_category = {}
    for article in ranked:
        by_category.setdefault(article.top_category_id, []).append(article)
    sections = [
        {"category": category, "articles": by_category[category.pk]}
        for category in Category.objects.top_level().filter(show_in_menu=True)
        if category.pk in by_category
    ]
    # Most read among recent news, so an old favourite does not stay on top for years.
    recent = Article.objects.published(now).order_by("-publish_at", "-pk").values("pk")[:MOST_READ_AMONG]
    most_read = list(
        published.filter(pk__in=recent, view_count__gt=0).order_by("-view_count", "-publish_at")[:MOST_READ_COUNT]
    )
    return {"lead": lead, "latest": latest, "sections": sections, "most_read": most_read}


def news_blocks():
    """Everything the news blocks show, from the cache when possible."""
    data = cache.get(CACHE_KEY)
    if data is None:
        now = timezone.now()
        data = _build(now)
        due = Article.objects.due_changes_after(now)
        timeout = CACHE_SECONDS
        if due is not None:
            timeout = max(1, min(timeout, int((due - now).total_seconds()) + 1))
        cache.set(CACHE_KEY, data, timeout)
    return data


def lead_story(request):
    data = news_blocks()
    return {"lead": data["lead"]} if data["lead"] else None


def latest_news(request):
    data = news_blocks()
    return {"articles": data["latest"]} if data["latest"] else None


def category_sections(request):
    data = news_blocks()
    return {"sections": data["sections"]} if data["sections"] else None


def most_read(request):
    data = news_blocks()
    return {"articles": data["most_read"]} if data["most_read"] else None
