"""Moderated public comments: readers' comments on articles, citizens' comments on drafts.

Each app keeps its own model (the thing commented on, the contact fields, the
length limit); what a comment is and how a reviewer decides on it is here: the
statuses, ``published()`` and ``moderate()`` on a queryset or one comment, the
reviewers' admin, the public form (honeypot, labels, Vietnamese errors) and its
answer; templates/includes/comment_list.html and comment_form.html show them.
Kept as the plain text the visitor typed and always shown escaped, so markup
and links stay inert.
"""

import logging

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import text
from .public_forms import handle_public_form

logger = logging.getLogger(__name__)


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    PUBLISHED = "published", _("Published")
    HIDDEN = "hidden", _("Hidden")


class CommentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=CommentStatus.PUBLISHED)

    def moderate(self, status, by):
        """Set these comments to `status` as reviewer `by`, stamping who and when; those
        already in that status keep their stamps. Returns how many changed."""
        self.model.check_status(status)
        return self.exclude(status=status).update(status=status, moderated_by=by, moderated_at=timezone.now())


class ModeratedComment(models.Model):
    """Abstract base of a comment held for moderation; a subclass adds `body` with its own length limit."""

    name = models.CharField(_("name"), max_length=100)
    status = models.CharField(_("status"), max_length=10, choices=CommentStatus.choices, default=CommentStatus.PENDING)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now, editable=False)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.name}: {self.body[:60]}"

    def save(self, *args, **kwargs):
        self.name = text.nfc(self.name).strip()
        self.body = text.nfc(self.body).strip()
        super().save(*args, **kwargs)

    @classmethod
    def check_status(cls, status):
        if status not in CommentStatus.values:
            raise ValueError(f"unknown comment status {status!r}")

    def moderate(self, status, by):
        """A reviewer's decision on this comment: the status, who decided and when; saved."""
        self.check_status(status)
        self.status = status
        self.moderated_by = by
        self.moderated_at = timezone.now()
        self.save()


def handle_comment_form(request, form, *, on, throttle, render_form, logger, success_message):
    """Answer a comment posted on `on` (an article, a draft) with handle_public_form: the form's instance
    already names `on`; the visitor is sent back to its page, to the thanks."""

    subject = f"{on._meta.model_name} {on.pk}"

    def save(form):
        comment = form.save()
        logger.info("Comment %s received on %s, awaiting moderation", comment.pk, subject)

    return handle_public_form(
        request,
        form,
        throttle=throttle,
        render_form=render_form,
        save=save,
        # To the page's messages (templates/base.html), where the thanks are shown.
        redirect_to=on.get_absolute_url() + "#thong-bao",
        logger=logger,
        honeypot_warning=f"Comment form: honeypot field filled in; the comment on {subject} was dropped",
        success_message=success_message,
    )


class CommentModerationAdmin(admin.ModelAdmin):
    """Reviewers publish or hide comments; what the sender wrote is never edited (the subclass lists
    its fields, all but `status` read-only)."""

    date_hierarchy = "created_at"
    actions = ["publish", "hide"]

    def has_add_permission(self, request):
        return False  # comments come from the public page

    @admin.display(description=_("comment"))
    def excerpt(self, comment):
        return comment.body[:80] + ("…" if len(comment.body) > 80 else "")

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            obj.moderate(obj.status, by=request.user)
        else:
            super().save_model(request, obj, form, change)

    def moderate(self, request, queryset, status):
        updated = queryset.moderate(status, by=request.user)
        logger.info("User %s set %d %s to %s", request.user.pk, updated, self.model._meta.label, status)
        return updated

    @admin.action(description=_("Publish the selected comments"), permissions=["change"])
    def publish(self, request, queryset):
        updated = self.moderate(request, queryset, CommentStatus.PUBLISHED)
        self.message_user(request, _("%(count)d comments published.") % {"count": updated}, messages.SUCCESS)

    @admin.action(description=_("Hide the selected comments"), permissions=["change"])
    def hide(self, request, queryset):
        updated = self.moderate(request, queryset, CommentStatus.HIDDEN)
        self.message_user(request, _("%(count)d comments hidden.") % {"count": updated}, messages.SUCCESS)


class PublicCommentForm(forms.ModelForm):
    """The public form of a comment, with a honeypot field against robots; a subclass's Meta
    (extending this one's) names the model, its fields, the body's widget and help."""

    # A field people never see (hidden by CSS, skipped by screen readers and
    # keyboards); form-filling robots fill it in.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    class Meta:
        labels = {"name": _("Full name"), "email": _("Email")}
        error_messages = {
            "name": {
                "required": _("Enter your name."),
                "max_length": _("The name is too long: at most %(limit_value)d characters (it has %(show_value)d)."),
            },
            "email": {"invalid": _("Enter a valid email address, or leave it empty.")},
            "body": {
                "required": _("Write your comment."),
                "max_length": _("The comment is too long: at most %(limit_value)d characters (it has %(show_value)d)."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.fields["name"].widget.attrs.update({"autocomplete": "name"})
        self.fields["email"].widget.attrs.update({"autocomplete": "email"})

    @property
    def is_spam(self):
        return bool(self.data.get("website"))
