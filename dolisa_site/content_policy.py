"""The Content-Security-Policy: django-csp, with script allowed from named paths only.

`'self'` in script-src would allow any script of this origin, and uploaded
files are served from this origin too (/media/). CSP can restrict a source
to a path, but only in an absolute source ("https://host/static/"), while
STATIC_URL is usually the relative "/static/". So the settings name paths
("/static/", the admin's "/admin/jsi18n/") in the directives, and this
middleware writes each out with the origin of the request being answered
(ALLOWED_HOSTS has vouched for the host by then). An absolute STATIC_URL (a
separate static host) is used as it is.
"""

from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.core.exceptions import DisallowedHost

NONE = "'none'"


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
