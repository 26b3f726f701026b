"""Legal and administrative documents published under Decree 42/2022/NĐ-CP.

A document is catalogued by its number and symbol, type, issuing body, subject,
signer and dates, with its files attached. Every save refreshes a normalised
copy of the catalogue text, which the public search compares against.
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dolisa_site.attachments import AttachmentBase
from dolisa_site.scheduled import PublishableQuerySet
from dolisa_site.slugs import unique_slug
from dolisa_site.text import search_form

from .files import ATTACHMENT_NAME, validate_attachment


class CatalogueEntry(models.Model):
    """A named value documents are filtered by, in an editor-chosen order."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name in addresses"), max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class DocumentType(CatalogueEntry):
    class Meta(CatalogueEntry.Meta):
        verbose_name = _("document type")
        verbose_name_plural = _("document types")


class IssuingBody(CatalogueEntry):
    class Meta(CatalogueEntry.Meta):
        verbose_name = _("issuing body")
        verbose_name_plural = _("issuing bodies")


class Subject(CatalogueEntry):
    class Meta(CatalogueEntry.Meta):
        verbose_name = _("field")
        verbose_name_plural = _("fields")


class DocumentQuerySet(PublishableQuerySet):
    newest_order = ["-issued_on", "-pk"]


class Document(models.Model):
    number = models.CharField(
        _("number and symbol"), max_length=100, help_text=_("As printed on the document, e.g. “15/2024/QĐ-UBND”.")
    )
    title = models.CharField(_("excerpt"), max_length=500, help_text=_("The document's subject line (trích yếu)."))
    slug = models.SlugField(_("address"), max_length=200, unique=True, blank=True)
    document_type = models.ForeignKey(
        DocumentType, verbose_name=_("document type"), on_delete=models.PROTECT, related_name="documents"
    )
    issuing_body = models.ForeignKey(
        IssuingBody, verbose_name=_("issuing body"), on_delete=models.PROTECT, related_name="documents"
    )
    subject = models.ForeignKey(
        Subject, verbose_name=_("field"), on_delete=models.PROTECT, related_name="documents", null=True, blank=True
    )
    signer = models.CharField(_("signed by"), max_length=200, blank=True)
    issued_on = models.DateField(_("issued on"))
    effective_on = models.DateField(_("in effect from"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), default=timezone.now)
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [models.Index(fields=["is_published", "-issued_on"], name="documents_published_idx")]

    def __str__(self):
        return f"{self.number} – {self.title}"

    def clean(self):
        if self.effective_on and self.issued_on and self.effective_on < self.issued_on:
            raise ValidationError({"effective_on": _("A document cannot take effect before it is issued.")})

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, f"{self.number} {self.title}", fallback="van-ban")
        self.search_text = self.catalogue_text()
        super().save(*args, **kwargs)

    def catalogue_text(self):
        """Everything a reader may search for, in the search form (see dolisa_site.text)."""
        parts = [self.number, self.title, self.summary, self.signer]
        parts += [entry.name for entry in (self.document_type, self.issuing_body, self.subject) if entry is not None]
        return search_form(" ".join(parts))

    def get_absolute_url(self):
        return reverse("documents:detail", args=[self.slug])


def attachment_path(instance, filename):
    """Superseded by files.ATTACHMENT_NAME; migration 0001 names it."""
    kind = instance.kind or "bin"
    return f"documents/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{kind}"


class Attachment(AttachmentBase):
    document = models.ForeignKey(Document, related_name="attachments", on_delete=models.CASCADE)
    file = models.FileField(_("file"), upload_to=ATTACHMENT_NAME, validators=[validate_attachment])
