"""Refusing absurd requests before anything reads them.

A header (name and value), an address or a query string longer than
MAX_REQUEST_FIELD_BYTES (8 KB, the limit nginx and gunicorn apply by default),
or headers of more than four times that together (nginx: 4 buffers of 8 KB),
is answered with the Vietnamese 400 page, so no parser, rule or view ever
spends time on it. This
matters most where no proxy stands in front (the embedded demo, runserver).
What a parser is handed from an accepted request is cut further where the
parser is slow (request_info.user_agent).

A method a view does not take (a POST to a list) is answered by Django with an
empty 405, from require_http_methods and class-based views alike; the site
gives it its Vietnamese 405 page instead, here, once for every view.
"""

import logging

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpResponseNotAllowed
from django.template.loader import render_to_string
from django.urls import get_resolver, get_urlconf

logger = logging.getLogger(__name__)

# The address and query string are checked like headers.
CHECKED_FIELDS = ("PATH_INFO", "QUERY_STRING")
# All headers together may be this many times the limit of one.
TOTAL_FACTOR = 4
LOGGED_CHARS = 200


def oversized_field(request, limit):
    """(what, length, its limit) for the first header or address part over the limit,
    or for all headers together when over TOTAL_FACTOR times it; None when all is well."""
    total = 0
    for name, value in request.META.items():
        if not isinstance(value, str):
            continue
        if name.startswith("HTTP_"):
            size = len(name) + len(value)
            total += size
        elif name in CHECKED_FIELDS:
            size = len(value)
        else:
            continue
        if size > limit:
            return name[:LOGGED_CHARS], size, limit
    if total > TOTAL_FACTOR * limit:
        return "the headers together", total, TOTAL_FACTOR * limit
    return None


class RequestLimitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.MAX_REQUEST_FIELD_BYTES
        found = oversized_field(request, limit)
        if found is None:
            return self.get_response(request)
        name, length, allowed = found
        logger.warning(
            "Refused %s %s: %s is %d bytes, over the %d-byte limit",
            request.META.get("REQUEST_METHOD", "")[:20],
            request.META.get("PATH_INFO", "")[:LOGGED_CHARS],
            name,
            length,
            allowed,
        )
        # The site's own 400 handler and page, as for any other bad request;
        # logged above with the address cut, not by Django with all of it.
        handler = get_resolver(get_urlconf()).resolve_error_handler(400)
        return handler(request, BadRequest(f"{name} is too long"))


class MethodNotAllowedPageMiddleware:
    """Django's bare 405 becomes the site's page, with the same status and Allow header;
    a 405 that already says something (its own page, JSON) is left as it is."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if isinstance(response, HttpResponseNotAllowed) and not response.content:
            response.content = render_to_string("405.html", request=request)
        return response
