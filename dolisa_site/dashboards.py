"""Dashboards that apps add to the admin index.

Officials find every dashboard in one place, whichever app owns it; each is
listed only for users holding its permission.
"""

from dataclasses import dataclass

from django.urls import reverse

_registry = {}


@dataclass(frozen=True)
class Dashboard:
    title: str
    url_name: str
    permission: str
    description: str = ""

    @property
    def url(self):
        return reverse(self.url_name)


def register(title, url_name, permission, description=""):
    _registry[url_name] = Dashboard(title=title, url_name=url_name, permission=permission, description=description)


def visible_to(user):
    return [board for board in _registry.values() if user.has_perm(board.permission)]
