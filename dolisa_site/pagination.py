"""The links of includes/pagination.html, the one pagination of every public list.

Every list pages with ``?page=N``, its other parameters kept. A counted Django
Page gets numbered links from ``numbered_navigation()``; a list that never
counts (news, news/paging.py) builds its own ``Navigation`` from the same parts.
"""

from dataclasses import dataclass, field
from typing import Optional

PAGE_PARAMETER = "page"


@dataclass
class Link:
    number: int
    url: Optional[str] = None  # None: the current page
    gap: bool = False  # an ellipsis, no number

    @property
    def current(self):
        return self.url is None and not self.gap


@dataclass
class Navigation:
    """What the pagination include shows: previous/next addresses and the numbered links."""

    items: list = field(default_factory=list)
    previous_url: Optional[str] = None
    next_url: Optional[str] = None


class Addresses:
    """Addresses of other pages of the list the request shows, its other parameters kept
    (less the paging ones: ``page`` and whatever else a list pages with)."""

    def __init__(self, request, paging_parameters=()):
        self.path = request.path
        self.query = request.GET.copy()
        for name in (PAGE_PARAMETER, *paging_parameters):
            self.query.pop(name, None)

    def url(self, number, extra=None):
        query = self.query.copy()
        if number > 1:
            query[PAGE_PARAMETER] = number
            for name, value in (extra or {}).items():
                query[name] = value
        encoded = query.urlencode()
        return f"?{encoded}" if encoded else self.path


def numbered_navigation(request, page_obj):
    """The navigation of a counted Django Page."""
    if not page_obj.has_other_pages():
        return Navigation()
    addresses = Addresses(request)
    items = []
    for number in page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1):
        if number == page_obj.paginator.ELLIPSIS:
            items.append(Link(0, gap=True))
        else:
            items.append(Link(number, None if number == page_obj.number else addresses.url(number)))
    return Navigation(
        items=items,
        previous_url=addresses.url(page_obj.previous_page_number()) if page_obj.has_previous() else None,
        next_url=addresses.url(page_obj.next_page_number()) if page_obj.has_next() else None,
    )
