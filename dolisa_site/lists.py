"""The one public list view: a FilterSet's rows, paged with ``?page=N``.

Documents, the procedures catalogue and the answered questions are each a
``PublicListView`` (a django-filter ``FilterView``) with their queryset, their
FilterSet and their page size. What they share:

- ``strict = False``: a filter given an invalid value is left out and the others
  still apply (the list is never emptied because of one bad value);
- paging as every public list pages (dolisa_site.pagination): a page past the
  end shows the last page, a page that is not a number the first, never a 404;
- ``active_filters`` for the template: (label, value, address without it) for
  every filter applied, so each can be removed on its own.

The URLconf keeps function views: ``public_list(View)`` is wrapped with the same
decorators as before (``renamed_parameters``, ``caching.public_page``).

FilterSets declare their search box with ``search_filter()`` and fill their
``nam`` choices with ``year_choices()``.
"""

import django_filters
from django import forms
from django.core.paginator import Paginator
from django.db.models import DateField
from django.db.models.functions import ExtractYear
from django_filters.views import FilterView

from .pagination import PAGE_PARAMETER


class PublicListView(FilterView):
    strict = False
    page_kwarg = PAGE_PARAMETER
    paginator_class = Paginator

    def paginate_queryset(self, queryset, page_size):
        """Django's get_page(): an out-of-range or unreadable page number shows the nearest page."""
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def active_filters(self):
        """(label, value shown, address of the list without this filter) for each filter applied."""
        filterset = self.filterset
        if not filterset.is_bound:
            return []
        filterset.is_valid()
        form = filterset.form
        active = []
        for name in filterset.filters:
            value = form.cleaned_data.get(name)
            if value in (None, "", [], ()):
                continue
            field = form.fields[name]
            choices = getattr(field, "choices", None) if not hasattr(field, "queryset") else None
            shown = dict(choices).get(value, value) if choices else value
            query = self.request.GET.copy()
            for parameter in (name, self.page_kwarg):
                query.pop(parameter, None)
            encoded = query.urlencode()
            active.append((field.label, str(shown), f"?{encoded}" if encoded else self.request.path))
        return active

    def get_context_data(self, **kwargs):
        return super().get_context_data(active_filters=self.active_filters(), **kwargs)


def _search(queryset, name, value):
    return queryset.search(value)


def search_filter(label, placeholder):
    """The list's ``q``: words the rows are searched for with their queryset's search()."""
    return django_filters.CharFilter(
        label=label,
        method=_search,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": placeholder}),
    )


def year_choices(rows, field):
    """The choices of a year filter: the years of `field` (a date, or a year number) among `rows`, newest first."""
    if isinstance(rows.model._meta.get_field(field), DateField):
        rows, field = rows.annotate(year_of_row=ExtractYear(field)), "year_of_row"
    years = rows.values_list(field, flat=True).distinct().order_by(f"-{field}")
    return [(str(year), year) for year in years]
