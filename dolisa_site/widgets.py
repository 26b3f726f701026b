"""Named slots in the shared layout that apps fill with their blocks.

The base layout has a sidebar (slots "sidebar.top", "sidebar.middle",
"sidebar.bottom") and the home page a main column ("home.main"). An app
registers a block from its AppConfig.ready(); the layout renders whatever is
registered, in order, without knowing which apps exist.
"""

from dataclasses import dataclass
from typing import Callable, Optional

SLOTS = ("home.main", "sidebar.top", "sidebar.middle", "sidebar.bottom")

_registry = {slot: {} for slot in SLOTS}


@dataclass(frozen=True)
class Widget:
    name: str
    template: str
    # Called with the request; returns the template's extra context, or None
    # to leave the block out of this page.
    context: Optional[Callable] = None
    order: int = 100


def register(slot, name, template, context=None, order=100):
    """Place a block in a slot. Registering a name again replaces it."""
    if slot not in _registry:
        raise ValueError(f"Unknown widget slot {slot!r}; known slots: {', '.join(SLOTS)}")
    _registry[slot][name] = Widget(name=name, template=template, context=context, order=order)


def unregister(slot, name):
    _registry[slot].pop(name, None)


def for_slot(slot):
    return sorted(_registry[slot].values(), key=lambda widget: (widget.order, widget.name))
