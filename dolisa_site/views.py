import logging
import uuid

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseForbidden, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_GET

from . import caching, opendata
from .models import AboutPage, Leader, SiteProfile, Unit, WebLink, WebLinkGroup
from .request_info import parse_id

logger = logging.getLogger(__name__)


@caching.public_page()
def home(request):
    return render(request, "site/home.html")


@caching.public_page()
def contact(request):
    return render(request, "site/contact.html", {"breadcrumbs": [(_("Contact"), None)]})


@never_cache
def healthz(request):
    """200 when the database and the cache both answer, 503 naming what failed."""
    failed = []
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        logger.error("Health check: database unreachable: %s", exc)
        failed.append("database")
    probe_key, probe_value = "healthz-probe", uuid.uuid4().hex
    try:
        cache.set(probe_key, probe_value, 10)
        if cache.get(probe_key) != probe_value:
            raise ValueError("value read back differs from value written")
    except Exception as exc:  # cache backends raise their own client errors
        logger.error("Health check: cache unusable: %s: %s", type(exc).__name__, exc)
        failed.append("cache")
    if failed:
        return JsonResponse({"status": "error", "failed": failed}, status=503)
    return JsonResponse({"status": "ok", "database": "ok", "cache": "ok"})


@require_GET
def robots_txt(request):
    """For crawlers: the pages not to index, and the sitemap index (an absolute URL, as robots.txt requires)."""
    preview = reverse("news:article_preview", args=[0]).removesuffix("0/")  # every article's preview
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('news:search')}",
        f"Disallow: {preview}",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@requires_csrf_token
def server_error(request):
    """The 500 page in the site layout; a bare page if the layout itself fails.

    The usual cause of a 500 (a database or cache outage) would also break the
    layout, which reads the site profile.
    """
    try:
        html = render_to_string("500.html", request=request)
    except Exception:
        logger.exception("The 500 page could not be rendered in the site layout; sent the bare page instead")
        html = render_to_string("500_bare.html")
    return HttpResponseServerError(html)


def csrf_failure(request, reason=""):
    logger.warning("CSRF check failed for %s %s: %s", request.method, request.path, reason)
    return HttpResponseForbidden(render_to_string("403_csrf.html", request=request))


@caching.public_page(AboutPage, Leader, Unit)
def about(request):
    return render(
        request,
        "site/about.html",
        {
            "about": AboutPage.load(),
            "leaders": Leader.objects.all(),
            "units": Unit.objects.tree(),
            "breadcrumbs": [(_("About us"), None)],
        },
    )


@caching.public_page(AboutPage, Leader, Unit)
def english(request):
    """The English page lists every unit that has an English name and a way to reach it, at any level."""
    units = Unit.objects.exclude(english_name="").exclude(phone="", email="")
    return render(
        request, "site/english.html", {"about": AboutPage.load(), "leaders": Leader.objects.all(), "units": units}
    )


@caching.public_page(WebLinkGroup, WebLink)
def web_links(request):
    return render(
        request,
        "site/web_links.html",
        {"groups": WebLinkGroup.objects.with_visible_links(), "breadcrumbs": [(_("Web links"), None)]},
    )


def open_data_catalogue(datasets):
    """The datasets as the catalogue shows them: each with its example addresses and when it last changed."""
    entries = []
    for dataset in datasets:
        examples = [
            (label, [(item, f"{item.url}?{urlencode(query)}") for item in dataset.distributions])
            for label, query in dataset.example_queries()
        ]
        entries.append(
            {"dataset": dataset, "examples": examples, "modified": dataset.modified() if dataset.modified else None}
        )
    return entries


def open_data_datasets():
    datasets = opendata.datasets()
    caching.shows(*opendata.shown_by(datasets))
    return datasets


@caching.public_page(SiteProfile)
def open_data(request):
    return render(
        request,
        "site/open_data.html",
        {"entries": open_data_catalogue(open_data_datasets()), "breadcrumbs": [(_("Open data"), None)]},
    )


@caching.public_page(SiteProfile)
def open_data_json(request):
    """The catalogue for machines, in the words of W3C DCAT (as data.json catalogues write it)."""
    site = SiteProfile.load()
    page = request.build_absolute_uri(reverse("open_data"))
    entries = open_data_catalogue(open_data_datasets())
    listed = []
    for entry in entries:
        dataset = entry["dataset"]
        listed.append(
            {
                "identifier": dataset.slug,
                "title": str(dataset.title),
                "description": str(dataset.description),
                "publisher": {"name": str(dataset.publisher or site.name)},
                "accrualPeriodicity": dataset.periodicity,
                "frequency": str(dataset.frequency),
                "license": dataset.licence.url,
                "modified": opendata.moment(entry["modified"]),
                "landingPage": f"{page}#{dataset.slug}",
                "distribution": [
                    {
                        "format": item.format,
                        "mediaType": item.media_type,
                        "downloadURL": request.build_absolute_uri(item.url),
                    }
                    for item in dataset.distributions
                ],
                "parameters": [
                    {"name": parameter.name, "description": str(parameter.description)}
                    for parameter in dataset.parameters
                ],
                "countingRules": str(dataset.counting_rules),
            }
        )
    changed = [entry["modified"] for entry in entries if entry["modified"]]
    catalogue = {
        "title": _("Open data of %(name)s") % {"name": site.name},
        "description": _("Datasets the department publishes for anyone to use, free of charge."),
        "homepage": page,
        "publisher": {"name": site.name},
        "license": opendata.CC_BY.url,
        "modified": opendata.moment(max(changed, default=None)),
        "dataset": listed,
    }
    return opendata.json_answer(catalogue)


def web_link_go(request):
    """Where the links form leads a browser without JavaScript: a page with the chosen link.

    Not a redirect: the Content-Security-Policy (form-action 'self') rightly
    stops a form submission from being redirected to another site. Only links
    editors entered can be shown, so this is no open redirect either.
    """
    link_id = request.GET.get("lien-ket", "")
    pk = parse_id(link_id)
    link = WebLink.objects.visible().filter(pk=pk).first() if pk is not None else None
    crumbs = [(_("Web links"), reverse("web_links")), (link.title if link else _("Link not found"), None)]
    if link is None:
        logger.info("Web link page refused: no visible link with id %r", link_id[:20])
        return render(request, "site/web_link_unknown.html", {"breadcrumbs": crumbs}, status=404)
    return render(request, "site/web_link_go.html", {"link": link, "breadcrumbs": crumbs})


def web_links_block(request):
    """Context for the sidebar block: grouped links and the logos, or no block."""
    groups = WebLinkGroup.cached_tree()
    if not groups:
        return None
    return {"link_groups": groups, "link_logos": [link for group in groups for link in group["links"] if link["logo"]]}
