"""What the statistics keep: daily totals, daily views per object, the baseline
carried over from an old portal, and a record of applied flush batches.

No table holds an address or a visitor hash: visitors are told apart in the
cache only, for one day (see buffer.py).
"""

from django.db import models
from django.db.models import Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from dolisa_site.singletons import SINGLETON_PK, SingletonModel


class DailyStatQuerySet(models.QuerySet):
    def between(self, start, end):
        return self.filter(date__range=(start, end))

    def page_view_totals(self, **periods):
        """Sum page views over named (start, end) date ranges in one query; "all" is every page view
        counted, those before this portal (the baseline) included, read in the same query."""
        before = Baseline.objects.filter(pk=SINGLETON_PK).values("page_views")[:1]
        return self.aggregate(
            **{name: Sum("page_views", filter=Q(date__range=period), default=0) for name, period in periods.items()},
            all=Sum("page_views", default=0) + Coalesce(Subquery(before), 0),
        )


class DailyStat(models.Model):
    """Counted traffic for one day (Asia/Ho_Chi_Minh)."""

    date = models.DateField(_("date"), unique=True)
    page_views = models.PositiveBigIntegerField(_("page views"), default=0)
    visitors = models.PositiveIntegerField(_("visitors"), default=0)
    mobile_visitors = models.PositiveIntegerField(_("mobile visitors"), default=0)

    objects = DailyStatQuerySet.as_manager()

    class Meta:
        verbose_name = _("daily figure")
        verbose_name_plural = _("daily figures")
        ordering = ["-date"]
        permissions = [("view_traffic_dashboard", _("Can view the website traffic dashboard"))]

    def __str__(self):
        return str(self.date)


class ObjectDailyView(models.Model):
    """Views of one object (e.g. an article) on one day, and of the pages
    showing something inside it (e.g. the articles of a category)."""

    date = models.DateField(_("date"))
    model_label = models.CharField(_("model"), max_length=100)  # "app_label.modelname"
    object_id = models.PositiveBigIntegerField(_("object ID"))
    views = models.PositiveIntegerField(_("views"), default=0)
    views_within = models.PositiveIntegerField(_("views of its contents"), default=0)

    class Meta:
        verbose_name = _("daily object views")
        verbose_name_plural = _("daily object views")
        constraints = [
            models.UniqueConstraint(fields=["date", "model_label", "object_id"], name="stats_object_day_unique"),
        ]
        indexes = [models.Index(fields=["model_label", "date"], name="stats_object_label_date")]

    def __str__(self):
        return f"{self.model_label} #{self.object_id} {self.date}"


class Baseline(SingletonModel):
    """The page views counted before this portal (e.g. by the old one), so
    the "Tất cả" counter continues where the old portal left off."""

    page_views = models.PositiveBigIntegerField(_("page views before this portal"), default=0)
    note = models.CharField(
        _("note"),
        max_length=200,
        blank=True,
        help_text=_("Where the figure comes from, e.g. “old portal, 30/06/2026”."),
    )

    class Meta:
        verbose_name = _("counter baseline")
        verbose_name_plural = _("counter baseline")

    def __str__(self):
        return str(self._meta.verbose_name)

    @classmethod
    def page_views_before(cls):
        return cls.load().page_views


class FlushBatch(models.Model):
    """A batch of buffered counts written to the tables; recorded in the same
    transaction as the counts, so a batch found again after a crash is never
    applied twice."""

    batch_id = models.CharField(max_length=64, unique=True)
    flushed_at = models.DateTimeField(auto_now_add=True, db_index=True)
    page_views = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("flush batch")
        verbose_name_plural = _("flush batches")
        get_latest_by = "flushed_at"

    def __str__(self):
        return self.batch_id


class LogPosition(models.Model):
    """How far `manage.py count_cached_views` has read an nginx log of cached page views
    (stats/proxylog.py): the file's inode and the offset after the last line counted."""

    path = models.CharField(max_length=500, unique=True)
    inode = models.PositiveBigIntegerField(default=0)
    offset = models.PositiveBigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("nginx log position")
        verbose_name_plural = _("nginx log positions")

    def __str__(self):
        return f"{self.path} @ {self.offset}"
