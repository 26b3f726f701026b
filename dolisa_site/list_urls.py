"""The one address contract of the public lists and the pages of figures.

Every public list pages with ``?page=N`` (news adds ``&after=<key>``, see
news.paging) and names its filters in Vietnamese kebab-case, one spelling per
idea: ``q`` (the search box, as on the site's search page), ``linh-vuc``,
``co-quan``, ``loai``, ``nam``, ``cap``, ``muc-do``, ``chu-de``. The statistics
page and the dashboards name their period the same way: ``ky`` (its kind:
``nam``, ``quy``, ``thang`` or ``khoang``), ``nam``, ``quy``, ``thang``,
``tu-ngay``, ``den-ngay``, and their filters ``linh-vuc``, ``thu-tuc``,
``kenh``, ``cap``; the official report's period is ``ky-bao-cao``. Pages that
used other names answer those with a permanent redirect to the same page under
the new names, so printed and bookmarked links keep working.
"""

from functools import wraps

from django.http import HttpResponsePermanentRedirect

PAGE = "page"


def renamed_parameters(renames):
    """Decorate a view: a GET with an old parameter name (a key of ``renames``) is answered
    with a 301 to the same path under the new names, the other parameters kept in their order.
    When both the old and the new name are given, the new one wins. ``renames`` may instead be
    a function of the query giving them, for an old name that is also a new one with another
    meaning (on the dashboard, ``ky``)."""
    renames_for = renames if callable(renames) else lambda query: renames

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            names = renames_for(request.GET)
            if request.method in ("GET", "HEAD") and any(old in request.GET for old in names):
                query = request.GET.copy()
                renamed = type(query)(mutable=True)
                for name, values in query.lists():
                    new = names.get(name)
                    if new is None:
                        renamed.setlist(name, values)
                    # A new name that is itself renamed away (kind → ky while ky → ky-bao-cao) is free.
                    elif new not in query or new in names:
                        renamed.setlist(new, renamed.getlist(new) + values)
                encoded = renamed.urlencode()
                return HttpResponsePermanentRedirect(f"{request.path}?{encoded}" if encoded else request.path)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def kebab_case_names(cls):
    """Class decorator for a FilterSet or a form: filters and fields declared as ``linh_vuc`` are
    named ``linh-vuc`` in addresses and in ``cleaned_data`` (a Python name cannot hold a hyphen).
    Subclasses inherit the new names; a subclass declaring names of its own is decorated too."""
    kind = "filters" if hasattr(cls, "base_filters") else "fields"
    for attribute in (f"declared_{kind}", f"base_{kind}"):
        setattr(cls, attribute, {name.replace("_", "-"): value for name, value in getattr(cls, attribute).items()})
    return cls
