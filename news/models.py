"""Categories and articles, with the editorial workflow as the article's own rules.

Who may move an article from one status to the next is decided here, in the
model, so the admin, a crafted POST and a shell session all meet the same
check.
"""

import logging
from pathlib import PurePosixPath

import reversion
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_ckeditor_5.fields import CKEditor5Field
from taggit.managers import TaggableManager
from taggit.models import TagBase, TaggedItemBase

from dolisa_site import slugs, text
from dolisa_site.comments import CommentStatus as CommentStatus  # also news's name for it
from dolisa_site.comments import ModeratedComment
from dolisa_site.trees import TwoLevelQuerySet, TwoLevelTree

from .images import COVER_NAME, validate_image_file
from .sanitize import clean_html, html_to_text

logger = logging.getLogger(__name__)


class RememberedAddress:
    """get_absolute_url() reversed once per instance (and slug): the home page shows some fifty
    addresses of thirty articles and their categories, each twice or thrice. Not kept when the
    instance is pickled into the cache, so an address is always made by this process's URLconf."""

    url_name = None

    def get_absolute_url(self):
        memo = self.__dict__.get("_address")
        if memo is None or memo[0] != self.slug:
            memo = self.__dict__["_address"] = (self.slug, reverse(self.url_name, args=[self.slug]))
        return memo[1]

    def __getstate__(self):
        state = super().__getstate__()
        state.pop("_address", None)
        return state


