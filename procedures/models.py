"""The procedure catalogue, the holiday calendar, dossiers and their rollups."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dolisa_site.singletons import SingletonModel
from dolisa_site.text import matching, search_form

from . import phones
from .files import FORM_NAME, validate_form_file


class Level(models.TextChoices):
    PROVINCE = "tinh", _("Provincial level")
    DISTRICT = "huyen", _("District level")
    COMMUNE = "xa", _("Commune level")


class OnlineLevel(models.TextChoices):
    FULL = "toan-trinh", _("Fully online")
    PARTIAL = "mot-phan", _("Partly online")
    OFFLINE = "truc-tiep", _("In person only")


class Channel(models.TextChoices):
    ONLINE = "truc-tuyen", _("Online")
    IN_PERSON = "truc-tiep", _("In person")
    POST = "buu-chinh", _("By post")


class DossierStatus(models.TextChoices):
    PROCESSING = "dang-xu-ly", pgettext_lazy("dossier status", "Being processed")
    AWAITING = "cho-bo-sung", pgettext_lazy("dossier status", "Awaiting additional documents")
    RESOLVED = "da-giai-quyet", pgettext_lazy("dossier status", "Resolved")
    RETURNED = "tra-lai", pgettext_lazy("dossier status", "Returned")
    WITHDRAWN = "rut-ho-so", pgettext_lazy("dossier status", "Withdrawn")


PENDING_STATUSES = (DossierStatus.PROCESSING, DossierStatus.AWAITING)
FINISHED_STATUSES = (DossierStatus.RESOLVED, DossierStatus.RETURNED, DossierStatus.WITHDRAWN)


class Sector(models.Model):
    """A field of work (lĩnh vực); the catalogue and the statistics group by it."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("field")
        verbose_name_plural = _("fields")

    def __str__(self):
        return self.name


class ProcedureQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def search(self, text):
        """Match name or code, typed with or without Vietnamese diacritics (dolisa_site.text.matching())."""
        return self.filter(matching("search_text", text))


class Procedure(models.Model):
    code = models.CharField(_("procedure code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=500)
    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, related_name="procedures", verbose_name=_("field"))
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, default=Level.PROVINCE)
    processing_days = models.PositiveSmallIntegerField(
        _("processing time (working days)"),
        help_text=_("Counted from the working day after receipt; the result is due at 17:00 on the last day."),
    )
    fees = models.CharField(_("fees and charges"), max_length=500, blank=True)
    documents = models.TextField(_("required documents"), blank=True)
    steps = models.TextField(_("steps"), blank=True)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    result = models.TextField(_("result"), blank=True)
    online_level = models.CharField(
        _("online service level"), max_length=12, choices=OnlineLevel.choices, default=OnlineLevel.PARTIAL
    )
    is_active = models.BooleanField(_("in force"), default=True)
    # Name and code without diacritics, so "tro cap" finds "trợ cấp".
    search_text = models.TextField(editable=False, default="")
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ProcedureQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("administrative procedure")
        verbose_name_plural = _("administrative procedures")

    def __str__(self):
        return f"{self.code} – {self.name}"

    def save(self, *args, **kwargs):
        self.search_text = self.make_search_text(self.code, self.name)
        super().save(*args, **kwargs)

    @staticmethod
    def make_search_text(code, name):
        return search_form(f"{code} {name}")

    def get_absolute_url(self):
        return reverse("procedures:detail", args=[self.code])


def form_upload_to(instance, filename):
    """Superseded by files.FORM_NAME (it kept the uploader's name); migration 0001 names it."""
    return f"procedures/forms/{instance.procedure.code}/{filename}"


