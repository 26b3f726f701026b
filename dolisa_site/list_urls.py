"""The one address contract of the public lists.

Every public list pages with ``?page=N`` (news adds ``&after=<key>``, see
news.paging) and names its filters in Vietnamese kebab-case, one spelling per
idea: ``q`` (the search box, as on the site's search page), ``linh-vuc``,
``co-quan``, ``loai``, ``nam``, ``cap``, ``muc-do``, ``chu-de``. Lists that
used other names answer those with a permanent redirect to the same list under
the new names, so printed and bookmarked links keep working.
"""

from functools import wraps

from django.http import HttpResponsePermanentRedirect

PAGE = "page"


def renamed_parameters(renames):
    """Decorate a list view: a GET with an old parameter name (a key of ``renames``) is answered
    with a 301 to the same path under the new names, the other parameters kept in their order.
    When both the old and the new name are given, the new one wins."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method in ("GET", "HEAD") and any(old in request.GET for old in renames):
                query = request.GET.copy()
                renamed = type(query)(mutable=True)
                for name, values in query.lists():
                    new = renames.get(name)
                    if new is None:
                        renamed.setlist(name, values)
                    elif new not in query:
                        renamed.setlist(new, renamed.getlist(new) + values)
                encoded = renamed.urlencode()
                return HttpResponsePermanentRedirect(f"{request.path}?{encoded}" if encoded else request.path)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def kebab_case_filters(filterset_class):
    """Class decorator for a FilterSet: filters declared as ``linh_vuc`` are named ``linh-vuc``
    in addresses (a Python name cannot hold a hyphen)."""
    filterset_class.base_filters = {
        name.replace("_", "-"): value for name, value in filterset_class.base_filters.items()
    }
    return filterset_class
