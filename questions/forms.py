from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from .models import QUESTION_MAX_LENGTH, Question, Topic

MIN_QUESTION_LENGTH = 20


class QuestionForm(forms.ModelForm):
    # A field people never see (hidden by CSS, skipped by screen readers and
    # keyboards); form-filling robots fill it in.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
        validators=[RegexValidator(r"^\+?[0-9 .]{8,20}$", _("Enter a phone number of 8 to 15 digits."))],
    )

    class Meta:
        model = Question
        fields = ["name", "email", "phone", "topic", "title", "body"]
        labels = {
            "name": _("Full name"),
            "email": _("Email"),
            "topic": _("Topic"),
            "title": _("Subject"),
            "body": _("Your question"),
        }
        help_texts = {"body": _("Between 20 and 5,000 characters. Do not include identity card numbers.")}
        widgets = {"body": forms.Textarea(attrs={"rows": 8, "maxlength": QUESTION_MAX_LENGTH})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = Topic.objects.all()
        self.fields["topic"].empty_label = _("Choose a topic")
        self.fields["email"].help_text = _("Give an email or a phone number so we can reply.")
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.fields["name"].widget.attrs.update({"autocomplete": "name"})
        self.fields["email"].widget.attrs.update({"autocomplete": "email"})

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if len(body) < MIN_QUESTION_LENGTH:
            raise forms.ValidationError(
                _("The question is too short: write at least %(count)d characters."),
                params={"count": MIN_QUESTION_LENGTH},
                code="too_short",
            )
        return body

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("email") and not cleaned.get("phone") and "email" not in self.errors:
            self.add_error("email", _("Give an email or a phone number so we can reply."))
        return cleaned

    @property
    def is_spam(self):
        return bool(self.data.get("website"))


class TrackingForm(forms.Form):
    ma = forms.CharField(
        label=_("Tracking code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )
