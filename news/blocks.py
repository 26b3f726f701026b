"""The news blocks of the home page and the sidebar (registered in apps.py).

The home page is the most visited page, so its news is kept in the cache
until an article, category or tag changes or the next scheduled publish or
unpublish time comes (dolisa_site.caching; the clock is watched in apps.py,
and read with the blocks' articles: dolisa_site.scheduled).
"""

from django.db.models import Value

from dolisa_site import caching, scheduled

from .models import Article, Category, TaggedArticle

LATEST_COUNT = 8
PER_CATEGORY = 5
MOST_READ_COUNT = 6
MOST_READ_AMONG = 100


def all_categories():
    """The whole (small) category table, cached until a category changes: the category pages
    and the blocks below read it, a page showing both reads it once."""
    return caching.cached("news:categories", lambda: list(Category.objects.all()), shows=[Category])


def _build(now):
    """Everything the news blocks show as of `now` (see _read)."""
    return _read(now)[1]


def _read(now):
    """The next scheduled publish or unpublish moment and everything the news blocks show, in
    two queries whatever the number of articles.

    Each block's articles are found by their own small query on an index of
    published articles (news_article_lead_idx, _latest_idx, _public_cat_idx,
    _public_idx), all blocks at once in one UNION ALL, each row labelled with
    its block; their categories come from the (small) category table, read
    first. Nothing sorts or ranks the whole table (the per-category ROW_NUMBER
    this replaces sorted every published article on each rebuild). Two more
    members are the next article to appear and the next to go by schedule
    (Article.objects.next_scheduled): their moments are the one
    Article.objects.due_changes_after answers, which the cache needs first.
    """
    published = Article.objects.published(now)
    newest = ("-publish_at", "-pk")
    categories = all_categories()
    by_id = {category.pk: category for category in categories}
    children = {}
    for category in categories:
        if category.parent_id:
            category.parent = by_id[category.parent_id]
            children.setdefault(category.parent_id, []).append(category.pk)
    tops = [category for category in categories if category.parent_id is None and category.show_in_menu]
    recent = published.order_by(*newest).values("pk")[:MOST_READ_AMONG]
    parts = {
        "lead": published.filter(is_featured=True).order_by(*newest).values("pk")[:1],
        # One more than shown: the lead story is left out of the list.
        "latest": published.order_by("-is_pinned", *newest).values("pk")[: LATEST_COUNT + 1],
        # Most read among recent news, so an old favourite does not stay on top for years.
        "most_read": published.filter(pk__in=recent, view_count__gt=0)
        .order_by("-view_count", *newest)
        .values("pk")[:MOST_READ_COUNT],
    }
    for top in tops:
        ids = [top.pk, *children.get(top.pk, [])]
        parts[f"section:{top.pk}"] = published.filter(category_id__in=ids).order_by(*newest).values("pk")[:PER_CATEGORY]
    for field, query in Article.objects.next_scheduled(now).items():
        parts[f"due:{field}"] = query
    # Each part wrapped in "pk IN (…)": SQLite allows no LIMIT in the members of a compound query.
    # What teaser lists show (as for_listing(), with the categories read above).
    members = [
        Article.objects.filter(pk__in=query).order_by().defer("body", "search_text").annotate(part=Value(name))
        for name, query in parts.items()
    ]
    shown, rows, moments = {}, {}, []
    for row in members[0].union(*members[1:], all=True):
        if row.part.startswith("due:"):  # not shown: when the next one appears or goes
            moments.append(getattr(row, row.part.removeprefix("due:")))
            continue
        article = rows.setdefault(row.pk, row)  # one instance for an article in several blocks
        article.category = by_id[article.category_id]
        shown.setdefault(row.part, []).append(article)

    def ordered(name, *fields):
        return sorted(shown.get(name, []), key=lambda article: [getattr(article, f) for f in fields], reverse=True)

    lead = next(iter(shown.get("lead", [])), None)
    latest = [article for article in ordered("latest", "is_pinned", "publish_at", "pk") if article != lead]
    sections = [
        {"category": top, "articles": ordered(f"section:{top.pk}", "publish_at", "pk")}
        for top in tops
        if f"section:{top.pk}" in shown
    ]
    return min(moments, default=None), {
        "lead": lead,
        "latest": latest[:LATEST_COUNT],
        "sections": sections,
        "most_read": ordered("most_read", "view_count", "publish_at", "pk"),
    }


def news_blocks():
    """Everything the news blocks show, from the cache when possible (from a cold cache, the
    articles' next scheduled moment comes with them: dolisa_site.scheduled)."""
    return scheduled.cached("news:blocks", _read, of=Article, shows=[Article, Category, TaggedArticle])


# The four blocks below show parts of the same value; the caching mechanism reads it once
# per request (caching.cached) and records it for each block that shows it.


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
