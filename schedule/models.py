"""The leaders' weekly work schedule (lịch công tác tuần): a week drafted by the office, published by a reviewer.

A week is identified by its Monday (its ISO year and week number follow from it; the Monday is a
date, so the demo's fixture moves with the day it is first loaded). Once a week is published, what
happens to its items is shown to the public: a changed item is marked "Điều chỉnh", a new one
"Bổ sung", a deleted one stays on the page marked "Hoãn/Hủy", each with the time of the change.
"""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

NOON = time(12, 0)
WEEK = timedelta(days=7)


def monday_of(day):
    return day - timedelta(days=day.weekday())


def monday_of_iso_week(year, number):
    """The Monday of ISO week `number` of `year`; ValueError for a week that does not exist
    (week 0, week 54, week 53 of a 52-week year, a year outside 1–9999, a week ending after 9999)."""
    monday = date.fromisocalendar(year, number, 1)
    try:
        monday + timedelta(days=6)
    except OverflowError:  # 9999's week 52 ends in year 10000
        raise ValueError(f"ISO week {year}-W{number} ends after the last date Python knows") from None
    return monday


def next_midnight(now):
    """The next local midnight after `now`: the moment today, and on Mondays the current week, change."""
    tomorrow = timezone.localtime(now).date() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(tomorrow, time.min))


class WeekStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Session(models.TextChoices):
    MORNING = "morning", _("Morning")
    AFTERNOON = "afternoon", _("Afternoon")


class ItemMark(models.TextChoices):
    """What happened to an item after its week was published, shown beside it on the public page."""

    CHANGED = "changed", _("Changed after publication")
    ADDED = "added", _("Added after publication")
    CANCELLED = "cancelled", _("Postponed or cancelled")


class WeekQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=WeekStatus.PUBLISHED)


