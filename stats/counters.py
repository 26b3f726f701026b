"""Names of the buffered counters, shared by the buffer and the flush.

A counter is a field name and a count: "pv|2026-11-22" (page views that
day), "uv|…" (visitors), "mv|…" (mobile visitors), and for objects
"v|2026-11-22|news.article|12" (views of the object) or "w|…" (views of
something inside it).
"""

from datetime import date

PAGE_VIEWS, VISITORS, MOBILE_VISITORS = "pv", "uv", "mv"
VIEWS, VIEWS_WITHIN = "v", "w"


def day_field(kind, day):
    return f"{kind}|{day.isoformat()}"


def object_fields(day, viewed):
    """The counters a page view of a ViewedObject (dolisa_site.viewcounts) adds to."""
    if viewed is None:
        return ()
    fields = [views_field(day, viewed.label, viewed.pk)]
    if viewed.within_label is not None and viewed.within_pk is not None:
        fields.append(f"{VIEWS_WITHIN}|{day.isoformat()}|{viewed.within_label}|{viewed.within_pk}")
    return tuple(fields)


def views_field(day, label, pk):
    """The counter of one object's views on one day ("v|2026-11-22|news.article|12")."""
    return f"{VIEWS}|{day.isoformat()}|{label}|{pk}"


def parse_day_field(name):
    kind, day = name.split("|", 1)
    return kind, date.fromisoformat(day)


def parse_object_field(name):
    kind, day, label, pk = name.split("|", 3)
    return kind, date.fromisoformat(day), label, int(pk)


def page_views_by_day(days):
    pending = {}
    for name, count in days.items():
        kind, day = parse_day_field(name)
        if kind == PAGE_VIEWS:
            pending[day] = count
    return pending
