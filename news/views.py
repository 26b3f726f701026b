"""Public news pages. Each runs a fixed number of queries whatever the number of articles."""

import logging

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q, Value
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from dolisa_site import caching, viewcounts
from dolisa_site.comments import handle_comment_form
from dolisa_site.list_urls import PAGE, renamed_parameters
from dolisa_site.throttle import Throttle
from dolisa_site.uploads import generated_name

from . import blocks
from .forms import CommentForm
from .images import validate_image_file
from .models import SEARCH_MAX_RESULTS, Article, Category, Comment, OldSlug, Tag, TaggedArticle
from .paging import KeysetPage

logger = logging.getLogger(__name__)

# What an article list shows: articles, their categories and tags.
LISTS = (Article, Category, Tag, TaggedArticle)

PER_PAGE = 15
SEARCH_MAX_LENGTH = 200
RELATED_COUNT = 6
# Articles sharing a tag are ranked among this many of the newest of them.
RELATED_AMONG = 100

# At most five comments an hour from one address.
COMMENTING = Throttle("news:comment", limit=5, window=60 * 60)

# The lists' old page parameter (dolisa_site.list_urls).
OLD_NAMES = renamed_parameters({"trang": PAGE})


def paginate(request, queryset):
    """The requested page of a counted list (search, at most SEARCH_MAX_RESULTS); nonsense page
    numbers fall back to the first or last page."""
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get(PAGE))


def list_page(request, queryset):
    """The requested page of a news list, found by key: never counted, as cheap deep as near (news.paging)."""
    return KeysetPage(request, queryset, PER_PAGE)


@require_safe
@OLD_NAMES
@caching.public_page(*LISTS)
def article_list(request):
    articles = Article.objects.published().for_listing().newest_first()
    return render(
        request,
        "news/article_list.html",
        {
            "page_obj": list_page(request, articles),
            "heading": _("News"),
            "breadcrumbs": [(_("News"), reverse("news:article_list"))],
            "feed_url": reverse("news:feed"),
        },
    )


@require_safe
@OLD_NAMES
@caching.public_page(*LISTS)
def category_detail(request, slug):
    # The whole (small) category table in one query: the category, its parent and its children
    # (cached and shared with the sidebar's blocks).
    categories = blocks.all_categories()
    category = next((item for item in categories if item.slug == slug), None)
    if category is None:
        raise Http404("No such category")
    if category.parent_id:
        category.parent = next(item for item in categories if item.pk == category.parent_id)
    children = [item for item in categories if item.parent_id == category.pk]
    articles = Article.objects.published().in_category(category, children).for_listing().newest_first()
    return render(
        request,
        "news/article_list.html",
        {
            "category": category,
            "subcategories": [child for child in children if child.show_in_menu],
            "page_obj": list_page(request, articles),
            "heading": category.name,
            "breadcrumbs": category.breadcrumbs(),
            "feed_url": reverse("news:category_feed", args=[category.slug]),
        },
    )


@require_safe
@OLD_NAMES
@caching.public_page(*LISTS)
def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    articles = Article.objects.published().filter(tags=tag).for_listing().newest_first()
    return render(
        request,
        "news/article_list.html",
        {
            "tag": tag,
            "page_obj": list_page(request, articles),
            "heading": _("Tag: %(tag)s") % {"tag": tag.name},
            "breadcrumbs": [(_("News"), reverse("news:article_list")), (tag.name, None)],
        },
    )


@require_safe
@OLD_NAMES
@caching.public_page(*LISTS)
def search(request):
    query = request.GET.get("q", "").strip()[:SEARCH_MAX_LENGTH]
    articles = Article.objects.published().search(query).for_listing() if query else Article.objects.none()
    page_obj = paginate(request, articles)
    return render(
        request,
        "news/search.html",
        {
            "query": query,
            "page_obj": page_obj,
            "search_limit": SEARCH_MAX_RESULTS,
            "heading": _("Search"),
            "breadcrumbs": [(_("Search"), None)],
        },
    )


@caching.public_page(*LISTS, Comment, OldSlug)
def article_detail(request, slug):
    article = Article.objects.published().filter(slug=slug).select_related("category", "category__parent").first()
    if article is None:
        old = OldSlug.objects.filter(slug=slug).select_related("article").first()
        if old is not None and old.article.is_public():
            return redirect(old.article, permanent=True)
        raise Http404("No published article has this address")
    viewcounts.mark_viewed(request, article, within=article.category)
    return render(request, "news/article_detail.html", article_context(request, article))


@staff_member_required
def article_preview(request, pk):
    """Any article, as the public would see it, for staff allowed to see it in the admin."""
    visible = Article.objects.visible_to(request.user).select_related("category", "category__parent")
    article = visible.filter(pk=pk).first()
    if article is None:
        raise Http404("No such article, or not this user's")
    context = article_context(request, article)
    context["preview"] = True
    return render(request, "news/article_detail.html", context)


@caching.public_page(*LISTS)
def article_print(request, slug):
    article = get_object_or_404(Article.objects.published().select_related("category", "category__parent"), slug=slug)
    return render(request, "news/article_print.html", {"article": article, "tags": list(article.tags.all())})


