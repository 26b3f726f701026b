"""Pages of a news list that cost the same at any depth and never count the list.

A news list is ordered newest first by (publish_at, pk). Django's Paginator
would count the whole list for "page 12 of 6,000" (a scan of every published
article in the category) and reach page 500 through OFFSET (reading the 7,485
articles before it). Instead the links the site writes carry the key of the
last article of the page before (``?page=4&after=<key>``), so the database
starts walking the date index right there: a page costs the same whatever its
number. Only the keys are read first, from the index alone; the rows of the
one page shown are then fetched by primary key.

``?page=N`` alone (a typed or an old link, or the canonical address) still
works: the database then skips the first (N - 1) × 15 keys, through the index
only. Nothing counts the list, so the pagination shows the first page, the
pages just before and just after the current one, and "Next" while there is
more — no "page N of M". Nonsense and past-the-end page numbers show the
first page (its canonical address is the list's own).
"""

from datetime import UTC, datetime, timedelta

from django.db.models import Q

from dolisa_site.pagination import PAGE_PARAMETER, Addresses, Link, Navigation

PER_PAGE = 15
AHEAD = 2  # numbered links after the current page
BEHIND = 2  # and before it
AFTER_PARAMETER = "after"
MAX_PAGE = 1_000_000  # beyond any real list; keeps the OFFSET of a crafted number sane

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def encode_key(key):
    """(publish_at, pk) as it travels in a link: microseconds since 1970, a dot, the pk."""
    moment, pk = key
    return f"{(moment - _EPOCH) // _MICROSECOND}.{pk}"


def decode_key(value):
    """The key of a link, or None for anything that is not one (the page number then decides)."""
    micros, dot, pk = (value or "").partition(".")
    if not dot or not micros.lstrip("-").isdigit() or not pk.isdigit() or len(value) > 40:
        return None
    try:
        return _EPOCH + int(micros) * _MICROSECOND, int(pk)
    except OverflowError:
        return None


def _older_than(queryset, key):
    # The redundant publish_at <= moment bounds the index range, so the walk starts at the key.
    moment, pk = key
    return queryset.filter(Q(publish_at__lt=moment) | Q(publish_at=moment, pk__lt=pk), publish_at__lte=moment)


def _newer_than(queryset, key):
    moment, pk = key
    return queryset.filter(Q(publish_at__gt=moment) | Q(publish_at=moment, pk__gt=pk), publish_at__gte=moment)


def _page_number(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return number if 1 <= number <= MAX_PAGE else 1


class _Addresses(Addresses):
    """Addresses of other pages of the news list, with the key of the page before when known."""

    def __init__(self, request):
        super().__init__(request, paging_parameters=(AFTER_PARAMETER,))

    def url(self, number, after=None):
        return super().url(number, {AFTER_PARAMETER: encode_key(after)} if after is not None else None)


class KeysetPage:
    """One page of a news list, found from the key in the link (see the module docstring)."""

    def __init__(self, request, queryset, per_page=PER_PAGE):
        self.per_page = per_page
        self.number = _page_number(request.GET.get(PAGE_PARAMETER))
        after = decode_key(request.GET.get(AFTER_PARAMETER)) if self.number > 1 else None
        keys = queryset.order_by("-publish_at", "-pk").values_list("publish_at", "pk")
        wanted = per_page * (1 + AHEAD) + 1
        if after is not None:
            ahead = list(_older_than(keys, after)[:wanted])
        else:
            start = (self.number - 1) * per_page
            ahead = list(keys[start : start + wanted])
        if not ahead and self.number > 1:
            # Past the end (without a count the last page is unknown): the first page.
            self.number = 1
            ahead = list(keys[:wanted])
        shown = ahead[:per_page]
        behind = []
        if shown and self.number > 1:
            older_first = queryset.order_by("publish_at", "pk").values_list("publish_at", "pk")
            behind = list(_newer_than(older_first, shown[0])[: per_page * BEHIND + 1])
        self.object_list = (
            list(queryset.filter(pk__in=[pk for _moment, pk in shown]).order_by("-publish_at", "-pk")) if shown else []
        )
        self.nav = self._navigation(_Addresses(request), ahead, behind)

    def _navigation(self, addresses, ahead, behind):
        number, per_page = self.number, self.per_page
        # Page number - k starts after behind[k * per_page], page number + k after ahead[k * per_page - 1].
        before = []
        for k in range(1, BEHIND + 1):
            if number - k < 1:
                break
            cursor = behind[k * per_page] if len(behind) > k * per_page else None
            before.insert(0, Link(number - k, addresses.url(number - k, cursor)))
        after = [
            Link(number + k, addresses.url(number + k, ahead[k * per_page - 1]))
            for k in range(1, AHEAD + 1)
            if len(ahead) > k * per_page
        ]
        items = []
        if before and before[0].number > 1:
            items.append(Link(1, addresses.url(1)))
            if before[0].number > 2:
                items.append(Link(0, gap=True))
        items += before + [Link(number)] + after
        if len(ahead) > (AHEAD + 1) * per_page:
            items.append(Link(0, gap=True))
        return Navigation(
            items=items if len(items) > 1 else [],
            previous_url=before[-1].url if before else None,
            next_url=after[0].url if after else None,
        )

    # What templates use of a Django Page.
    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    @property
    def has_other_pages(self):
        return bool(self.nav.items)
