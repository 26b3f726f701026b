"""How a page tells the visitor statistics which object it shows.

A detail view calls ``mark_viewed(request, obj, within=category)``. The
statistics app counts the view for that object (and for the object it sits
within, so categories can be ranked too) and, when it flushes its counters,
adds them to the model's ``view_count`` field where the model has one. The app
showing the object and the app counting views agree on this one protocol and
never import each other.

Between flushes the views wait in the statistics' buffer. A page showing a
count shows ``shown_views(obj)``: ``view_count`` plus ``pending_views(obj)``,
which asks the function the statistics app registered with
``provide_pending_views()`` (one cache read).
"""

import logging
from dataclasses import dataclass
from typing import Callable, Optional

logger = logging.getLogger(__name__)

_ATTRIBUTE = "dolisa_viewed_object"
_pending: Optional[Callable[[str, int], int]] = None


@dataclass(frozen=True)
class ViewedObject:
    label: str  # "app_label.modelname"
    pk: int
    within_label: Optional[str] = None
    within_pk: Optional[int] = None


def mark_viewed(request, obj, within=None):
    setattr(
        request,
        _ATTRIBUTE,
        ViewedObject(
            label=obj._meta.label_lower,
            pk=obj.pk,
            within_label=within._meta.label_lower if within is not None else None,
            within_pk=within.pk if within is not None else None,
        ),
    )


def viewed_object(request):
    """The ViewedObject the page showed, or None."""
    return getattr(request, _ATTRIBUTE, None)


def mark(request, viewed):
    """Mark a ViewedObject kept from an earlier request (a page served from the page cache)."""
    setattr(request, _ATTRIBUTE, viewed)


def provide_pending_views(function):
    """Register function(label, pk) -> views of that object counted but not yet in its view_count."""
    global _pending
    _pending = function


def pending_views(obj):
    """Views of `obj` waiting to be flushed; 0 without the statistics app, or when its buffer fails."""
    if _pending is None:
        return 0
    try:
        return _pending(obj._meta.label_lower, obj.pk)
    except Exception as exc:  # a count a little low is better than no page
        logger.error(
            "View count of %s %s shown without its unflushed views: %s: %s",
            obj._meta.label_lower,
            obj.pk,
            type(exc).__name__,
            exc,
        )
        return 0


def shown_views(obj):
    """The count to show: what the table holds plus what waits in the buffer."""
    return obj.view_count + pending_views(obj)
