from datetime import timedelta
from pathlib import Path

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult

from dolisa_site.singletons import SingletonAdmin

from . import phones, tasks
from .dashboard import ProceduresDashboard
from .importing import DossierImporter, ProcedureImporter
from .models import (
    CalendarReview,
    Dossier,
    DownloadableForm,
    Holiday,
    ImportRun,
    Procedure,
    ResultsWidget,
    Sector,
)

MAX_UPLOAD_BYTES = 50 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("A .csv (UTF-8) or .xlsx export with the header row described in the import format."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 50 MB; import it with the import_dossiers command."))
        return upload


class ImportAdminMixin:
    """An "Import" button on the change list and the upload page behind it."""

    importer_class = None
    change_list_template = "admin/procedures/change_list_import.html"

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "nhap/",
                self.admin_site.admin_view(self.import_view),
                name=f"{opts.app_label}_{opts.model_name}_import",
            ),
            *super().get_urls(),
        ]

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_import": self.has_import_permission(request)}
        return super().changelist_view(request, extra_context)

    def import_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            # The import runs in the background (procedures/tasks.py); the page it
            # leads to follows its progress and then shows its report.
            upload = form.cleaned_data["file"]
            run = ImportRun.objects.create(
                kind=self.importer_class.kind,
                file_name=Path(upload.name).name[:255],
                user=request.user,
                state=ImportRun.State.QUEUED,
                upload=upload.read(),
            )
            queued = tasks.run_import.enqueue(run.pk)
            ImportRun.objects.filter(pk=run.pk).update(task_id=str(queued.id))
            messages.info(request, gettext("%(file)s is being imported in the background.") % {"file": run.file_name})
            return redirect("admin:procedures_importrun_change", run.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Import %(things)s") % {"things": self.model._meta.verbose_name_plural},
            "form": form,
            "recent": ImportRun.objects.filter(kind=self.importer_class.kind).defer("upload")[:5],
        }
        return TemplateResponse(request, "admin/procedures/import.html", context)


def outcome(run):
    """(message level, text) telling how a finished import went."""
    if run.refused:
        message = gettext("%(file)s was refused, nothing was imported: %(reason)s")
        return messages.ERROR, message % {"file": run.file_name, "reason": run.refused}
    return (messages.WARNING if run.rejected else messages.SUCCESS), summary(run)


PHASE_TEXTS = {
    "queued": _("Waiting for the import worker to start."),
    "reading": _("Reading the file."),
    "rows": _("Checking the rows: %(done)s of %(total)s."),
    "saving": _("Saving: %(done)s of %(total)s rows."),
    "figures": _("Updating the figures."),
}
# A queued import not started after this long suggests the worker is not running.
WORKER_LATE = timedelta(minutes=2)


def progress_of(run):
    """What the status page shows: {"state", "finished", "percent", "text"}."""
    if run.is_finished:
        return {"state": run.state, "finished": True, "percent": 100, "text": gettext("Finished.")}
    progress = tasks.read_progress(run.pk) or {"phase": "queued", "done": 0, "total": 0, "percent": 0}
    if run.state == ImportRun.State.RUNNING and progress["phase"] == "queued":
        progress = {"phase": "reading", "done": 0, "total": 0, "percent": tasks.PHASES["reading"][0]}
    text = str(PHASE_TEXTS[progress["phase"]]) % {
        "done": number_format(progress["done"], force_grouping=True),
        "total": number_format(progress["total"], force_grouping=True),
    }
    if run.state == ImportRun.State.QUEUED and timezone.now() - run.started_at > WORKER_LATE:
        text += " " + gettext(
            "The import has not started yet: the import worker (manage.py db_worker) may not be running; "
            "tell the site administrator."
        )
    return {"state": run.state, "finished": False, "percent": progress["percent"], "text": text}


def summary(run):
    return gettext(
        "%(file)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged, %(rejected)d rejected."
    ) % {
        "file": run.file_name,
        "created": run.created,
        "updated": run.updated,
        "unchanged": run.unchanged,
        "rejected": run.rejected,
    }


