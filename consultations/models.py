"""Drafts put out for public comment ("Lấy ý kiến dự thảo", Decree 42/2022/NĐ-CP) and the comments on them.

A draft is public from its open_from while published, takes comments until
its open_until, and afterwards may carry the summary of the comments received
and how they were taken into account. Comments are held for moderation; the
sender's contact details are for the drafting unit only and never shown.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dolisa_site import text
from dolisa_site.slugs import unique_slug
from dolisa_site.uploads import original_name

from .files import ATTACHMENT_NAME, SUMMARY_FILE_NAME, detect_kind, validate_file

COMMENT_MAX_LENGTH = 5000
# A Vietnamese number: 0 or +84, then 9 or 10 digits; spaces, dots and dashes between them allowed.
PHONE_PATTERN = re.compile(r"^(?:0|\+84)\d{9,10}$")
PHONE_SEPARATORS = re.compile(r"[\s.\-]")


def validate_phone(value):
    if not PHONE_PATTERN.match(PHONE_SEPARATORS.sub("", value)):
        raise ValidationError(
            _("Enter a phone number of 10 or 11 digits, e.g. 0912 345 678, or leave it empty."), code="invalid_phone"
        )


class DraftQuerySet(models.QuerySet):
    def published(self, now=None):
        """Drafts on the site: published and past their open_from."""
        return self.filter(is_published=True, open_from__lte=now or timezone.now())

    def open(self, now=None):
        """Drafts taking comments at `now`."""
        now = now or timezone.now()
        return self.published(now).filter(open_until__gt=now)

    def closed(self, now=None):
        now = now or timezone.now()
        return self.published(now).filter(open_until__lte=now)

    def search(self, query):
        return self.filter(text.matching("search_text", query))

    def newest(self):
        return self.order_by("-open_from", "-pk")

    def due_changes_after(self, now):
        """The next moment a draft appears or closes (cached pages and blocks follow it)."""
        moments = self.filter(is_published=True).aggregate(
            opens=models.Min("open_from", filter=Q(open_from__gt=now)),
            closes=models.Min("open_until", filter=Q(open_until__gt=now)),
        )
        return min((moment for moment in moments.values() if moment), default=None)

    def next_scheduled(self, now):
        """{field: the pk of the next draft to open (open_from) or to close (open_until) after `now`}, as
        queries: the rows whose moments due_changes_after() answers, for a block that reads them with
        its own rows in one query (views.py)."""
        published = self.filter(is_published=True)
        return {
            field: published.filter(**{f"{field}__gt": now}).order_by(field).values("pk")[:1]
            for field in ("open_from", "open_until")
        }


class Draft(models.Model):
    title = models.CharField(_("title"), max_length=500)
    slug = models.SlugField(_("address"), max_length=200, unique=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    drafting_unit = models.CharField(
        _("drafting unit"), max_length=200, help_text=_("The office or division that drafted it.")
    )
    open_from = models.DateTimeField(_("open for comment from"), default=timezone.now)
    open_until = models.DateTimeField(_("open for comment until"))
    is_published = models.BooleanField(_("published"), default=False)
    comments_summary = models.TextField(
        _("summary of the comments"),
        blank=True,
        help_text=_("After the deadline: the comments received and how they were taken into account."),
    )
    comments_summary_file = models.FileField(
        _("file of the summary"), upload_to=SUMMARY_FILE_NAME, validators=[validate_file], blank=True
    )
    comments_summary_file_name = models.CharField(_("original file name"), max_length=255, editable=False, blank=True)
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = DraftQuerySet.as_manager()

    class Meta:
        ordering = ["-open_from", "-pk"]
        verbose_name = _("draft for comment")
        verbose_name_plural = _("drafts for comment")
        permissions = [("publish_draft", _("Can publish drafts for comment"))]
        indexes = [models.Index(fields=["is_published", "-open_from"], name="consultations_published_idx")]

    def __str__(self):
        return self.title

    def clean(self):
        if self.open_from and self.open_until and self.open_until <= self.open_from:
            raise ValidationError({"open_until": _("The comment period must end after it begins.")})

    def save(self, *args, **kwargs):
        self.title = text.nfc(self.title).strip()
        if not self.slug:
            self.slug = unique_slug(self, self.title, fallback="du-thao")
        self.search_text = text.search_form(f"{self.title} {self.summary} {self.drafting_unit}")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("consultations:detail", args=[self.slug])

    def is_open(self, now=None):
        """Whether the draft takes comments at `now`: from open_from (included) until open_until (excluded)."""
        now = now or timezone.now()
        return self.is_published and self.open_from <= now < self.open_until

    @property
    def comments_summary_download_name(self):
        return (
            self.comments_summary_file_name or f"tong-hop-y-kien.{self.comments_summary_file.name.rsplit('.', 1)[-1]}"
        )


class Attachment(models.Model):
    draft = models.ForeignKey(Draft, related_name="attachments", on_delete=models.CASCADE)
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("Left empty, the uploaded file's name is used.")
    )
    file = models.FileField(_("file"), upload_to=ATTACHMENT_NAME, validators=[validate_file])
    # The uploader's own name for the file: offered when it is downloaded, never part of its address.
    file_name = models.CharField(_("original file name"), max_length=255, editable=False, blank=True)
    kind = models.CharField(_("file type"), max_length=4, editable=False, blank=True)
    size = models.PositiveBigIntegerField(_("size"), editable=False, default=0)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("attached file")
        verbose_name_plural = _("attached files")

    def __str__(self):
        return self.title or self.file.name

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:
            # A new upload: record what its content is before the name is made from it.
            self.kind = detect_kind(self.file) or ""
            self.size = self.file.size
            if not self.title:
                self.title = original_name(self.file.name)[:200]
        super().save(*args, **kwargs)

    @property
    def kind_label(self):
        return self.kind.upper()

    @property
    def download_name(self):
        return self.file_name or f"{self.title or 'tep'}.{self.kind or 'bin'}"


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    PUBLISHED = "published", _("Published")
    HIDDEN = "hidden", _("Hidden")


class CommentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=CommentStatus.PUBLISHED)

    def received(self):
        """The comments counted as received: all but those a reviewer hid (spam, abuse)."""
        return self.exclude(status=CommentStatus.HIDDEN)

    def moderate(self, status, by):
        """Set these comments to `status` as reviewer `by`, stamping who and when; those
        already in that status keep their stamps. Returns how many changed."""
        Comment.check_status(status)
        return self.exclude(status=status).update(status=status, moderated_by=by, moderated_at=timezone.now())


class Comment(models.Model):
    """A citizen's or an organisation's comment on a draft, kept as typed and always shown escaped.

    The email and phone are for the drafting unit to answer; they are never published.
    """

    draft = models.ForeignKey(Draft, verbose_name=_("draft"), related_name="comments", on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_phone])
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    body = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH)
    status = models.CharField(_("status"), max_length=10, choices=CommentStatus.choices, default=CommentStatus.PENDING)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now, editable=False)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment on a draft")
        verbose_name_plural = _("comments on drafts")
        indexes = [models.Index(fields=["draft", "status", "created_at"], name="consultations_comment_idx")]

    def __str__(self):
        return f"{self.name}: {self.body[:60]}"

    def clean(self):
        if not (self.email or "").strip() and not (self.phone or "").strip():
            raise ValidationError(
                {"email": _("Give an email address or a phone number, so the drafting unit can answer you.")},
                code="no_contact",
            )

    def save(self, *args, **kwargs):
        self.name = text.nfc(self.name).strip()
        self.organisation = text.nfc(self.organisation).strip()
        self.body = text.nfc(self.body).strip()
        super().save(*args, **kwargs)

    @classmethod
    def check_status(cls, status):
        if status not in CommentStatus.values:
            raise ValueError(f"unknown comment status {status!r}")

    def moderate(self, status, by):
        """A reviewer's decision on this comment: the status, who decided and when; saved."""
        self.check_status(status)
        self.status = status
        self.moderated_by = by
        self.moderated_at = timezone.now()
        self.save()
