"""Files attached to a published item (a document, a draft for comment, a disclosure item).

Each app's concrete model adds the foreign key to its item and its own ``file``
field, whose upload rules and generated name are the app's (its files.py); the
rest, what a new upload records about itself and the admin's inline, is the same
everywhere.
"""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from .uploads import detect_document, original_name


class AttachmentBase(models.Model):
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("Left empty, the uploaded file's name is used.")
    )
    # The uploader's own name for the file: offered when it is downloaded, never part of its address.
    file_name = models.CharField(_("original file name"), max_length=255, editable=False, blank=True)
    kind = models.CharField(_("file type"), max_length=4, editable=False, blank=True)
    size = models.PositiveBigIntegerField(_("size"), editable=False, default=0)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]
        verbose_name = _("attached file")
        verbose_name_plural = _("attached files")

    def __str__(self):
        return self.title or self.file.name

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:
            # A new upload: record what its content is before the name is made from it.
            self.kind = detect_document(self.file) or ""
            self.size = self.file.size
            if not self.title:
                self.title = original_name(self.file.name)[:200]
        super().save(*args, **kwargs)

    @property
    def kind_label(self):
        return self.kind.upper()

    @property
    def download_name(self):
        """The name the browser saves the file under: the uploader's, or the title with the real extension."""
        return self.file_name or f"{self.title or 'tep'}.{self.kind or 'bin'}"


class AttachmentInline(admin.TabularInline):
    """The item's files on its admin page; a subclass names its app's model."""

    fields = ["file", "title", "order", "file_name", "kind", "size"]
    readonly_fields = ["file_name", "kind", "size"]
    extra = 1
