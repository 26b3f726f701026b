"""Site-wide content: the department's profile and the main menu.

Both are read on every page, so both are kept in the cache and dropped from it
whenever a row changes (see signals.py).
"""

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

IMAGE_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "gif"]
# Saving drops the cached copy at once in a shared cache (Redis); the timeout
# bounds how stale a process-local cache can be if several processes run on one.
SITE_CONTENT_TIMEOUT = 300


class SiteProfile(models.Model):
    """Who runs the site: one row, edited in the admin.

    Departments are renamed and merged over time, so nothing about the
    department is written into templates; it all comes from here.
    """

    CACHE_KEY = "site-profile:v1"

    name = models.CharField(_("department name"), max_length=200)
    short_name = models.CharField(
        _("short name"), max_length=100, blank=True, help_text=_("Used in browser tab titles, e.g. “Sở LĐTBXH”.")
    )
    parent_body = models.CharField(_("parent body"), max_length=200, blank=True)
    description = models.TextField(
        _("introduction"), blank=True, help_text=_("A few sentences shown on the home page and to search engines.")
    )
    logo = models.ImageField(
        _("logo"), upload_to="site/", blank=True, validators=[FileExtensionValidator(IMAGE_EXTENSIONS)]
    )
    banner = models.ImageField(
        _("header banner"),
        upload_to="site/",
        blank=True,
        validators=[FileExtensionValidator(IMAGE_EXTENSIONS)],
        help_text=_("A wide decorative image behind the department name (about 1200 × 160 pixels)."),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    fax = models.CharField(_("fax"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    hotline = models.CharField(_("hotline"), max_length=50, blank=True)
    responsible_person = models.CharField(_("person responsible"), max_length=200, blank=True)
    licence = models.CharField(
        _("licence line"), max_length=300, blank=True, help_text=_("E.g. the number and date of the website licence.")
    )
    working_hours = models.TextField(_("working hours"), blank=True)
    map_url = models.URLField(_("map link"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("site profile")
        verbose_name_plural = _("site profile")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.pk = 1  # there is only ever one profile
        super().save(*args, **kwargs)

    @classmethod
    def load(cls):
        """The profile, from the cache when possible; created on first use."""
        profile = cache.get(cls.CACHE_KEY)
        if profile is None:
            profile, _created = cls.objects.get_or_create(pk=1, defaults={"name": cls.default_name()})
            cache.set(cls.CACHE_KEY, profile, SITE_CONTENT_TIMEOUT)
        return profile

    @staticmethod
    def default_name():
        return str(_("Department of Labour, Invalids and Social Affairs"))

    @property
    def display_short_name(self):
        return self.short_name or self.name


def validate_menu_link(value):
    """A path on this site ("/lien-he/") or a full http(s) address."""
    if value.startswith("/") and not value.startswith("//"):
        return
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        raise ValidationError(
            _("Enter a path on this site starting with “/” or a full address starting with https://."),
            code="invalid_link",
        ) from None


class MenuItemQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(is_visible=True)

    def top_level(self):
        return self.filter(parent__isnull=True)


class MenuItem(models.Model):
    """An entry of the main menu; two levels at most."""

    CACHE_KEY = "main-menu:v1"

    title = models.CharField(_("title"), max_length=100)
    link = models.CharField(_("link"), max_length=500, validators=[validate_menu_link])
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent entry"),
        null=True,
        blank=True,
        related_name="children",
        on_delete=models.CASCADE,
        limit_choices_to={"parent__isnull": True},
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_visible = models.BooleanField(_("visible"), default=True)

    objects = MenuItemQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("menu entry")
        verbose_name_plural = _("main menu")

    def __str__(self):
        return f"{self.parent.title} › {self.title}" if self.parent_id else self.title

    def clean(self):
        if self.parent_id:
            if self.parent.parent_id:
                raise ValidationError({"parent": _("The menu has two levels: choose a top-level entry.")})
            if self.pk and (self.parent_id == self.pk or self.children.exists()):
                raise ValidationError({"parent": _("An entry that has sub-entries must stay at the top level.")})

    @property
    def is_external(self):
        return not self.link.startswith("/")

    @classmethod
    def tree(cls):
        """Visible entries as plain dicts, top level with their children, cached."""
        tree = cache.get(cls.CACHE_KEY)
        if tree is None:
            items = list(cls.objects.visible().filter(models.Q(parent__isnull=True) | models.Q(parent__is_visible=True)))
            children = {}
            for item in items:
                if item.parent_id:
                    children.setdefault(item.parent_id, []).append(item.as_dict([]))
            tree = [item.as_dict(children.get(item.pk, [])) for item in items if not item.parent_id]
            cache.set(cls.CACHE_KEY, tree, SITE_CONTENT_TIMEOUT)
        return tree

    def as_dict(self, children):
        return {"id": self.pk, "title": self.title, "link": self.link, "external": self.is_external, "children": children}
