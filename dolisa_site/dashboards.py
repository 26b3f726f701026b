"""Dashboards that apps add to the admin index, and the one way they are built.

Officials find every dashboard in one place, whichever app owns it; each is
listed only for users holding its permission. Each is a `DashboardView` with a
`PeriodForm`: the same permission check, admin layout and answer to wrong input
(a 400 with the forms' errors over the default period's figures, never a file
of another period than the one asked for), and its charts from dolisa_site.charts.
"""

from dataclasses import dataclass
from datetime import timedelta

from django import forms
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View

from .list_urls import kebab_case_names, renamed_parameters

_registry = {}


@dataclass(frozen=True)
class Dashboard:
    title: str
    url_name: str
    permission: str
    description: str = ""

    @property
    def url(self):
        return reverse(self.url_name)


def register(title, url_name, permission, description=""):
    _registry[url_name] = Dashboard(title=title, url_name=url_name, permission=permission, description=description)


def visible_to(user):
    return [board for board in _registry.values() if user.has_perm(board.permission)]


@kebab_case_names
class PeriodForm(forms.Form):
    """The period a dashboard shows: a range of days (``tu-ngay``, ``den-ngay``) of at most `longest`,
    or `default()` when the query chooses none. Subclasses may offer other kinds of period (they then
    say in `range_chosen` when the range is the one chosen, and give the period of a valid form in `chosen`)."""

    longest = timedelta(days=366)
    longest_message = _("Choose a period of at most one year.")
    # () -> the period shown when none is chosen, and beside the errors of a wrong one.
    default = None

    tu_ngay = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    den_ngay = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, data=None, **kwargs):
        # A query without any of the form's fields (a bookmark, the filters alone) chooses the default.
        chosen = data is not None and any(data.get(name) for name in self.base_fields)
        super().__init__(data if chosen else None, **kwargs)

    def range_chosen(self, data):
        return True

    def clean(self):
        data = super().clean()
        if self.range_chosen(data):
            start, end = data.get("tu-ngay"), data.get("den-ngay")
            if start and end:
                if start > end:
                    raise forms.ValidationError(_("The start date must not be after the end date."))
                if end - start > self.longest:
                    raise forms.ValidationError(self.longest_message)
            elif not self.errors:  # a mistyped date already has its message
                raise forms.ValidationError(_("Choose both the first and the last day."))
        return data

    def chosen(self):
        return self.cleaned_data["tu-ngay"], self.cleaned_data["den-ngay"]

    def period(self):
        """The chosen period; the default when none, or a wrong one, was chosen."""
        return self.chosen() if self.is_bound and self.is_valid() else self.default()


class DashboardView(View):
    """An admin page of figures for holders of `permission`, mounted with `as_admin_view(admin_site)`.

    The query string is read by the forms of `read_query` (the period form first); when one of them
    is wrong the page answers 400 with their errors and the default period's figures, and no export
    runs. Subclasses give the page's context (`page_context`) and may answer with a file (`export`).
    """

    admin_site = None
    permission = None
    template_name = None
    title = None
    period_form_class = PeriodForm
    # {old parameter: new}, or a function of the query giving them: old addresses answer a 301 (dolisa_site.list_urls).
    old_parameters = {}
    http_method_names = ["get", "head"]

    @classmethod
    def as_admin_view(cls, admin_site, **initkwargs):
        view = renamed_parameters(cls.old_parameters)(cls.as_view(admin_site=admin_site, **initkwargs))
        return admin_site.admin_view(view)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def read_query(self, query):
        """The forms that read the query string, kept on the view for `page_context` and `export`."""
        self.period_form = self.period_form_class(query)
        return [self.period_form]

    def page_context(self):
        """The template's context for `self.period`."""
        return {}

    def export(self):
        """A file for the query, or None for the page."""
        return None

    def get(self, request, *args, **kwargs):
        self.refused = [form for form in self.read_query(request.GET) if form.is_bound and not form.is_valid()]
        # One wrong choice and the figures are the default ones (the default period, no filter), never half the query.
        self.period = self.period_form.default() if self.refused else self.period_form.period()
        if not self.refused:
            response = self.export()
            if response is not None:
                return response
        context = {
            **self.admin_site.each_context(request),
            "title": self.title,
            # Leaders hold no model permissions: the admin's app list beside the figures would only say so.
            "is_nav_sidebar_enabled": False,
            "period_form": self.period_form,
            "period": self.period,
            "refused": self.refused,
            **self.page_context(),
        }
        return TemplateResponse(request, self.template_name, context, status=400 if self.refused else 200)
