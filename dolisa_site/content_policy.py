"""The Content-Security-Policy: django-csp, with script allowed from named paths only.

`'self'` in script-src would allow any script of this origin, and uploaded
files are served from this origin too (/media/). CSP can restrict a source
to a path, but only in an absolute source ("https://host/static/"), while
STATIC_URL is usually the relative "/static/". So the settings name paths
("/static/", the admin's "/admin/jsi18n/") in the directives, and this
middleware writes each out with the origin of the request being answered
(ALLOWED_HOSTS has vouched for the host by then). An absolute STATIC_URL (a
separate static host) is used as it is.

Building the policy is django-csp's slowest step (it deep-copies the
directives for every response: about a tenth of a millisecond, a large part
of what a page from the page cache costs). A response that neither uses a
nonce nor changes the policy gets the same header for the same origin, so
that header is built once per origin and process.
"""

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse

NONE = "'none'"
# What a view or decorator sets on a response to change or skip the policy (csp.decorators).
PER_RESPONSE = tuple(
    f"_csp_{name}{suffix}" for name in ("config", "update", "replace", "exempt") for suffix in ("", "_ro")
)
# Origins are vouched for by ALLOWED_HOSTS; the bound only matters for ALLOWED_HOSTS = ["*"].
_MAX_ORIGINS = 64


def is_path(source):
    return source.startswith("/") and not source.startswith("//")


def path_source(request, path):
    """A path as a CSP source for this request: "/static/" → "https://portal.example/static/"."""
    try:
        return f"{request.scheme}://{request.get_host()}{path}"
    except DisallowedHost:
        return NONE


def with_path_sources(directives, request):
    if not directives:
        return directives
    written = {}
    for name, value in directives.items():
        if isinstance(value, (list, tuple)) and any(isinstance(item, str) and is_path(item) for item in value):
            value = [path_source(request, item) if isinstance(item, str) and is_path(item) else item for item in value]
        written[name] = value
    return written


class CSPMiddleware(BaseCSPMiddleware):
    def __init__(self, get_response):
        super().__init__(get_response)
        self._headers = {}  # origin -> the headers of a response that does not change the policy

    def process_response(self, request, response):
        if (
            settings.DEBUG  # django-csp leaves debug pages without a policy
            or getattr(request, "_csp_nonce", None) is not None
            or any(hasattr(response, name) for name in PER_RESPONSE)
            or HEADER in response
            or HEADER_REPORT_ONLY in response
            or _excluded(request)
        ):
            return super().process_response(request, response)
        try:
            origin = (request.scheme, request.get_host())
        except DisallowedHost:
            return super().process_response(request, response)
        headers = self._headers.get(origin)
        if headers is None:
            plain = super().process_response(request, HttpResponse())
            headers = {name: plain[name] for name in (HEADER, HEADER_REPORT_ONLY) if name in plain}
            if len(self._headers) < _MAX_ORIGINS:
                self._headers[origin] = headers
        for name, value in headers.items():
            response[name] = value
        # As django-csp does: a nonce asked for after the header is written is an error, not a silent gap.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if parts.config is None:
            name = "CONTENT_SECURITY_POLICY_REPORT_ONLY" if report_only else "CONTENT_SECURITY_POLICY"
            policy = getattr(settings, name, None)
            if not policy:
                return parts
            parts.config = default_config(policy.get("DIRECTIVES", {}))
        parts.config = with_path_sources(parts.config, request)
        parts.update = with_path_sources(parts.update, request)
        parts.replace = with_path_sources(parts.replace, request)
        return parts


def _excluded(request):
    for name in ("CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_REPORT_ONLY"):
        prefixes = (getattr(settings, name, None) or {}).get("EXCLUDE_URL_PREFIXES") or ()
        if prefixes and request.path_info.startswith(tuple(prefixes)):
            return True
    return False