class DownloadableForm(models.Model):
    """A downloadable form (mẫu đơn, tờ khai) for a procedure: a checked document under a generated name."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="forms")
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(
        _("file"),
        upload_to=FORM_NAME,
        validators=[validate_form_file],
        help_text=_("PDF, Word (DOC, DOCX), Excel (XLS, XLSX) or OpenDocument (ODT, ODS), at most 10 MB."),
    )
    # The uploader's own name for the file: offered when it is downloaded, never part of its address.
    file_name = models.CharField(_("original file name"), max_length=255, editable=False, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("form")
        verbose_name_plural = _("forms")

    def __str__(self):
        return self.title


class Holiday(models.Model):
    """The department's own entry for a day, over the national calendar (workdays.py):
    a day off, a Saturday or Sunday made a working day to compensate for one, or an
    ordinary day that cancels what the national calendar says of it.

    Saving or deleting one moves the computed due dates it touches (signals.py)."""

    class Kind(models.TextChoices):
        DAY_OFF = "nghi", _("Public holiday (day off)")
        WORKING_DAY = "lam-bu", _("Compensatory working day")
        ORDINARY = "binh-thuong", _("Ordinary day (cancels the national calendar)")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.DAY_OFF)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["-date"]
        verbose_name = _("holiday")
        verbose_name_plural = _("holiday calendar")

    def __str__(self):
        return f"{self.date:%d/%m/%Y} – {self.name}"


class CalendarReview(models.Model):
    """A year's calendar checked by the department against the government's announcements."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        verbose_name=_("reviewed by"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("calendar review")
        verbose_name_plural = _("calendar reviews")

    def __str__(self):
        return str(_("Calendar of %(year)d reviewed") % {"year": self.year})


class DossierQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status__in=PENDING_STATUSES)

    def overdue(self, now=None):
        """Pending past their due time, the longest overdue first."""
        return self.pending().filter(due_at__lt=now or timezone.now()).order_by("due_at")


class Dossier(models.Model):
    code = models.CharField(_("dossier code"), max_length=60, unique=True)
    procedure = models.ForeignKey(
        Procedure, on_delete=models.PROTECT, related_name="dossiers", verbose_name=_("procedure")
    )
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    received_at = models.DateTimeField(_("received at"))
    due_at = models.DateTimeField(
        _("due at"), blank=True, help_text=_("Leave blank to count the procedure's working days from receipt.")
    )
    # True when due_at was counted from the calendar (not given): a change of calendar counts it again.
    due_computed = models.BooleanField(_("due date computed"), default=False, editable=False)
    result_at = models.DateTimeField(_("result date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=DossierStatus.choices, default=DossierStatus.PROCESSING
    )
    # Personal data: shown to staff only, and masked on the public lookup.
    applicant_name = models.CharField(_("applicant"), max_length=200, blank=True)
    # The applicant's phone number is never stored, only a keyed check of its
    # last four digits (phones.py): the public lookup's second factor.
    phone_check = models.CharField(max_length=64, blank=True, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = DossierQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        permissions = [("view_dashboard", _("Can view the procedures dashboard"))]
        indexes = [
            models.Index(fields=["received_at"], name="proc_dossier_received"),
            models.Index(fields=["result_at"], name="proc_dossier_result"),
            # Pending dossiers are few among millions: "overdue as of now", worst
            # first, is a short ordered scan of this partial index. It also holds
            # what the dashboard's live pending figures count by (procedure, its
            # field and level through procedure_id, channel), so they are counted
            # from the index alone: reading the rows themselves, scattered over
            # the whole table, cost 100-200 ms at 1,000,000 dossiers.
            models.Index(
                fields=["due_at", "procedure", "channel"],
                condition=models.Q(status__in=PENDING_STATUSES),
                name="proc_dossier_pending",
            ),
        ]

    def __str__(self):
        return self.code

    def clean(self):
        problems = self.problems()
        if problems:
            raise ValidationError(problems)

    def problems(self):
        """What is wrong with this dossier's dates and status, by field name."""
        problems = {}
        if self.status in FINISHED_STATUSES and not self.result_at:
            problems["result_at"] = _("A resolved, returned or withdrawn dossier needs its result date.")
        if self.status in PENDING_STATUSES and self.result_at:
            problems["result_at"] = _("A pending dossier has no result date yet.")
        if self.result_at and self.received_at and self.result_at < self.received_at:
            problems["result_at"] = _("The result date is before the date of receipt.")
        if self.due_at and self.received_at and self.due_at < self.received_at:
            problems["due_at"] = _("The due date is before the date of receipt.")
        return problems

    def save(self, *args, **kwargs):
        if self.due_at is None:
            from .workdays import Calendar

            self.due_at = Calendar.load().due_at(self.received_at, self.procedure.processing_days)
            # Read by signals.py: a due date counted now is not one an official typed.
            self.due_computed = self._due_counted_now = True
        try:
            super().save(*args, **kwargs)
        finally:
            self._due_counted_now = False

    @property
    def has_phone(self):
        return bool(self.phone_check)

    def set_phone(self, phone):
        """Keep only the check of the number's last four digits ("" or None removes it)."""
        self.phone_check = phones.check_value(self.code, phone)

    def phone_matches(self, digits):
        return phones.matches(self.code, self.phone_check, digits)


class RollupCounts(models.Model):
    """Counts for one procedure and channel over a day or a month, kept up to date by rollups.py.

    "received" counts dossiers received in that time; the other counts are of
    dossiers that got their result in it. Pending figures are not stored:
    whether a pending dossier is overdue changes with the clock.
    """

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=12, choices=Channel.choices)
    received = models.PositiveIntegerField(default=0)
    resolved = models.PositiveIntegerField(default=0)
    early = models.PositiveIntegerField(default=0)
    on_time = models.PositiveIntegerField(default=0)
    late = models.PositiveIntegerField(default=0)
    returned = models.PositiveIntegerField(default=0)
    withdrawn = models.PositiveIntegerField(default=0)
    # Sum over resolved dossiers of (result date − received), for the average.
    processing_seconds = models.BigIntegerField(default=0)
    computed_at = models.DateTimeField()

    class Meta:
        abstract = True


class DailyRollup(RollupCounts):
    day = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "procedure", "channel"], name="proc_rollup_unique_key"),
        ]
        indexes = [models.Index(fields=["day"], name="proc_rollup_day")]

    def __str__(self):
        return f"{self.day} {self.procedure_id} {self.channel}"


