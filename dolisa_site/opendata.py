"""Open data (dữ liệu mở): datasets that apps publish, listed in one catalogue.

An app registers each dataset from its AppConfig.ready(): what it is, who publishes it, how often it
changes, its formats (URL names of the app's own views), the parameters those views read and, for
figures, the rules they are counted by. dolisa_site shows the catalogue at /du-lieu-mo/ and as a
DCAT-like JSON at /du-lieu-mo/danh-muc.json, without knowing which apps exist.

Every dataset is under one open licence, CC BY 4.0: Vietnam has no national open-data licence of its
own, and Decree 47/2020/NĐ-CP asks that a state agency's open data be free to use, reuse and share;
CC BY 4.0 allows exactly that (commercial reuse included) and asks only that the department be named as
the source, which keeps official figures traceable to the body that issued them (CC0 would not).
"""

from dataclasses import dataclass, field
from typing import Callable, Optional

from django.http import JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .exports import csv_response


@dataclass(frozen=True)
class Licence:
    name: str
    title: str
    url: str


CC_BY = Licence(
    name="CC BY 4.0",
    title=_("Creative Commons Attribution 4.0 International"),
    url="https://creativecommons.org/licenses/by/4.0/deed.vi",
)


@dataclass(frozen=True)
class Distribution:
    """One format of a dataset, served by the view named `url_name`."""

    format: str  # "JSON", "CSV"
    media_type: str
    url_name: str

    @property
    def url(self):
        return reverse(self.url_name)


@dataclass(frozen=True)
class Parameter:
    """A query parameter the dataset's views read."""

    name: str
    description: str


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str
    description: str
    # How often it changes, in words, and as an ISO 8601 repeating duration (DCAT's accrualPeriodicity).
    frequency: str
    periodicity: str
    distributions: tuple
    parameters: tuple = ()
    counting_rules: str = ""
    # () -> [(label, {parameter: value})]: example queries, made when shown so their dates stay current.
    examples: Optional[Callable] = None
    # () -> the moment the data last changed, or None.
    modified: Optional[Callable] = None
    # The models (or cache tags) `modified` and the views read: the catalogue page is kept until one changes.
    shows: tuple = ()
    # None: the department itself, as the site profile names it.
    publisher: Optional[str] = None
    licence: Licence = field(default=CC_BY)

    def example_queries(self):
        return self.examples() if self.examples else []


_registry = {}


def register(slug, title, description, frequency, periodicity, distributions, **details):
    """Add a dataset to the catalogue (see Dataset for the details). Registering a slug again replaces it."""
    _registry[slug] = Dataset(
        slug=slug,
        title=title,
        description=description,
        frequency=frequency,
        periodicity=periodicity,
        distributions=tuple(distributions),
        **details,
    )


def json_and_csv(url_name):
    """A dataset's two formats, served by the views named `url_name` + "_json" and + "_csv"."""
    return [
        Distribution("JSON", "application/json", f"{url_name}_json"),
        Distribution("CSV", "text/csv", f"{url_name}_csv"),
    ]


def datasets():
    return list(_registry.values())


def shown_by(datasets):
    """Everything the catalogue of these datasets shows, for caching.public_page's tags."""
    return [thing for dataset in datasets for thing in dataset.shows]


def allow_any_origin(response):
    """A dataset's answer, readable by a page of any other site (a provincial portal aggregating in the
    browser): the data is public and read-only, and no cookie is ever sent for it."""
    response["Access-Control-Allow-Origin"] = "*"
    return response


def json_answer(body, status=200):
    """A dataset's JSON answer (Vietnamese left as it is, not escaped), readable from any origin."""
    return allow_any_origin(JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False}))


def csv_answer(rows, file_name):
    return allow_any_origin(csv_response(rows, file_name))


def heading(request, slug):
    """The first keys of a registered dataset's JSON answer: which dataset, under which licence, documented where."""
    dataset = _registry[slug]
    return {
        "dataset": slug,
        "title": str(dataset.title),
        "license": {"name": dataset.licence.name, "url": dataset.licence.url},
        "documentation": request.build_absolute_uri(reverse("open_data")) + f"#{slug}",
    }


def moment(value):
    """A moment as the datasets write it: ISO 8601 in Vietnam time, or None."""
    return timezone.localtime(value).isoformat() if value else None
