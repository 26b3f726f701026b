import logging
import uuid

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponseForbidden, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger(__name__)


def home(request):
    return render(request, "site/home.html")


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
