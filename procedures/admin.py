from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .dashboard import dashboard_view
from .importing import DossierImporter, ProcedureImporter
from .models import Dossier, Field, Holiday, ImportRun, Procedure, ProcedureForm, ResultsWidget

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
            upload = form.cleaned_data["file"]
            run = self.importer_class().run(upload.name, upload.read(), user=request.user)
            if run.refused:
                message = gettext("%(file)s was refused, nothing was imported: %(reason)s")
                messages.error(request, message % {"file": run.file_name, "reason": run.refused})
            else:
                level = messages.WARNING if run.rejected else messages.SUCCESS
                messages.add_message(request, level, summary(run))
            return redirect("admin:procedures_importrun_change", run.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Import %(things)s") % {"things": self.model._meta.verbose_name_plural},
            "form": form,
            "recent": ImportRun.objects.filter(kind=self.importer_class.kind)[:5],
        }
        return TemplateResponse(request, "admin/procedures/import.html", context)


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


@admin.register(Field)
class FieldAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "procedure_count"]
    list_editable = ["order"]
    search_fields = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(procedure_count=Count("procedures"))

    @admin.display(description=_("procedures"), ordering="procedure_count")
    def procedure_count(self, obj):
        return obj.procedure_count


class ProcedureFormInline(admin.TabularInline):
    model = ProcedureForm
    extra = 0


@admin.register(Procedure)
class ProcedureAdmin(ImportAdminMixin, admin.ModelAdmin):
    importer_class = ProcedureImporter
    list_display = ["code", "name", "field", "level", "processing_days", "online_level", "is_active"]
    list_filter = ["field", "level", "online_level", "is_active"]
    search_fields = ["code", "name", "search_text"]
    list_select_related = ["field"]
    inlines = [ProcedureFormInline]
    fieldsets = [
        (None, {"fields": ["code", "name", "field", "level", "is_active"]}),
        (_("Processing"), {"fields": ["processing_days", "fees", "online_level"]}),
        (_("What citizens need to know"), {"fields": ["documents", "steps", "result", "legal_basis"]}),
    ]


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "name"]
    list_filter = ["kind"]
    date_hierarchy = "date"
    search_fields = ["name"]


@admin.register(Dossier)
class DossierAdmin(ImportAdminMixin, admin.ModelAdmin):
    importer_class = DossierImporter
    list_display = ["code", "procedure_code", "channel", "received_at", "due_at", "result_at", "status"]
    list_filter = ["status", "channel", "procedure__field", "procedure__level"]
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
        "updated_at",
    ]

    @admin.display(description=_("procedure"), ordering="procedure__code")
    def procedure_code(self, obj):
        return obj.procedure.code

    def get_urls(self):
        return [
            path(
                "bang-dieu-khien/",
                self.admin_site.admin_view(dashboard_view(self.admin_site)),
                name="procedures_dashboard",
            ),
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
        "created",
        "updated",
        "unchanged",
        "rejected",
        "was_refused",
    ]
    list_filter = ["kind"]
    fields = ["kind", "file_name", "user", "started_at", "created", "updated", "unchanged", "rejected", "refused"]
    readonly_fields = fields
    change_form_template = "admin/procedures/importrun_change_form.html"

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
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(ResultsWidget)
class ResultsWidgetAdmin(admin.ModelAdmin):
    """A single row: the list page goes straight to its form."""

    fields = ["is_visible", "period", "start", "end"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        return redirect("admin:procedures_resultswidget_change", ResultsWidget.load().pk)
