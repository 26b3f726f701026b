import difflib
import logging

import reversion
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin
from reversion.models import Version

from dolisa_site.comments import CommentModerationAdmin
from dolisa_site.trees import TwoLevelInline

from .forms import ArticleAdminForm
from .models import Article, ArticleStatus, Category, Comment, Tag, WorkflowError

logger = logging.getLogger(__name__)

# The extra_context key that carries an article's current workflow from revision_view to changeform_view.
KEPT_WORKFLOW = "news_kept_workflow"

DIFF_FIELDS = (
    "title",
    "category",
    "summary",
    "body",
    "author",
    "source_note",
    "cover_image",
    "cover_alt",
    "cover_caption",
    "publish_at",
    "unpublish_at",
    "is_featured",
    "is_pinned",
)


class SubCategoryInline(TwoLevelInline):
    model = Category
    fields = ["name", "slug", "order", "show_in_menu"]
    verbose_name = _("sub-category")
    verbose_name_plural = _("sub-categories")


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    """Top-level categories with their sub-categories. A category with articles is protected from deletion."""

    list_display = ["name", "slug", "order", "show_in_menu", "article_count"]
    list_editable = ["order", "show_in_menu"]
    fields = ["name", "slug", "parent", "order", "show_in_menu", "description"]
    search_fields = ["name"]
    inlines = [SubCategoryInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("parent").annotate(articles_total=Count("articles"))

    @admin.display(description=_("articles"), ordering="articles_total")
    def article_count(self, obj):
        return obj.articles_total


class StatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return ArticleStatus.choices + [("scheduled", _("Scheduled"))]

    def queryset(self, request, queryset):
        if self.value() == "scheduled":
            return queryset.filter(status=ArticleStatus.PUBLISHED, publish_at__gt=timezone.now())
        if self.value():
            return queryset.filter(status=self.value())
        return queryset


@admin.register(Article)
class ArticleAdmin(VersionAdmin):
    form = ArticleAdminForm
    change_form_template = "admin/news/article/change_form.html"
    object_history_template = "admin/news/article/object_history.html"
    change_list_template = "admin/news/article/change_list.html"
    revision_form_template = "admin/news/article/revision_form.html"
    list_display = ["title", "category", "status_label", "publish_at", "created_by", "view_count"]
    list_filter = [StatusFilter, "category", "is_featured"]
    list_select_related = ["category", "category__parent", "created_by"]
    search_fields = ["title", "slug"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "status_label",
        "sent_back_reason",
        "view_count",
        "created_by",
        "updated_by",
        "updated_at",
        "preview_link",
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "summary", "body", "loaded_version"]}),
        (_("Cover image"), {"fields": ["cover_image", "cover_alt", "cover_caption"]}),
        (_("Byline and tags"), {"fields": ["author", "source_note", "tags"]}),
        (
            _("Publication"),
            {
                "fields": [
                    "status_label",
                    "sent_back_reason",
                    "publish_at",
                    "unpublish_at",
                    "is_featured",
                    "is_pinned",
                    "comments_open",
                    "workflow_note",
                    "preview_link",
                ]
            },
        ),
        (_("Record"), {"fields": ["view_count", "created_by", "updated_by", "updated_at"], "classes": ["collapse"]}),
    ]

    # --- Who sees and edits what -------------------------------------------------

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("created_by", "updated_by").visible_to(request.user)

    def get_list_display(self, request):
        # The editor's list of articles sent back (linked from the admin index) says why, without opening each.
        if request.GET.get(StatusFilter.parameter_name) == ArticleStatus.SENT_BACK:
            return [*self.list_display, "sent_back_reason"]
        return self.list_display

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or obj.can_be_edited_by(request.user))

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not request.user.has_perm("news.send_back_article") or obj is None or obj.status != ArticleStatus.SUBMITTED:
            fieldsets = [
                (name, {**options, "fields": [f for f in options["fields"] if f != "workflow_note"]})
                for name, options in fieldsets
            ]
        return fieldsets

    # --- Saving and the workflow --------------------------------------------------

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        transition = request.POST.get("_transition")
        if transition and transition not in obj.allowed_transitions(request.user):
            # A crafted POST: the buttons are only shown for allowed moves.
            raise PermissionDenied
        super().save_model(request, obj, form, change)
        if transition:
            try:
                obj.transition(transition, request.user, reason=form.cleaned_data.get("workflow_note", ""))
            except WorkflowError:
                raise PermissionDenied from None
            messages.success(
                request,
                gettext("Article “%(title)s”: %(status)s.")
                % {"title": obj.title, "status": obj.get_status_display().lower()},
            )

    # The transition in save_model writes its comment on this view's revision (its block nests
    # in VersionAdmin's); the library's log_* then replace the comment with the change message,
    # so the revision says both: what was edited, then where the article went next.

    def log_addition(self, request, obj, message):
        return self._log_keeping_workflow(super().log_addition, request, obj, message)

    def log_change(self, request, obj, message):
        return self._log_keeping_workflow(super().log_change, request, obj, message)

    def _log_keeping_workflow(self, log, request, obj, message):
        workflow = reversion.get_comment() if reversion.is_active() else ""
        entry = log(request, obj, message)
        if workflow:
            reversion.set_comment(f"{entry.get_change_message()} {workflow}")
        return entry

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        user = request.user
        if obj is not None:
            transitions = obj.allowed_transitions(user)
        else:
            transitions = ["submit"] if user.has_perm("news.submit_article") else []
        labels = {
            "submit": _("Save and submit for review"),
            "publish": _("Save and publish"),
            "send_back": _("Send back to the editor"),
            "withdraw": _("Withdraw from the website"),
        }
        editable = obj is None or obj.can_be_edited_by(user)
        context["workflow_buttons"] = [(name, labels[name]) for name in transitions if editable]
        context["article"] = obj
        return super().render_change_form(request, context, add, change, form_url, obj)

    @admin.display(description=_("status"))
    def status_label(self, obj):
        if obj.is_scheduled:
            return format_html('<span class="news-status news-status--scheduled">{}</span>', gettext("Scheduled"))
        return format_html('<span class="news-status news-status--{}">{}</span>', obj.status, obj.get_status_display())

    @admin.display(description=_("preview"))
    def preview_link(self, obj):
        if not obj.pk:
            return "—"
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            obj.get_preview_url(),
            gettext("Preview in the website layout"),
        )

    # --- Revisions: restore keeps the workflow, a diff per version ----------------

    def get_urls(self):
        return [
            path(
                "<path:object_id>/history/<int:version_id>/diff/",
                self.admin_site.admin_view(self.diff_view),
                name="news_article_version_diff",
            ),
            *super().get_urls(),
        ]

    class Media:
        css = {"all": ["news/css/admin.css"]}

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # The library reverts the row, then runs changeform_view inside its transaction:
        # the workflow as it is now goes there with the call, to be put back (see below).
        workflow = Article.objects.workflow_of(unquote(object_id))
        extra_context = {**(extra_context or {}), KEPT_WORKFLOW: workflow}
        response = super().revision_view(request, object_id, version_id, extra_context)
        if request.method == "POST" and response.status_code == 302:
            # The library words its comment in English; say it in the staff's language.
            restored = Version.objects.filter(pk=version_id).select_related("revision").first()
            latest = Version.objects.get_for_object_reference(Article, object_id).select_related("revision").first()
            if restored and latest:
                latest.revision.comment = gettext("Restored the version saved on %(date)s") % {
                    "date": date_format(localtime(restored.revision.date_created), "DATETIME_FORMAT")
                }
                latest.revision.save(update_fields=["comment"])
        return response

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        workflow = extra_context.pop(KEPT_WORKFLOW, None)
        if workflow and object_id:
            # Reverting rewrote the row from the old revision; the status,
            # schedule and address stay as they are now.
            Article.objects.filter(pk=unquote(object_id)).keep_workflow(workflow)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def diff_view(self, request, object_id, version_id):
        article = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        versions = list(Version.objects.get_for_object(article).select_related("revision__user"))
        version = next((item for item in versions if item.pk == version_id), None)
        if version is None:
            raise PermissionDenied
        index = versions.index(version)
        previous = versions[index + 1] if index + 1 < len(versions) else None
        old, new = (previous.field_dict if previous else {}), version.field_dict
        changes = []
        for name in DIFF_FIELDS:
            before, after = _as_lines(old.get(name)), _as_lines(new.get(name))
            if before != after:
                table = difflib.HtmlDiff(wrapcolumn=70).make_table(before, after, context=True, numlines=2)
                changes.append((Article._meta.get_field(name).verbose_name, table))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": article,
            "version": version,
            "previous": previous,
            "changes": changes,
            "title": gettext("Changes saved on %(date)s")
            % {"date": date_format(localtime(version.revision.date_created), "DATETIME_FORMAT")},
            "history_url": reverse("admin:news_article_history", args=[article.pk]),
        }
        return TemplateResponse(request, "admin/news/article/version_diff.html", context)


def _as_lines(value):
    """A field value as lines for difflib; bodies are split at their block tags."""
    if value is None:
        return []
    if isinstance(value, bool):
        return [gettext("Yes") if value else gettext("No")]
    value = str(value)
    for tag in ("</p>", "</li>", "</tr>", "</h2>", "</h3>", "<br>"):
        value = value.replace(tag, tag + "\n")
    return value.splitlines()


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "article_count"]
    search_fields = ["name"]
    fields = ["name", "slug"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(articles_total=Count("tagged_articles"))

    @admin.display(description=_("articles"), ordering="articles_total")
    def article_count(self, obj):
        return obj.articles_total


@admin.register(Comment)
class CommentAdmin(CommentModerationAdmin):
    list_display = ["name", "excerpt", "article", "created_at", "status"]
    list_filter = ["status", "created_at"]
    list_select_related = ["article"]
    search_fields = ["name", "email", "body", "article__title"]
    fields = ["article", "name", "email", "body", "created_at", "status", "moderated_by", "moderated_at"]
    readonly_fields = ["article", "name", "email", "body", "created_at", "moderated_by", "moderated_at"]