@admin.register(Sector)
class FieldAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "procedure_count"]
    list_editable = ["order"]
    search_fields = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(procedure_count=Count("procedures"))

    @admin.display(description=_("procedures"), ordering="procedure_count")
    def procedure_count(self, obj):
        return obj.procedure_count


class DownloadableFormInline(admin.TabularInline):
    model = DownloadableForm
    fields = ["title", "file", "file_name", "order"]
    readonly_fields = ["file_name"]
    extra = 0


@admin.register(Procedure)
class ProcedureAdmin(ImportAdminMixin, admin.ModelAdmin):
    importer_class = ProcedureImporter
    list_display = ["code", "name", "sector", "level", "processing_days", "online_level", "is_active"]
    list_filter = ["sector", "level", "online_level", "is_active"]
    search_fields = ["code", "name", "search_text"]
    list_select_related = ["sector"]
    inlines = [DownloadableFormInline]
    fieldsets = [
        (None, {"fields": ["code", "name", "sector", "level", "is_active"]}),
        (_("Processing"), {"fields": ["processing_days", "fees", "online_level"]}),
        (_("What citizens need to know"), {"fields": ["documents", "steps", "result", "legal_basis"]}),
    ]


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    """The department's days over the national calendar; each save or delete moves the computed due dates."""

    list_display = ["date", "kind", "name"]
    list_filter = ["kind"]
    date_hierarchy = "date"
    search_fields = ["name"]
    change_list_template = "admin/procedures/holiday_change_list.html"

    def changelist_view(self, request, extra_context=None):
        """Beside the department's rows: the national calendar of the year shown, which they override."""
        from .workdays import national

        year = request.GET.get("date__year", "")
        year = int(year) if year.isdigit() and 1995 <= int(year) <= 2100 else timezone.localdate().year
        own = dict(Holiday.objects.filter(date__year=year).values_list("date", "kind"))
        national_days = [
            {"date": day, "name": name, "is_day_off": is_day_off, "own_kind": own.get(day)}
            for day, name, is_day_off in national().year(year)
        ]
        extra_context = {
            **(extra_context or {}),
            "national_year": year,
            "national_days": national_days,
            "is_reviewed": CalendarReview.objects.filter(year=year).exists(),
            "kinds": dict(Holiday.Kind.choices),
        }
        return super().changelist_view(request, extra_context)


@admin.register(CalendarReview)
class CalendarReviewAdmin(admin.ModelAdmin):
    """A year marked as checked against the government's announcements: the dashboard stops warning."""

    list_display = ["year", "reviewed_at", "reviewed_by", "note"]
    readonly_fields = ["reviewed_at", "reviewed_by"]

    def save_model(self, request, obj, form, change):
        obj.reviewed_by, obj.reviewed_at = request.user, timezone.now()
        super().save_model(request, obj, form, change)


