from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

LONGEST_PERIOD = timedelta(days=366)


class PeriodForm(forms.Form):
    """The period for the dashboard's rankings and the CSV export."""

    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if start > end:
                raise forms.ValidationError(_("The start date must not be after the end date."))
            if end - start > LONGEST_PERIOD:
                raise forms.ValidationError(_("Choose a period of at most one year."))
        return cleaned
