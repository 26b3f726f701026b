"""Filters for the catalogue, the statistics page and the dashboard."""

from datetime import timedelta

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from dolisa_site import dashboards
from dolisa_site.list_urls import kebab_case_names
from dolisa_site.lists import search_filter

from . import periods
from .models import Channel, Level, OnlineLevel, Procedure, Sector


@kebab_case_names
class ProcedureFilter(django_filters.FilterSet):
    """The catalogue's filters, named as on every public list (``linh-vuc``, ``cap``, ``muc-do``:
    dolisa_site.list_urls)."""

    q = search_filter(_("Name or code"), _("e.g. tro cap or 1.001234"))
    linh_vuc = django_filters.ModelChoiceFilter(
        field_name="sector", queryset=Sector.objects.all(), label=_("Field"), empty_label=_("All fields")
    )
    cap = django_filters.ChoiceFilter(
        field_name="level", choices=Level.choices, label=_("Level"), empty_label=_("All levels")
    )
    muc_do = django_filters.ChoiceFilter(
        field_name="online_level",
        choices=OnlineLevel.choices,
        label=_("Online service level"),
        empty_label=_("All service levels"),
    )

    class Meta:
        model = Procedure
        fields = []


# The names the statistics page and the dashboard read before they followed dolisa_site.list_urls.
OLD_NAMES = {
    "kind": "ky",
    "year": "nam",
    "quarter": "quy",
    "month": "thang",
    "start": "tu-ngay",
    "end": "den-ngay",
    "field": "linh-vuc",
}

# Django's own Vietnamese leaves this message untranslated.
OFFERED = {"invalid_choice": _("Choose one of the options offered.")}


@kebab_case_names
class SectorFilter(django_filters.FilterSet):
    """The public statistics page filters by field (``linh-vuc``, as the catalogue); the lookup works on
    rollups and on dossiers."""

    linh_vuc = django_filters.ModelChoiceFilter(
        field_name="procedure__sector",
        queryset=Sector.objects.all(),
        label=_("Field"),
        empty_label=_("All fields"),
        error_messages=OFFERED,
    )


@kebab_case_names
class DimensionFilter(SectorFilter):
    """The dashboard adds procedure (``thu-tuc``), channel (``kenh``) and level (``cap``), again the same
    lookups on rollups and dossiers."""

    # Only what the choices show ("code – name"), not the procedures' long texts.
    thu_tuc = django_filters.ModelChoiceFilter(
        field_name="procedure",
        queryset=Procedure.objects.only("id", "code", "name"),
        label=_("Procedure"),
        empty_label=_("All procedures"),
        error_messages=OFFERED,
    )
    kenh = django_filters.ChoiceFilter(
        field_name="channel",
        choices=Channel.choices,
        label=_("Channel"),
        empty_label=_("All channels"),
        error_messages=OFFERED,
    )
    cap = django_filters.ChoiceFilter(
        field_name="procedure__level",
        choices=Level.choices,
        label=_("Level"),
        empty_label=_("All levels"),
        error_messages=OFFERED,
    )


class PeriodForm(dashboards.PeriodForm):
    """A month, a quarter, a year, or a range of days (``ky``: nam, quy, thang, khoang); this year by default."""

    KINDS = [("nam", _("Year")), ("quy", _("Quarter")), ("thang", _("Month")), ("khoang", _("Date range"))]
    # The longest custom range: keeps a mistyped year from asking for centuries of monthly columns.
    longest = timedelta(days=366 * 5)
    longest_message = _("Choose a range of at most five years.")
    default = staticmethod(periods.this_year)
    NEEDS = {"nam": ["nam"], "quy": ["nam", "quy"], "thang": ["nam", "thang"]}
    MISSING = {"nam": _("Choose a year."), "quy": _("Choose a quarter."), "thang": _("Choose a month.")}

    ky = forms.ChoiceField(label=_("Period"), choices=KINDS, required=False, error_messages=OFFERED)
    nam = forms.IntegerField(
        label=_("Year"),
        min_value=2000,
        max_value=2100,
        required=False,
        # Django's Vietnamese for these reads badly ("Nhập một số tổng thể.", "bằng với 2000 .").
        error_messages=dict.fromkeys(["invalid", "min_value", "max_value"], _("Choose a year from 2000 to 2100.")),
    )
    quy = forms.TypedChoiceField(
        label=_("Quarter"), choices=[(n, n) for n in range(1, 5)], coerce=int, required=False, error_messages=OFFERED
    )
    thang = forms.TypedChoiceField(
        label=_("Month"), choices=[(n, n) for n in range(1, 13)], coerce=int, required=False, error_messages=OFFERED
    )
    field_order = ["ky", "nam", "quy", "thang", "tu-ngay", "den-ngay"]

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        today = periods.today()
        self.fields["nam"].initial = today.year
        self.fields["quy"].initial = (today.month - 1) // 3 + 1
        self.fields["thang"].initial = today.month

    def range_chosen(self, data):
        return data.get("ky") == "khoang"

    def clean(self):
        data = super().clean()
        kind = data.get("ky") or "nam"
        # A value the field refused (a year out of range, a 13th month) already has its message.
        missing = [name for name in self.NEEDS.get(kind, ()) if not data.get(name) and name not in self.errors]
        if missing:
            raise forms.ValidationError(self.MISSING[missing[0]])
        return data

    def chosen(self):
        data = self.cleaned_data
        kind = data.get("ky") or "nam"
        if kind == "khoang":
            return periods.between(data["tu-ngay"], data["den-ngay"])
        if kind == "quy":
            return periods.quarter(data["nam"], data["quy"])
        if kind == "thang":
            return periods.month(data["nam"], data["thang"])
        return periods.year(data["nam"])


class DigitsInput(forms.TextInput):
    """A text box that never writes back what was typed: the digits are personal data."""

    def format_value(self, value):
        return None


class LookupForm(forms.Form):
    ma = forms.CharField(
        label=_("Dossier code"),
        max_length=60,
        help_text=_("The code printed on your receipt, e.g. 000.00.25.H99.000986."),
        error_messages={"required": _("Enter the dossier code from your receipt.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "inputmode": "text"}),
    )
    phone = forms.CharField(
        label=_("Last four digits of your phone number"),
        required=False,
        max_length=4,
        help_text=_("The phone number you gave when you handed in the dossier."),
        widget=DigitsInput(attrs={"autocomplete": "off", "inputmode": "numeric", "pattern": "[0-9]{4}", "size": "4"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The lookup's grid (procedures.css), read by templates/forms/field.html.
        self.fields["ma"].group_class = "filter-form__field filter-form__field--wide"
        self.fields["phone"].group_class = "filter-form__field"

    def clean_ma(self):
        return "".join(self.cleaned_data["ma"].split())

    def clean_phone(self):
        digits = "".join(self.cleaned_data["phone"].split())
        if digits and not (len(digits) == 4 and digits.isascii() and digits.isdigit()):
            raise forms.ValidationError(_("Enter exactly the last four digits of the phone number, e.g. 5678."))
        return digits