class Category(RememberedAddress, TwoLevelTree):
    """A section of the news ("Lao động - Việc làm"), at most two levels deep."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(
        _("slug"),
        max_length=160,
        unique=True,
        blank=True,
        help_text=_("The web address of the category; made from the name when left empty."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        null=True,
        blank=True,
        related_name="children",
        on_delete=models.PROTECT,
        limit_choices_to={"parent__isnull": True},
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    show_in_menu = models.BooleanField(
        _("shown in menu"),
        default=True,
        help_text=_("Listed on the home page and among its parent's sub-categories."),
    )
    description = models.TextField(_("description"), blank=True)

    objects = TwoLevelQuerySet.as_manager()

    parent_not_top_level_message = _("Categories have two levels: choose a top-level category.")
    has_children_message = _("A category with sub-categories must stay at the top level.")

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name

    def save(self, *args, **kwargs):
        self.name, self.description = text.nfc(self.name), text.nfc(self.description)
        if not self.slug:
            self.slug = unique_slug(Category, self.name, self.pk)
        super().save(*args, **kwargs)

    url_name = "news:category"

    @property
    def top(self):
        return self.parent if self.parent_id else self

    def breadcrumbs(self):
        """(label, url) pairs from the top-level category down to this one."""
        trail = [(self.parent.name, self.parent.get_absolute_url())] if self.parent_id else []
        return trail + [(self.name, self.get_absolute_url())]


def unique_slug(model, title, pk=None):
    """A slug from a Vietnamese title, numbered when already taken ("…-2"); an article's old
    addresses (still redirected) count as taken."""
    old_slugs = OldSlug.objects.exclude(article_id=pk) if model is Article else None
    return slugs.unique_slug(model, title, exclude_pk=pk, fallback="bai-viet", also_taken=old_slugs)


class Tag(TagBase):
    """A tag whose address follows the same Vietnamese slug rule as everything else."""

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def save(self, *args, **kwargs):
        self.name = text.nfc(self.name).strip()
        super().save(*args, **kwargs)

    def slugify(self, tag, i=None):
        slug = text.vietnamese_slugify(tag, max_length=90) or "the"
        return f"{slug}-{i}" if i is not None else slug

    def get_absolute_url(self):
        return reverse("news:tag", args=[self.slug])


class TaggedArticle(TaggedItemBase):
    tag = models.ForeignKey(Tag, related_name="tagged_articles", on_delete=models.CASCADE)
    content_object = models.ForeignKey("Article", on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("article tag")
        verbose_name_plural = _("article tags")


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    PUBLISHED = "published", _("Published")
    SENT_BACK = "sent_back", _("Sent back")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """What the public may see right now.

        Visibility is decided by the clock at query time, so a scheduled
        article appears (and an expiring one disappears) without a cron job.
        """
        now = now or timezone.now()
        return self.filter(status=ArticleStatus.PUBLISHED, publish_at__lte=now).filter(
            Q(unpublish_at__isnull=True) | Q(unpublish_at__gt=now)
        )

    def newest_first(self):
        return self.order_by("-publish_at", "-pk")

    def visible_to(self, user):
        """The articles `user` may see in the admin and preview: a reviewer sees every
        article, an editor only their own."""
        if not user.is_authenticated:
            return self.none()
        if user.has_perm("news.publish_article"):
            return self
        return self.filter(created_by=user.pk)

    def workflow_of(self, pk):
        """{column: value} of an article's WORKFLOW_FIELDS as stored now, or None if there is no such article."""
        return self.filter(pk=pk).values(*WORKFLOW_COLUMNS).first()

    def keep_workflow(self, workflow):
        """Put back the workflow columns read by workflow_of(): restoring an old revision
        rewrites the row from the revision, but the status, schedule and address stay
        as they are now. An UPDATE through the ORM, so the page caches see it."""
        return self.update(**workflow)

    def for_listing(self):
        """Only what teaser lists show; the body stays in the database."""
        return self.select_related("category", "category__parent").defer("body", "search_text")

    def in_category(self, category, children=None):
        """Articles of a category and of its sub-categories.

        Matched as category_id IN (the category and its children), the ids read
        from the small category table (`children`, when the caller has them
        already, saves that query): a condition on the category's parent instead
        can only be tested row by row, which scans every article.
        """
        if category.parent_id:  # two levels: a sub-category has no children
            ids = [category.pk]
        elif children is not None:
            ids = [category.pk, *(child.pk for child in children)]
        else:
            ids = [category.pk, *Category.objects.filter(parent=category.pk).values_list("pk", flat=True)]
        return self.filter(category_id__in=ids)

    def search(self, query):
        """Articles matching the query (text.matching(): every word begins a word), title matches first.

        Compared on the stored search form (no diacritics, lowercase), so
        results are the same on SQLite and PostgreSQL; on PostgreSQL a trigram
        index finds rare words (migration 0003). A common word ("lao dong")
        matches a large share of the archive; ranking is then done among its
        newest SEARCH_MAX_RESULTS matches, which the database finds by walking
        the date index, so the cost stays bounded at any archive size.
        """
        matches = self.filter(text.matching("search_text", query))
        in_title = text.matching("search_title", query)
        newest_matches = matches.order_by("-publish_at", "-pk").values("pk")[:SEARCH_MAX_RESULTS]
        return (
            self.model.objects.filter(pk__in=newest_matches)
            .annotate(
                title_match=models.Case(models.When(in_title, then=1), default=0, output_field=models.IntegerField())
            )
            .order_by("-title_match", "-publish_at", "-pk")
        )

    def next_scheduled(self, now):
        """{field: the next published article to appear (publish_at) or to go (unpublish_at) after `now`}, as
        queries of its pk: the rows whose moments due_changes_after() answers, for a block that reads them
        with its own rows in one query (news.blocks). Each found through its index, as there."""
        published = self.filter(status=ArticleStatus.PUBLISHED)
        return {
            field: published.filter(**{f"{field}__gt": now}).order_by(field).values("pk")[:1]
            for field in ("publish_at", "unpublish_at")
        }

    def due_changes_after(self, now):
        """The next moment an already-published article appears or disappears by schedule."""
        # The WHERE lets the database read only the few scheduled rows, through the indexes
        # on publish_at and unpublish_at, instead of taking the minimum over every published row.
        upcoming = self.filter(
            Q(publish_at__gt=now) | Q(unpublish_at__gt=now), status=ArticleStatus.PUBLISHED
        ).aggregate(
            next_publish=models.Min("publish_at", filter=Q(publish_at__gt=now)),
            next_unpublish=models.Min("unpublish_at", filter=Q(unpublish_at__gt=now)),
        )
        moments = [moment for moment in upcoming.values() if moment]
        return min(moments) if moments else None


SEARCH_MAX_RESULTS = 500

