"""Photo albums of the department's activities."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dolisa_site.scheduled import PublishedFromQuerySet
from dolisa_site.slugs import unique_slug

from .images import PHOTO_NAME, validate_photo


class Album(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=200, unique=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    taken_on = models.DateField(_("date of the activity"), default=timezone.localdate)
    is_published = models.BooleanField(_("published"), default=True)
    published_at = models.DateTimeField(_("published at"), default=timezone.now)

    objects = PublishedFromQuerySet.as_manager()

    class Meta:
        ordering = ["-taken_on", "-pk"]
        verbose_name = _("photo album")
        verbose_name_plural = _("photo albums")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title, fallback="album")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("gallery:album", args=[self.slug])


class Photo(models.Model):
    album = models.ForeignKey(Album, verbose_name=_("album"), related_name="photos", on_delete=models.CASCADE)
    image = models.ImageField(
        _("photo"),
        upload_to=PHOTO_NAME,
        validators=[validate_photo],
        width_field="width",
        height_field="height",
        help_text=_("JPEG, PNG or WebP, at most 15 MB."),
    )
    alt_text = models.CharField(
        _("text alternative"),
        max_length=250,
        help_text=_(
            "What the photo shows, for people who cannot see it, e.g. “Giám đốc Sở trao quà cho gia đình chính sách”."
        ),
    )
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    width = models.PositiveIntegerField(editable=False, null=True)
    height = models.PositiveIntegerField(editable=False, null=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return self.alt_text
