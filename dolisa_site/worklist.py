"""What waits for each member of staff, listed on the admin index.

An app registers each kind of waiting work from its `AppConfig.ready()`: a label, the
permission of those it waits for, a count of it for a user (one query) and the address of
the admin list filtered to it. The index shows a user each kind they may act on and that
has something waiting, so no app needs to know another's models.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.http import urlencode

_registry = {}


@dataclass(frozen=True)
class Waiting:
    label: str
    permission: str
    # user -> how many wait for them
    count: Callable
    # user -> the admin list filtered to them
    url: Callable


def register(name, label, permission, count, url):
    _registry[name] = Waiting(label=label, permission=permission, count=count, url=url)


def admin_list(url_name, **filters):
    return f"{reverse(url_name)}?{urlencode(filters)}"


def waiting_for(user):
    """[(label, count, url)] of what waits for `user`, in the order the apps registered it."""
    rows = []
    for item in _registry.values():
        if user.has_perm(item.permission):
            count = item.count(user)
            if count:
                rows.append((item.label, count, item.url(user)))
    return rows
