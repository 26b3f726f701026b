"""Drafts put out for public comment ("Lấy ý kiến dự thảo", Decree 42/2022/NĐ-CP) and the comments on them.

A draft is public from its open_from while published, takes comments until
its open_until, and afterwards may carry the summary of the comments received
and how they were taken into account. Comments are held for moderation; the
sender's contact details are for the drafting unit only and never shown.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dolisa_site import comments, scheduled, text
from dolisa_site.attachments import AttachmentBase
from dolisa_site.comments import CommentStatus
from dolisa_site.slugs import unique_slug

from .files import ATTACHMENT_NAME, SUMMARY_FILE_NAME, validate_file

COMMENT_MAX_LENGTH = 5000
# A Vietnamese number: 0 or +84, then 9 or 10 digits; spaces, dots and dashes between them allowed.
PHONE_PATTERN = re.compile(r"^(?:0|\+84)\d{9,10}$")
PHONE_SEPARATORS = re.compile(r"[\s.\-]")


def validate_phone(value):
    if not PHONE_PATTERN.match(PHONE_SEPARATORS.sub("", value)):
        raise ValidationError(
            _("Enter a phone number of 10 or 11 digits, e.g. 0912 345 678, or leave it empty."), code="invalid_phone"
        )


class DraftQuerySet(scheduled.OpenWindowQuerySet):
    """Drafts on the site from their open_from while published, taking comments until their open_until."""

    opening_field = "open_from"
    closing_field = "open_until"

    def closed(self, now=None):
        now = now or timezone.now()
        return self.published(now).filter(open_until__lte=now)

    def search(self, query):
        return self.filter(text.matching("search_text", query))

    def newest(self):
        return self.order_by("-open_from", "-pk")


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


class Attachment(AttachmentBase):
    draft = models.ForeignKey(Draft, related_name="attachments", on_delete=models.CASCADE)
    file = models.FileField(_("file"), upload_to=ATTACHMENT_NAME, validators=[validate_file])


class CommentQuerySet(comments.CommentQuerySet):
    def received(self):
        """The comments counted as received: all but those a reviewer hid (spam, abuse)."""
        return self.exclude(status=CommentStatus.HIDDEN)


class Comment(comments.ModeratedComment):
    """A citizen's or an organisation's comment on a draft.

    The email and phone are for the drafting unit to answer; they are never published.
    """

    draft = models.ForeignKey(Draft, verbose_name=_("draft"), related_name="comments", on_delete=models.CASCADE)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_phone])
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    body = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH)

    objects = CommentQuerySet.as_manager()

    class Meta(comments.ModeratedComment.Meta):
        verbose_name = _("comment on a draft")
        verbose_name_plural = _("comments on drafts")
        indexes = [models.Index(fields=["draft", "status", "created_at"], name="consultations_comment_idx")]

    def clean(self):
        if not (self.email or "").strip() and not (self.phone or "").strip():
            raise ValidationError(
                {"email": _("Give an email address or a phone number, so the drafting unit can answer you.")},
                code="no_contact",
            )

    def save(self, *args, **kwargs):
        self.organisation = text.nfc(self.organisation).strip()
        super().save(*args, **kwargs)
