"""The article form of the admin: stale-edit refusal and the send-back reason (the model checks covers)."""

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from dolisa_site.comments import PublicCommentForm

from .models import COMMENT_MAX_LENGTH, Article, Category, Comment


class ArticleAdminForm(forms.ModelForm):
    # The version the editor loaded; a different stored version means someone
    # else saved in between, and this save must not overwrite their work.
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    workflow_note = forms.CharField(
        label=_("Reason for sending back"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when sending the article back to its editor."),
    )

    class Meta:
        model = Article
        fields = "__all__"
        widgets = {
            "title": forms.TextInput(attrs={"class": "vLargeTextField"}),
            "cover_alt": forms.TextInput(attrs={"class": "vLargeTextField"}),
            "cover_caption": forms.TextInput(attrs={"class": "vLargeTextField"}),
            "source_note": forms.TextInput(attrs={"class": "vLargeTextField"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["loaded_version"].initial = self.instance.version if self.instance.pk else None
        if "category" in self.fields:
            self.fields["category"].queryset = Category.objects.select_related("parent")

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            self.refuse_stale_edit(cleaned.get("loaded_version"))
        if self.data.get("_transition") == "send_back" and not (cleaned.get("workflow_note") or "").strip():
            self.add_error("workflow_note", _("Say why the article is sent back, so the editor can fix it."))
        return cleaned

    def refuse_stale_edit(self, loaded_version):
        # The admin runs the whole save in one transaction; locking the row
        # here keeps a second save from slipping in before ours is written.
        stored = (
            Article.objects.select_for_update(of=("self",))
            .filter(pk=self.instance.pk)
            .values("version", "updated_by__username", "updated_at")
            .first()
        )
        # A form without the version it was loaded at cannot show it is fresh: refused like a stale one.
        if stored is None or stored["version"] == loaded_version:
            return
        raise forms.ValidationError(
            _(
                "%(user)s saved this article at %(time)s while you were editing it, so your changes were "
                "not saved (they would have overwritten theirs). Copy what you changed, open the article "
                "again and redo your changes on the newest version."
            ),
            code="stale_edit",
            params={
                "user": stored["updated_by__username"] or _("Someone else"),
                "time": formats.date_format(timezone.localtime(stored["updated_at"]), "DATETIME_FORMAT"),
            },
        )


class CommentForm(PublicCommentForm):
    """A reader's comment on an article."""

    template_name = "news/includes/comment_fields.html"

    class Meta(PublicCommentForm.Meta):
        model = Comment
        fields = ["name", "email", "body"]
        labels = {**PublicCommentForm.Meta.labels, "body": _("Your comment")}
        help_texts = {
            "email": _("Optional; never published."),
            "body": _("At most 2,000 characters. Links are shown as plain text."),
        }
        widgets = {"body": forms.Textarea(attrs={"rows": 5, "maxlength": COMMENT_MAX_LENGTH})}
