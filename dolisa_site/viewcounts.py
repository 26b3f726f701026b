"""How a page tells the visitor statistics which object it shows.

A detail view calls ``mark_viewed(request, obj)``. The statistics app counts
the view for that object and, when it flushes its counters, adds them to the
model's ``view_count`` field. The app showing the object and the app counting
views thus agree on this one protocol and never import each other.
"""

_ATTRIBUTE = "dolisa_viewed_object"


def mark_viewed(request, obj):
    setattr(request, _ATTRIBUTE, (obj._meta.label_lower, obj.pk))


def viewed_object(request):
    """("app_label.model", pk) of the object the page showed, or None."""
    return getattr(request, _ATTRIBUTE, None)