# Fields that belong to the workflow, not to the text: restoring an old
# revision brings back the words, never an old status or schedule.
WORKFLOW_FIELDS = (
    "status",
    "slug",
    "publish_at",
    "unpublish_at",
    "sent_back_reason",
    "view_count",
    "version",
    "created_by",
    "created_at",
    "first_published_at",
)
WORKFLOW_COLUMNS = tuple(f"{name}_id" if name == "created_by" else name for name in WORKFLOW_FIELDS)


class WorkflowError(Exception):
    """A transition that the article's current status does not allow."""


class Article(RememberedAddress, models.Model):
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_(
            "The article's web address; made from the title when left empty. Changing it keeps the old address working."
        ),
    )
    category = models.ForeignKey(
        Category, verbose_name=_("category"), related_name="articles", on_delete=models.PROTECT
    )
    summary = models.TextField(_("summary"), max_length=1000, help_text=_("The lead paragraph (sapo), shown in lists."))
    body = CKEditor5Field(_("body"), config_name="news")
    cover_image = models.ImageField(
        _("cover image"),
        upload_to=COVER_NAME,
        blank=True,
        validators=[validate_image_file],
        width_field="cover_width",
        height_field="cover_height",
    )
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_alt = models.CharField(
        _("cover image description"),
        max_length=300,
        blank=True,
        help_text=_("What the picture shows, for readers who cannot see it."),
    )
    cover_caption = models.CharField(_("cover image caption"), max_length=300, blank=True)
    cover_renditions = models.JSONField(default=list, blank=True, editable=False)
    author = models.CharField(_("author"), max_length=150, blank=True, help_text=_("E.g. “Nguyễn Hiền”."))
    source_note = models.CharField(
        _("source"), max_length=300, blank=True, help_text=_("E.g. “nguồn: BC số 253/SLĐTBXH”.")
    )
    tags = TaggableManager(_("tags"), through=TaggedArticle, blank=True, help_text=_("Separate tags with commas."))
    is_featured = models.BooleanField(
        _("lead story"), default=False, help_text=_("Shown large at the top of the home page.")
    )
    is_pinned = models.BooleanField(_("pinned"), default=False, help_text=_("Kept at the top of the latest news."))
    comments_open = models.BooleanField(
        _("reader comments open"),
        default=False,
        help_text=_("Readers may send comments; each is shown only after a reviewer publishes it."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT, editable=False
    )
    publish_at = models.DateTimeField(
        _("publish time"),
        null=True,
        blank=True,
        help_text=_("Leave empty to publish at the moment of approval; a future time schedules the article."),
    )
    unpublish_at = models.DateTimeField(
        _("unpublish time"), null=True, blank=True, help_text=_("Optional: the article disappears at this time.")
    )
    first_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    sent_back_reason = models.TextField(_("reason for sending back"), blank=True, editable=False)
    view_count = models.PositiveIntegerField(_("views"), default=0, editable=False)
    # Raised on every save: a form carrying an older number is a stale edit.
    version = models.PositiveIntegerField(default=1, editable=False)
    search_title = models.TextField(default="", editable=False)
    search_text = models.TextField(default="", editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [
            ("submit_article", _("Can submit an article for review")),
            ("publish_article", _("Can publish an article")),
            ("send_back_article", _("Can send an article back to its editor")),
            ("withdraw_article", _("Can withdraw a published article")),
        ]
        indexes = [
            models.Index(fields=["status", "publish_at"], name="news_article_visible_idx"),
            models.Index(fields=["category", "status", "publish_at"], name="news_article_category_idx"),
            # The public pages read published articles only, newest first by (publish_at, pk):
            # partial indexes in that order serve each of their queries without a sort or a
            # scan of the table. The trailing columns let a list find its page's keys from the
            # index alone (news.paging). Proved by dolisa_site/tests/test_query_plans.py.
            models.Index(
                fields=["publish_at", "id", "category", "unpublish_at"],
                condition=Q(status=ArticleStatus.PUBLISHED),
                name="news_article_public_idx",
            ),
            models.Index(
                fields=["category", "publish_at", "id", "unpublish_at"],
                condition=Q(status=ArticleStatus.PUBLISHED),
                name="news_article_public_cat_idx",
            ),
            # The latest news: pinned ones first.
            models.Index(
                fields=["is_pinned", "publish_at", "id"],
                condition=Q(status=ArticleStatus.PUBLISHED),
                name="news_article_latest_idx",
            ),
            # The lead story: the newest featured article.
            models.Index(
                fields=["publish_at", "id"],
                condition=Q(status=ArticleStatus.PUBLISHED, is_featured=True),
                name="news_article_lead_idx",
            ),
            # The next scheduled unpublish time (due_changes_after).
            models.Index(
                fields=["unpublish_at"],
                condition=Q(status=ArticleStatus.PUBLISHED, unpublish_at__isnull=False),
                name="news_article_unpublish_idx",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.cover_image and not self.cover_alt.strip():
            raise ValidationError({"cover_alt": _("Describe the cover image for readers who cannot see it.")})
        if self.publish_at and self.unpublish_at and self.unpublish_at <= self.publish_at:
            raise ValidationError({"unpublish_at": _("The unpublish time must be after the publish time.")})

    def fill_search_fields(self):
        """The folded title and text that search matches; bulk loaders, which skip save(), call it too."""
        self.search_title = text.search_form(self.title)
        self.search_text = text.search_form(" ".join([self.title, self.summary, html_to_text(self.body)]))

    def save(self, *args, **kwargs):
        for field in ("title", "summary", "author", "source_note", "cover_alt", "cover_caption", "sent_back_reason"):
            setattr(self, field, text.nfc(getattr(self, field)).strip())
        self.body = text.nfc(clean_html(self.body, image_size=media_image_size))
        self.remember_old_slug()
        if not self.slug:
            self.slug = unique_slug(Article, self.title, self.pk)
        self.fill_search_fields()
        cover_changed = self._cover_changed()
        if self.pk:
            self.version = (self.version or 0) + 1
        super().save(*args, **kwargs)
        if cover_changed:
            self.make_renditions()

    def _cover_changed(self):
        if not self.pk:
            return bool(self.cover_image)
        stored = Article.objects.filter(pk=self.pk).values_list("cover_image", flat=True).first()
        return (stored or "") != (self.cover_image.name or "")

    def remember_old_slug(self):
        """Keep a published article's previous address, to redirect from it."""
        if not self.pk or not self.first_published_at:
            return
        previous = Article.objects.filter(pk=self.pk).values_list("slug", flat=True).first()
        if previous and previous != self.slug:
            OldSlug.objects.update_or_create(slug=previous, defaults={"article_id": self.pk})
            OldSlug.objects.filter(slug=self.slug).delete()

    # --- URLs -------------------------------------------------------------------

    url_name = "news:article"

    def get_print_url(self):
        return reverse("news:article_print", args=[self.slug])

    def get_preview_url(self):
        return reverse("news:article_preview", args=[self.pk])

    # --- Visibility -------------------------------------------------------------

    def is_public(self, now=None):
        now = now or timezone.now()
        return (
            self.status == ArticleStatus.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= now
            and (self.unpublish_at is None or self.unpublish_at > now)
        )

    @property
    def is_scheduled(self):
        return self.status == ArticleStatus.PUBLISHED and self.publish_at and self.publish_at > timezone.now()

    # --- Workflow -----------------------------------------------------------------

    # status → {transition: (allowed from, needed permission, new status)}
    TRANSITIONS = {
        "submit": ({ArticleStatus.DRAFT, ArticleStatus.SENT_BACK}, "news.submit_article", ArticleStatus.SUBMITTED),
        "publish": (
            {ArticleStatus.DRAFT, ArticleStatus.SUBMITTED, ArticleStatus.SENT_BACK, ArticleStatus.WITHDRAWN},
            "news.publish_article",
            ArticleStatus.PUBLISHED,
        ),
        "send_back": ({ArticleStatus.SUBMITTED}, "news.send_back_article", ArticleStatus.SENT_BACK),
        "withdraw": ({ArticleStatus.PUBLISHED}, "news.withdraw_article", ArticleStatus.WITHDRAWN),
    }
    TRANSITION_LABELS = {
        "submit": _("Submitted for review"),
        "publish": _("Published"),
        "send_back": _("Sent back"),
        "withdraw": _("Withdrawn"),
    }

    def allowed_transitions(self, user):
        return [
            name
            for name, (sources, permission, _target) in self.TRANSITIONS.items()
            if self.status in sources and user.has_perm(permission) and self.can_be_moved_by(user, name)
        ]

    def can_be_moved_by(self, user, transition):
        # An editor submits only their own work; reviewers act on anyone's.
        if transition == "submit" and not user.has_perm("news.publish_article"):
            return self.created_by_id == user.pk
        return True

    def can_be_edited_by(self, user):
        """Reviewers edit any article; an editor only their own, while it is with them."""
        if user.has_perm("news.publish_article"):
            return user.has_perm("news.change_article")
        return (
            user.has_perm("news.change_article")
            and self.created_by_id == user.pk
            and self.status in (ArticleStatus.DRAFT, ArticleStatus.SENT_BACK)
        )

    def transition(self, name, user, reason=""):
        """Move the article to its next status, as `user`, keeping a revision.

        Raises PermissionDenied when the user may not do this, WorkflowError
        when the current status does not allow it.
        """
        if name not in self.TRANSITIONS:
            raise WorkflowError(f"unknown transition {name!r}")
        sources, permission, target = self.TRANSITIONS[name]
        if not user.has_perm(permission) or not self.can_be_moved_by(user, name):
            logger.warning("User %s was refused the %r transition of article %s", user.pk, name, self.pk)
            raise PermissionDenied(f"{user} may not {name} article {self.pk}")
        if self.status not in sources:
            raise WorkflowError(f"article {self.pk} is {self.status}; {name} needs one of {sorted(sources)}")
        if name == "send_back" and not reason.strip():
            raise ValidationError(_("Say why the article is sent back, so the editor can fix it."))
        now = timezone.now()
        self.status = target
        self.updated_by = user
        self.sent_back_reason = reason if name == "send_back" else ""
        if name == "publish":
            if not self.publish_at:
                self.publish_at = now
            self.first_published_at = self.first_published_at or now
        with transaction.atomic(), reversion.create_revision():
            reversion.set_user(user)
            reversion.set_comment(str(self.TRANSITION_LABELS[name]) + (f": {reason}" if reason else ""))
            self.save()
        logger.info("User %s: %s article %s", user.pk, name, self.pk)

    # --- Pictures -------------------------------------------------------------

    def make_renditions(self):
        """The cover's WebP renditions, listed on the row (feeds, exports); pages use {% picture %}.

        Made on save by dolisa_site.pictures (its post_save receiver has
        usually made them already: this only looks them up).
        """
        from dolisa_site import pictures

        found = pictures.prepare(self.cover_image) if self.cover_image else None
        renditions = (
            [{"url": copy.url, "width": copy.width, "height": copy.height} for copy in found.webp] if found else []
        )
        self.cover_renditions = renditions
        Article.objects.filter(pk=self.pk).update(cover_renditions=renditions)

    @property
    def cover_srcset(self):
        return ", ".join(f"{item['url']} {item['width']}w" for item in self.cover_renditions)


def media_image_size(src):
    """(width, height) of an image under MEDIA_URL, or None if there is no such image."""
    from PIL import Image

    name = src[len(settings.MEDIA_URL) :]
    if not name or PurePosixPath(name).is_absolute() or ".." in PurePosixPath(name).parts:
        return None
    try:
        with default_storage.open(name) as handle, Image.open(handle) as image:
            return image.size
    except (OSError, ValueError):
        return None


class OldSlug(models.Model):
    """A former address of a published article, answered with a permanent redirect."""

    slug = models.SlugField(max_length=200, unique=True)
    article = models.ForeignKey(Article, related_name="old_slugs", on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("former address")
        verbose_name_plural = _("former addresses")

    def __str__(self):
        return self.slug


COMMENT_MAX_LENGTH = 2000


class Comment(ModeratedComment):
    """A reader's comment on an article ("Ý kiến bạn đọc"). Nothing about the sender's address is stored."""

    article = models.ForeignKey(Article, verbose_name=_("article"), related_name="comments", on_delete=models.CASCADE)
    email = models.EmailField(_("email"), blank=True, help_text=_("Never published."))
    body = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH)

    class Meta(ModeratedComment.Meta):
        verbose_name = _("reader comment")
        verbose_name_plural = _("reader comments")
        indexes = [models.Index(fields=["article", "status", "created_at"], name="news_comment_article_idx")]