class MonthlyRollup(RollupCounts):
    """The daily rollups summed per month: a year's report reads 30 times fewer rows."""

    month = models.DateField(help_text="The first day of the month.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["month", "procedure", "channel"], name="proc_monthly_unique_key"),
        ]
        indexes = [models.Index(fields=["month"], name="proc_monthly_month")]

    def __str__(self):
        return f"{self.month:%m/%Y} {self.procedure_id} {self.channel}"


class WidgetPeriod(models.TextChoices):
    THIS_YEAR = "nam-nay", _("This year")
    # Early in January "this year" holds a few days; the last 12 months always hold a year.
    LAST_12_MONTHS = "12-thang", _("The last 12 months")
    THIS_QUARTER = "quy-nay", _("This quarter")
    THIS_MONTH = "thang-nay", _("This month")
    LAST_YEAR = "nam-truoc", _("Last year")
    CUSTOM = "tuy-chon", _("Custom dates")


class ResultsWidget(SingletonModel):
    """Settings of the public results widget (a single row)."""

    period = models.CharField(_("period"), max_length=12, choices=WidgetPeriod.choices, default=WidgetPeriod.THIS_YEAR)
    start = models.DateField(_("from"), null=True, blank=True, help_text=_("Only for custom dates."))
    end = models.DateField(_("to"), null=True, blank=True, help_text=_("Only for custom dates."))
    is_visible = models.BooleanField(_("show on the website"), default=True)

    class Meta:
        verbose_name = _("results widget")
        verbose_name_plural = _("results widget")

    def __str__(self):
        return str(_("Results widget"))

    def clean(self):
        if self.period == WidgetPeriod.CUSTOM:
            if not (self.start and self.end):
                raise ValidationError(_("Custom dates need both a start and an end."))
            if self.start > self.end:
                raise ValidationError({"end": _("The end is before the start.")})


class ImportRun(models.Model):
    """One import of a file, kept so officials can see what each import did."""

    class Kind(models.TextChoices):
        DOSSIERS = "ho-so", _("Dossiers")
        PROCEDURES = "thu-tuc", _("Procedures")

    class State(models.TextChoices):
        QUEUED = "cho", _("Waiting to start")
        RUNNING = "dang-nhap", _("Importing")
        DONE = "xong", _("Finished")
        FAILED = "loi", _("Stopped by an error")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    file_name = models.CharField(_("file"), max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("user")
    )
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    rejected = models.PositiveIntegerField(_("rejected"), default=0)
    refused = models.TextField(_("file refused because"), blank=True)
    # [[row number, reason], ...] for the rejected rows.
    errors = models.JSONField(_("rejected rows"), default=list, blank=True)
    # [[code, warning], ...] for rows imported as they are but worth a look (a due date on a day off).
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    # Imports through the admin run in the background (procedures/tasks.py); the command line's are done at once.
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DONE)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # The uploaded file while it waits for the worker; emptied when the import starts.
    upload = models.BinaryField(default=b"", blank=True, editable=False)
    task_id = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self):
        return f"{self.file_name} ({self.started_at:%d/%m/%Y %H:%M})"

    @property
    def is_finished(self):
        return self.state in (self.State.DONE, self.State.FAILED)
