"""Named slots in the shared layout that apps fill with their blocks.

The base layout has a sidebar (slots "sidebar.top", "sidebar.middle",
"sidebar.bottom") and the home page a main column ("home.main"). An app
registers a block from its AppConfig.ready(); the layout renders whatever is
registered, in order, without knowing which apps exist.

A block whose HTML depends on nothing of the visitor (not the address, not a
cookie, not who is signed in) registers with ``keep=True``: for anonymous
visitors its HTML is rendered once and kept while what it shows is unchanged
(``caching.rendered``), instead of on every page. What it reads through the
cache is followed by itself; ``shows`` names what its template takes from the
page's context instead (the site profile of the context processor).
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
    keep: bool = False
    shows: tuple = ()


def register(slot, name, template, context=None, order=100, keep=False, shows=()):
    """Place a block in a slot. Registering a name again replaces it."""
    if slot not in _registry:
        raise ValueError(f"Unknown widget slot {slot!r}; known slots: {', '.join(SLOTS)}")
    _registry[slot][name] = Widget(
        name=name, template=template, context=context, order=order, keep=keep, shows=tuple(shows)
    )


def for_slot(slot):
    return sorted(_registry[slot].values(), key=lambda widget: (widget.order, widget.name))
