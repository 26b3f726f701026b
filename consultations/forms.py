from django import forms
from django.utils.translation import gettext_lazy as _

from .models import COMMENT_MAX_LENGTH, Comment


class CommentForm(forms.ModelForm):
    """A comment on a draft, with a honeypot field against robots (news.forms.CommentForm does the same)."""

    # Hidden by CSS, skipped by screen readers and keyboards; form-filling robots fill it in.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    class Meta:
        model = Comment
        fields = ["name", "organisation", "email", "phone", "body"]
        labels = {
            "name": _("Full name"),
            "organisation": _("Organisation (if any)"),
            "email": _("Email"),
            "phone": _("Phone"),
            "body": _("Your comment on the draft"),
        }
        help_texts = {"body": _("At most 5,000 characters.")}
        widgets = {"body": forms.Textarea(attrs={"rows": 8, "maxlength": COMMENT_MAX_LENGTH})}
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
        self.fields["organisation"].widget.attrs.update({"autocomplete": "organization"})
        self.fields["email"].widget.attrs.update({"autocomplete": "email"})
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "type": "tel"})

    @property
    def is_spam(self):
        return bool(self.data.get("website"))