class DossierAdminForm(forms.ModelForm):
    """The applicant's phone number can be entered or replaced, never read back (procedures/phones.py)."""

    phone = forms.CharField(
        label=_("Applicant's phone number"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
    )
    remove_phone = forms.BooleanField(label=_("Remove the stored phone number"), required=False)

    class Meta:
        model = Dossier
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.has_phone:
            help_text = _(
                "A phone number is stored; it cannot be shown. Type a number to replace it. Citizens look the "
                "dossier up with its last four digits."
            )
        else:
            help_text = _(
                "None is stored: citizens look the dossier up by its code alone. Only a check of the last four "
                "digits is kept, never the number."
            )
        self.fields["phone"].help_text = help_text

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and not phones.last_digits(phone):
            raise forms.ValidationError(_("Enter a phone number with at least four digits."))
        return phone

    def clean(self):
        cleaned = super().clean()
        keeps_old_check = self.instance.has_phone and not cleaned.get("phone") and not cleaned.get("remove_phone")
        if keeps_old_check and "code" in self.changed_data:
            self.add_error(
                "phone",
                _("The stored phone number belongs to the old code: type it again, or remove it."),
            )
        return cleaned

    def save(self, commit=True):
        dossier = super().save(commit=False)
        if self.cleaned_data.get("phone"):
            dossier.set_phone(self.cleaned_data["phone"])
        elif self.cleaned_data.get("remove_phone"):
            dossier.set_phone("")
        if commit:
            dossier.save()
            self._save_m2m()
        return dossier


@admin.register(Dossier)
class DossierAdmin(ImportAdminMixin, admin.ModelAdmin):
    importer_class = DossierImporter
    form = DossierAdminForm
    list_display = ["code", "procedure_code", "channel", "received_at", "due_at", "result_at", "status"]
    list_filter = ["status", "channel", "procedure__sector", "procedure__level"]
    search_fields = ["=code", "applicant_name"]
    date_hierarchy = "received_at"
    list_select_related = ["procedure"]
    autocomplete_fields = ["procedure"]
    readonly_fields = ["updated_at"]
    show_full_result_count = False
    fields = [
        "code",
        "procedure",
        "channel",
        "received_at",
        "due_at",
        "status",
        "result_at",
        "applicant_name",
        "phone",
        "remove_phone",
        "updated_at",
    ]

    @admin.display(description=_("procedure"), ordering="procedure__code")
    def procedure_code(self, obj):
        return obj.procedure.code

    def get_urls(self):
        return [
            path("bang-dieu-khien/", ProceduresDashboard.as_admin_view(self.admin_site), name="procedures_dashboard"),
            *super().get_urls(),
        ]


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    """A read-only record of each import and the rows it rejected."""

    list_display = [
        "started_at",
        "kind",
        "file_name",
        "user",
        "state",
        "created",
        "updated",
        "unchanged",
        "rejected",
        "was_refused",
    ]
    list_filter = ["kind", "state"]
    fields = [
        "kind",
        "file_name",
        "user",
        "state",
        "started_at",
        "finished_at",
        "created",
        "updated",
        "unchanged",
        "rejected",
        "refused",
    ]
    readonly_fields = fields
    change_form_template = "admin/procedures/importrun_change_form.html"

    def get_queryset(self, request):
        # The waiting file can be 50 MB: never read it for a page.
        return super().get_queryset(request).defer("upload")

    def get_urls(self):
        return [
            path(
                "<path:object_id>/tien-do/",
                self.admin_site.admin_view(self.progress_view),
                name="procedures_importrun_progress",
            ),
            *super().get_urls(),
        ]

    def progress_view(self, request, object_id):
        """JSON for the status page's script (procedures/static/procedures/import-progress.js)."""
        run = self.get_object(request, object_id)
        if run is None or not self.has_view_permission(request, run):
            raise PermissionDenied
        response = JsonResponse(progress_of(run))
        response["Cache-Control"] = "no-store"
        return response

    @admin.display(description=_("refused"), boolean=True)
    def was_refused(self, obj):
        return bool(obj.refused)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        run = self.get_object(request, object_id)
        extra_context = {**(extra_context or {}), "run": run}
        if run is not None:
            model = Dossier if run.kind == ImportRun.Kind.DOSSIERS else Procedure
            extra_context["import_again_url"] = reverse(f"admin:procedures_{model._meta.model_name}_import")
            # While it runs, the page follows it; once finished it is the import's report.
            extra_context["progress"] = progress_of(run)
            extra_context["progress_url"] = reverse("admin:procedures_importrun_progress", args=[run.pk])
            if run.is_finished:
                extra_context["outcome_level"], extra_context["outcome"] = outcome(run)
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(ResultsWidget)
class ResultsWidgetAdmin(SingletonAdmin):
    """A single row: the list page goes straight to its form."""

    fields = ["is_visible", "period", "start", "end"]


# django-tasks' own admin lists raw task rows in English; an import's page says
# what officials need (its state, progress and report), and failures are logged.
if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)
