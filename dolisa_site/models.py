"""Site-wide content: the department's profile, the main menu, the links to other sites,
the about page with its leaders, and the organisation's units.

What every page reads (the profile, the menu, the web links) is kept in the cache until
one of its rows changes (dolisa_site.caching).
"""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from . import caching
from .images import site_picture, validate_site_picture
from .singletons import SingletonModel
from .trees import TwoLevelQuerySet, TwoLevelTree


class SiteProfile(SingletonModel):
    """Who runs the site: one row, edited in the admin.

    Departments are renamed and merged over time, so nothing about the
    department is written into templates; it all comes from here.
    """

    name = models.CharField(_("department name"), max_length=200)
    short_name = models.CharField(
        _("short name"), max_length=100, blank=True, help_text=_("Used in browser tab titles, e.g. “Sở LĐTBXH”.")
    )
    parent_body = models.CharField(_("parent body"), max_length=200, blank=True)
    description = models.TextField(
        _("introduction"), blank=True, help_text=_("A few sentences shown on the home page and to search engines.")
    )
    logo = models.ImageField(_("logo"), upload_to=site_picture("logo"), blank=True, validators=[validate_site_picture])
    banner = models.ImageField(
        _("header banner"),
        upload_to=site_picture("banner"),
        blank=True,
        validators=[validate_site_picture],
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

    singleton_cache_name = "site:profile"  # load(): from the cache when possible

    @classmethod
    def singleton_defaults(cls):
        return {"name": cls.default_name()}

    @staticmethod
    def default_name():
        return str(_("Department of Labour, Invalids and Social Affairs"))

    @property
    def display_short_name(self):
        return self.short_name or self.name


def is_site_path(value):
    """Whether a browser opens `value` on this very site, whatever the site's address.

    Browsers read "\\" as "/" and drop tabs, newlines and surrounding control
    characters, so "/\\evil.example" or "/<tab>/evil.example" open another
    site. A path here is printable ASCII without spaces or backslashes that
    starts with a single "/" and names no host by Django's own redirect check.
    """
    return (
        value.startswith("/")
        and not value.startswith("//")
        and value.isascii()
        and value.isprintable()
        and " " not in value
        and "\\" not in value
        and url_has_allowed_host_and_scheme(value, allowed_hosts=set())
    )


def validate_menu_link(value):
    """A path on this site ("/lien-he/") or a full http(s) address."""
    if is_site_path(value):
        return
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        raise ValidationError(
            _("Enter a path on this site starting with “/” or a full address starting with https://."),
            code="invalid_link",
        ) from None


class MenuItemQuerySet(TwoLevelQuerySet):
    def visible(self):
        return self.filter(is_visible=True)


class MenuItem(TwoLevelTree):
    """An entry of the main menu; two levels at most."""

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

    parent_not_top_level_message = _("The menu has two levels: choose a top-level entry.")
    has_children_message = _("An entry that has sub-entries must stay at the top level.")

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("menu entry")
        verbose_name_plural = _("main menu")

    def __str__(self):
        return f"{self.parent.title} › {self.title}" if self.parent_id else self.title

    @property
    def is_external(self):
        return not self.link.startswith("/")

    @classmethod
    def tree(cls):
        """Visible entries as plain dicts, top level with their children, cached."""
        return caching.cached("site:menu", cls._tree, shows=[cls])

    @classmethod
    def _tree(cls):
        items = list(cls.objects.visible().filter(models.Q(parent__isnull=True) | models.Q(parent__is_visible=True)))
        children = {}
        for item in items:
            if item.parent_id:
                children.setdefault(item.parent_id, []).append(item.as_dict([]))
        return [item.as_dict(children.get(item.pk, [])) for item in items if not item.parent_id]

    def as_dict(self, children):
        return {
            "id": self.pk,
            "title": self.title,
            "link": self.link,
            "external": self.is_external,
            "children": children,
        }


# --- Links to other sites ------------------------------------------------------------


class WebLinkGroupQuerySet(models.QuerySet):
    def with_visible_links(self):
        """Groups holding at least one visible link, each with those links prefetched."""
        return (
            self.filter(links__is_visible=True)
            .distinct()
            .prefetch_related(models.Prefetch("links", queryset=WebLink.objects.visible()))
        )


class WebLinkGroup(models.Model):
    """A heading in the list of links, e.g. “Bộ, ngành Trung ương”."""

    name = models.CharField(_("name"), max_length=150)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = WebLinkGroupQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("link group")
        verbose_name_plural = _("link groups")

    def __str__(self):
        return self.name

    @classmethod
    def cached_tree(cls):
        """Visible links by group as plain dicts, cached: the sidebar shows them on every page."""
        return caching.cached("site:web-links", cls._tree, shows=[cls, WebLink])

    @classmethod
    def _tree(cls):
        """In one query: the visible links with their groups (a join), groups in their order, each
        group's links in theirs; a group without a visible link is left out."""
        groups = {}
        links = WebLink.objects.visible().select_related("group").order_by("group__order", "group", "order", "pk")
        for link in links:
            group = groups.setdefault(link.group_id, {"name": link.group.name, "links": []})
            group["links"].append(
                {"id": link.pk, "title": link.title, "url": link.url, "logo": link.logo.url if link.logo else ""}
            )
        return list(groups.values())


class WebLinkQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(is_visible=True)


class WebLink(models.Model):
    """A link to another site (a ministry, the province, the public-services portal)."""

    group = models.ForeignKey(WebLinkGroup, verbose_name=_("group"), related_name="links", on_delete=models.CASCADE)
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("address"), validators=[URLValidator(schemes=["http", "https"])])
    logo = models.ImageField(
        _("logo"),
        upload_to=site_picture("logo"),
        blank=True,
        validators=[validate_site_picture],
        help_text=_("Optional; links with a logo are also shown as a picture (about 300 × 100 pixels)."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_visible = models.BooleanField(_("visible"), default=True)

    objects = WebLinkQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("web link")
        verbose_name_plural = _("web links")

    def __str__(self):
        return self.title


# --- About the department -------------------------------------------------------------


class AboutPage(SingletonModel):
    """The department's functions and duties, and its short English presentation: one row.

    The English page is data, not a translation of the interface: the site is
    Vietnamese, and a foreign visitor needs only who the department is and
    how to reach it.
    """

    functions = models.TextField(_("functions and duties"), blank=True)
    english_name = models.CharField(_("name in English"), max_length=200, blank=True)
    english_address = models.CharField(_("address in English"), max_length=300, blank=True)
    english_introduction = models.TextField(
        _("introduction in English"),
        blank=True,
        help_text=_("A few paragraphs in English; separate them with an empty line."),
    )
    # Decree 42/2022 asks for the spokesperson (người phát ngôn) and how to reach them.
    spokesperson_name = models.CharField(_("spokesperson's name"), max_length=150, blank=True)
    spokesperson_position = models.CharField(_("spokesperson's position"), max_length=200, blank=True)
    spokesperson_phone = models.CharField(_("spokesperson's phone"), max_length=50, blank=True)
    spokesperson_email = models.EmailField(_("spokesperson's email"), blank=True)
    deputy_spokesperson = models.CharField(
        _("deputy spokesperson"),
        max_length=300,
        blank=True,
        help_text=_("Who speaks when the spokesperson is absent: name and position, if one is appointed."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("about page")
        verbose_name_plural = _("about page")

    def __str__(self):
        return str(_("About the department"))

    def save(self, *args, **kwargs):
        from .richtext import clean_html

        self.functions = clean_html(self.functions)
        super().save(*args, **kwargs)


class Leader(models.Model):
    name = models.CharField(_("full name"), max_length=150)
    title = models.CharField(_("position"), max_length=150, help_text=_("E.g. “Giám đốc Sở”, “Phó Giám đốc Sở”."))
    english_title = models.CharField(_("position in English"), max_length=150, blank=True)
    responsibilities = models.TextField(_("areas in charge"), blank=True)
    photo = models.ImageField(
        _("portrait"), upload_to=site_picture("photo"), blank=True, validators=[validate_site_picture]
    )
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("leader")
        verbose_name_plural = _("leadership")

    def __str__(self):
        return f"{self.name} – {self.title}"


class UnitQuerySet(models.QuerySet):
    def tree(self):
        """Top-level units, each with a `subunits` list, built from one query."""
        units = list(self.order_by("order", "pk"))
        by_parent = {}
        for unit in units:
            by_parent.setdefault(unit.parent_id, []).append(unit)
        for unit in units:
            unit.subunits = by_parent.get(unit.pk, [])
        return by_parent.get(None, [])


class Unit(models.Model):
    """An office or a public service unit of the department; `parent` draws the organisation chart."""

    name = models.CharField(_("name"), max_length=200)
    english_name = models.CharField(_("name in English"), max_length=200, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("belongs to"),
        null=True,
        blank=True,
        related_name="children",
        on_delete=models.PROTECT,
        help_text=_("Empty for units directly under the department's leadership."),
    )
    head = models.CharField(_("head of unit"), max_length=200, blank=True)
    duties = models.TextField(_("duties"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self):
        return self.name

    def clean(self):
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk:
                raise ValidationError({"parent": _("A unit cannot belong to itself or to one of its own sub-units.")})
            ancestor = ancestor.parent
