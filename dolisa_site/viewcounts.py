"""How a page tells the visitor statistics which object it shows.

A detail view calls ``mark_viewed(request, obj, within=category)``. The
statistics app counts the view for that object (and for the object it sits
within, so categories can be ranked too) and, when it flushes its counters,
adds them to the model's ``view_count`` field where the model has one. The app
showing the object and the app counting views agree on this one protocol and
never import each other.
"""

from dataclasses import dataclass
from typing import Optional

_ATTRIBUTE = "dolisa_viewed_object"


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