class Week(models.Model):
    starts_on = models.DateField(
        _("week"),
        unique=True,
        help_text=_("Any day of the week; the week is stored by its Monday."),
    )
    status = models.CharField(_("status"), max_length=10, choices=WeekStatus.choices, default=WeekStatus.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = WeekQuerySet.as_manager()

    class Meta:
        verbose_name = _("weekly schedule")
        verbose_name_plural = _("weekly schedules")
        ordering = ["-starts_on"]
        permissions = [("publish_week", _("Can publish and unpublish a weekly schedule"))]

    def __str__(self):
        return _("Week %(number)s (%(first)s – %(last)s)") % {
            "number": self.number,
            "first": date_format(self.first_day, "d/m"),
            "last": date_format(self.last_day, "d/m/Y"),
        }

    def clean(self):
        if self.starts_on:
            self.starts_on = monday_of(self.starts_on)

    @classmethod
    def for_date(cls, day):
        """The week holding `day`: the stored one, or a new unsaved draft."""
        return cls.objects.filter(starts_on=monday_of(day)).first() or cls(starts_on=monday_of(day))

    @property
    def first_day(self):
        return self.starts_on

    @property
    def last_day(self):
        return self.starts_on + timedelta(days=6)

    @property
    def iso_year(self):
        return self.starts_on.isocalendar().year

    @property
    def number(self):
        return self.starts_on.isocalendar().week

    @property
    def is_published(self):
        return self.status == WeekStatus.PUBLISHED

    @property
    def was_published(self):
        """The public has seen this week (it may have been unpublished since): its changes are marked."""
        return self.published_at is not None

    def holds(self, day):
        return self.first_day <= day <= self.last_day

    def get_absolute_url(self):
        return week_url(self.starts_on)

    def publish(self, user):
        self.status = WeekStatus.PUBLISHED
        self.published_at = timezone.now()
        self.published_by = user
        self.save(update_fields=["status", "published_at", "published_by"])

    def unpublish(self):
        self.status = WeekStatus.DRAFT
        self.save(update_fields=["status"])

    def copy_from_previous(self):
        """Fill this draft week, still without items, with the previous week's items moved by 7 days
        (the cancelled ones left out). Returns the number of items copied."""
        if self.is_published:
            raise ValidationError(_("Only a draft week can be filled from the previous one."))
        if self.items.exists():
            raise ValidationError(_("This week already has items; nothing was copied."))
        previous = Week.objects.filter(starts_on=self.starts_on - WEEK).first()
        if previous is None:
            raise ValidationError(_("There is no schedule for the previous week to copy."))
        copies = [item.moved(WEEK, self) for item in previous.items.exclude(mark=ItemMark.CANCELLED)]
        Item.objects.bulk_create(copies)
        return len(copies)

    @classmethod
    def draft_after(cls, week):
        """Next week's draft, created from `week`'s items (the admin's "copy to next week")."""
        with transaction.atomic():
            following, created = cls.objects.get_or_create(starts_on=week.starts_on + WEEK)
            if not created:
                raise ValidationError(_("The schedule of %(week)s exists already.") % {"week": following})
            following.copy_from_previous()
        return following


def week_url(monday):
    year, number, _weekday = monday.isocalendar()
    return reverse("schedule:week", kwargs={"year": year, "number": number})


class Item(models.Model):
    """One engagement of the week: one row of the public table."""

    # The fields the public sees: a change to any of them after publication is marked.
    SHOWN = ("date", "start", "end", "content", "chair", "attendees", "location", "preparing_unit")

    week = models.ForeignKey(Week, verbose_name=_("week"), on_delete=models.CASCADE, related_name="items")
    date = models.DateField(_("date"))
    start = models.TimeField(_("start time"))
    end = models.TimeField(_("end time"), null=True, blank=True)
    content = models.TextField(_("content"))
    chair = models.CharField(_("chaired by"), max_length=255)
    attendees = models.TextField(_("attendees"), blank=True)
    location = models.CharField(_("location"), max_length=255, blank=True)
    preparing_unit = models.CharField(_("prepared by"), max_length=255, blank=True)
    mark = models.CharField(_("change"), max_length=10, choices=ItemMark.choices, blank=True, editable=False)
    marked_at = models.DateTimeField(_("changed at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("schedule item")
        verbose_name_plural = _("schedule items")
        ordering = ["date", "start", "pk"]

    def __str__(self):
        return f"{date_format(self.date, 'd/m')} {self.start:%H:%M} {self.content[:60]}"

    @property
    def session(self):
        return Session.MORNING if self.start < NOON else Session.AFTERNOON

    @property
    def is_cancelled(self):
        return self.mark == ItemMark.CANCELLED

    def clean(self):
        errors = {}
        # On the admin's add page the week is not saved yet, but it is set and normalised to its Monday.
        week = self.week if self.week_id or Item.week.is_cached(self) else None
        if self.date and week and week.starts_on and not week.holds(self.date):
            errors["date"] = _("The date must be within the week, from %(first)s to %(last)s.") % {
                "first": date_format(week.first_day, "d/m/Y"),
                "last": date_format(week.last_day, "d/m/Y"),
            }
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The end time must be after the start time.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.week.was_published:
            self._mark_after_publication()
        super().save(*args, **kwargs)

    def _mark_after_publication(self):
        if self.pk is None:
            self.mark, self.marked_at = ItemMark.ADDED, timezone.now()
            return
        before = Item.objects.filter(pk=self.pk).values(*self.SHOWN).first()
        if before is not None and any(before[name] != getattr(self, name) for name in self.SHOWN):
            # An added item stays "Bổ sung" (the public never saw another version of it).
            if self.mark != ItemMark.ADDED:
                self.mark = ItemMark.CHANGED
            self.marked_at = timezone.now()

    def delete(self, *args, **kwargs):
        """After publication the public has seen the item: it stays, marked postponed/cancelled."""
        if self.week.was_published:
            self.mark, self.marked_at = ItemMark.CANCELLED, timezone.now()
            super().save(update_fields=["mark", "marked_at"])
            return 0, {}
        return super().delete(*args, **kwargs)

    def moved(self, delta, week):
        """An unsaved copy of this item `delta` later, in `week`, unmarked."""
        values = {name: getattr(self, name) for name in self.SHOWN}
        values["date"] = self.date + delta
        return Item(week=week, **values)
