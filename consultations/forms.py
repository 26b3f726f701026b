from django import forms
from django.utils.translation import gettext_lazy as _

from dolisa_site.comments import PublicCommentForm

from .models import COMMENT_MAX_LENGTH, Comment


class CommentForm(PublicCommentForm):
    """A comment on a draft."""

    template_name = "consultations/comment_fields.html"

    class Meta(PublicCommentForm.Meta):
        model = Comment
        fields = ["name", "organisation", "email", "phone", "body"]
        labels = {
            **PublicCommentForm.Meta.labels,
            "organisation": _("Organisation (if any)"),
            "phone": _("Phone"),
            "body": _("Your comment on the draft"),
        }
        help_texts = {"body": _("At most 5,000 characters.")}
        widgets = {"body": forms.Textarea(attrs={"rows": 8, "maxlength": COMMENT_MAX_LENGTH})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].widget.attrs.update({"autocomplete": "organization"})
        # input_type, not an attribute: Django writes the widget's type itself, and a second one would follow it.
        self.fields["phone"].widget.input_type = "tel"
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})
