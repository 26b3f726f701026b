"""The duty sections of Decree 42/2022/NĐ-CP: budget, procurement, recruitment, plans, statistics, science.

Every section publishes the same thing, an item with a year, a kind and files,
so one model holds them all and a section is a field. The sections and their
kinds are fixed by the decree and named in addresses (/cong-khai/ngan-sach/,
?loai=du-toan), so they are choices in code rather than rows editors could
rename or delete; adding one is a code change with its menu entry and tests.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dolisa_site.attachments import AttachmentBase
from dolisa_site.richtext import clean_html
from dolisa_site.scheduled import PublishableQuerySet
from dolisa_site.slugs import unique_slug
from dolisa_site.text import search_form

from .files import ATTACHMENT_NAME, validate_attachment


class DisclosureSection(models.TextChoices):
    """The value is the section's address (/cong-khai/<value>/)."""

    BUDGET = "ngan-sach", _("Public budget disclosure")
    PROCUREMENT = "dau-thau", _("Procurement and public purchasing")
    RECRUITMENT = "tuyen-dung", _("Recruitment")
    PLANS = "chien-luoc-ke-hoach", _("Strategies, master plans and plans")
    STATISTICS = "bao-cao-thong-ke", _("Statistical reports")
    SCIENCE = "khoa-hoc", _("Science programmes and projects")


class DisclosureKind(models.TextChoices):
    """The value is the ``?loai=`` of the section's list."""

    ESTIMATE = "du-toan", _("Budget estimate")
    EXECUTION = "thuc-hien", _("Budget execution")
    SETTLEMENT = "quyet-toan", _("Budget settlement")
    SELECTION_PLAN = "ke-hoach-lua-chon-nha-thau", _("Contractor selection plan")
    TENDER_NOTICE = "thong-bao-moi-thau", _("Invitation to tender")
    SELECTION_RESULT = "ket-qua-lua-chon-nha-thau", _("Contractor selection result")
    RECRUITMENT_NOTICE = "thong-bao-tuyen-dung", _("Recruitment notice")
    RECRUITMENT_RESULT = "ket-qua-tuyen-dung", _("Recruitment result")
    STRATEGY = "chien-luoc", _("Strategy")
    MASTER_PLAN = "quy-hoach", _("Master plan")
    PLAN = "ke-hoach", _("Plan")
    PERIODIC_REPORT = "bao-cao-dinh-ky", _("Periodic report")
    STATISTICS = "so-lieu-thong-ke", _("Statistical data")
    PROGRAMME = "chuong-trinh", _("Science programme")
    PROJECT = "de-tai", _("Research project")


K = DisclosureKind
SECTION_KINDS = {
    DisclosureSection.BUDGET: (K.ESTIMATE, K.EXECUTION, K.SETTLEMENT),
    DisclosureSection.PROCUREMENT: (K.SELECTION_PLAN, K.TENDER_NOTICE, K.SELECTION_RESULT),
    DisclosureSection.RECRUITMENT: (K.RECRUITMENT_NOTICE, K.RECRUITMENT_RESULT),
    DisclosureSection.PLANS: (K.STRATEGY, K.MASTER_PLAN, K.PLAN),
    DisclosureSection.STATISTICS: (K.PERIODIC_REPORT, K.STATISTICS),
    DisclosureSection.SCIENCE: (K.PROGRAMME, K.PROJECT),
}
del K


def kinds_of(section):
    """The (value, label) choices of a section's kinds."""
    return [(kind.value, kind.label) for kind in SECTION_KINDS[DisclosureSection(section)]]


def kinds_by_section():
    """Every kind, grouped under its section's name (the admin's choice of kind)."""
    return [(section.label, kinds_of(section)) for section in DisclosureSection]


class DisclosureQuerySet(PublishableQuerySet):
    def in_section(self, section):
        return self.filter(section=section)

    def due_changes_after(self, now):
        """The next moment a page shows something else by the clock alone: an item appears, or a
        published item's closing time passes ("Đã hết hạn")."""
        # One query for both moments, as news does for publish and unpublish.
        moments = self.filter(is_published=True).aggregate(
            appears=Min("published_at", filter=Q(published_at__gt=now)),
            closes=Min("closes_at", filter=Q(closes_at__gt=now)),
        )
        return min((moment for moment in moments.values() if moment), default=None)


class Disclosure(models.Model):
    section = models.CharField(_("section"), max_length=30, choices=DisclosureSection.choices)
    kind = models.CharField(_("kind"), max_length=30, choices=DisclosureKind.choices)
    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
        help_text=_("The year the item concerns, e.g. the budget year."),
    )
    title = models.CharField(_("title"), max_length=500)
    slug = models.SlugField(_("address"), max_length=200, unique=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("content"), blank=True)
    closes_at = models.DateTimeField(
        _("closing time"),
        null=True,
        blank=True,
        help_text=_("The deadline for applications or bids, shown on the item; left empty, none is shown."),
    )
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), default=timezone.now)
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = DisclosureQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("disclosure item")
        verbose_name_plural = _("disclosure items")
        permissions = [("publish_item", _("Can publish and withdraw disclosure items"))]
        indexes = [models.Index(fields=["section", "is_published", "-published_at"], name="disclosures_section_idx")]

    def __str__(self):
        return self.title

    def clean(self):
        if self.section and self.kind and self.kind not in SECTION_KINDS.get(self.section, ()):
            raise ValidationError(
                {
                    "kind": _("“%(kind)s” is not a kind of the section “%(section)s”; choose one of: %(kinds)s.")
                    % {
                        "kind": self.get_kind_display(),
                        "section": self.get_section_display(),
                        "kinds": ", ".join(str(label) for _value, label in kinds_of(self.section)),
                    }
                }
            )

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title, fallback="cong-khai")
        self.body = clean_html(self.body)
        self.search_text = search_form(f"{self.title} {self.summary}")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("disclosures:detail", args=[self.section, self.slug])

    def section_url(self):
        return reverse("disclosures:section", args=[self.section])

    def is_closed(self, now=None):
        return self.closes_at is not None and self.closes_at <= (now or timezone.now())


class Attachment(AttachmentBase):
    item = models.ForeignKey(Disclosure, related_name="attachments", on_delete=models.CASCADE)
    file = models.FileField(_("file"), upload_to=ATTACHMENT_NAME, validators=[validate_attachment])