@require_POST
def post_comment(request, slug):
    """A reader's comment, held for moderation; the reader is sent back to the article (POST/redirect/GET)."""
    article = get_object_or_404(Article.objects.published().select_related("category", "category__parent"), slug=slug)
    if not article.comments_open:
        logger.warning("Comment refused: comments are closed on article %s", article.pk)
        raise Http404("Comments are closed on this article")

    def render_form(form, throttled):
        context = article_context(request, article, comment_form=form)
        if throttled:
            context["comment_throttled"] = True
        return render(request, "news/article_detail.html", context)

    return handle_comment_form(
        request,
        CommentForm(request.POST, instance=Comment(article=article)),
        on=article,
        throttle=COMMENTING,
        render_form=render_form,
        logger=logger,
        success_message=_("Thank you. Your comment awaits moderation and will appear once a reviewer publishes it."),
    )


def article_context(request, article, comment_form=None):
    # The tags and the two lists change only when articles or tags do (or a scheduled moment
    # comes): kept, they spare every view of the page its two costliest queries.
    tags, related, older = caching.cached(
        f"news:article-links:{article.pk}", lambda: _article_links(article), shows=LISTS
    )
    return {
        "article": article,
        "tags": tags,
        "related": related,
        "older": older,
        # One query whatever their number; shown even after comments are closed.
        "comments": list(article.comments.published()),
        "comment_form": comment_form or CommentForm(),
        "breadcrumbs": article.category.breadcrumbs() + [(article.title, None)],
        "json_ld_data": news_article_json_ld(request, article, tags),
        # The count in the table plus the views not flushed yet (one cache read).
        "view_count": viewcounts.shown_views(article),
    }


def _article_links(article):
    """The article's tags, "Tin khác" and "Tin đã đưa"."""
    tags = list(article.tags.all())
    published = Article.objects.published().exclude(pk=article.pk).for_listing()
    # "Tin khác": articles sharing tags (most shared first), then newer ones of
    # the same category; "Tin đã đưa" lists the older ones of the category.
    # The candidates are bounded, each found through an index: the newest
    # RELATED_AMONG articles sharing a tag and the newest of the category (a
    # common tag is on thousands of articles; ranking them all scanned the table).
    moment = article.publish_at or article.created_at
    newest = ("-publish_at", "-pk")
    same_category_newer = published.filter(category=article.category, publish_at__gt=moment)
    candidates = [same_category_newer.order_by(*newest).values("pk")[:RELATED_COUNT]]
    if tags:
        candidates.append(published.filter(tags__in=tags).order_by(*newest).values("pk")[:RELATED_AMONG])
    # Each wrapped in "pk IN (…)": SQLite allows no LIMIT in the members of a compound query.
    members = [Article.objects.filter(pk__in=query).order_by().values("pk") for query in candidates]
    related_query = published.filter(pk__in=members[0].union(*members[1:], all=True) if tags else members[0])
    if tags:
        related_query = related_query.annotate(shared_tags=Count("tags", filter=Q(tags__in=tags), distinct=True))
    else:
        related_query = related_query.annotate(shared_tags=Value(0))
    related = list(related_query.order_by("-shared_tags", *newest)[:RELATED_COUNT])
    older = list(
        published.filter(category=article.category, publish_at__lt=moment)
        .exclude(pk__in=[item.pk for item in related])
        .newest_first()[:RELATED_COUNT]
    )
    return tags, related, older


def news_article_json_ld(request, article, tags):
    """schema.org NewsArticle, for search engines' news listings."""
    from dolisa_site.models import SiteProfile

    profile = SiteProfile.load()
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "description": article.summary,
        "datePublished": article.publish_at.isoformat() if article.publish_at else None,
        "dateModified": article.updated_at.isoformat(),
        "articleSection": article.category.name,
        "keywords": [tag.name for tag in tags],
        "inLanguage": "vi",
        "mainEntityOfPage": request.build_absolute_uri(article.get_absolute_url()),
        "publisher": {"@type": "GovernmentOrganization", "name": profile.name},
    }
    if article.author:
        data["author"] = {"@type": "Person", "name": article.author}
    else:
        data["author"] = {"@type": "GovernmentOrganization", "name": profile.name}
    if article.cover_image:
        data["image"] = [request.build_absolute_uri(article.cover_image.url)]
    return data


@require_POST
@staff_member_required
def editor_upload(request):
    """Pictures pasted or inserted in the editor (CKEditor 5's upload protocol).

    Only staff who may write articles; every file is decoded by Pillow and
    stored under a generated name, whatever it was called.
    """
    from django.core.files.storage import default_storage

    if not (request.user.has_perm("news.add_article") or request.user.has_perm("news.change_article")):
        return JsonResponse({"error": {"message": _("You may not upload pictures.")}}, status=403)
    upload = request.FILES.get("upload")
    if upload is None:
        return JsonResponse({"error": {"message": _("Choose a picture to upload.")}}, status=400)
    try:
        image_format = validate_image_file(upload)
    except ValidationError as exc:
        return JsonResponse({"error": {"message": " ".join(exc.messages)}}, status=400)
    name = default_storage.save(generated_name("news/body", image_format), upload)
    logger.info("User %s uploaded editor image %s", request.user.pk, name)
    return JsonResponse({"url": default_storage.url(name)})
