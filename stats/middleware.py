"""Counts page views into the buffer (see buffer.py) after the page is made.

It sits outside the page cache (dolisa_site.pagecache), so a page served from
the cache counts like any other. It reads request.user (staff are not
counted) after the response is made, by when AuthenticationMiddleware, further
in, has set it; a page served from the cache has none, and it needs none: the
cache serves only requests without a session, which are anonymous. It judges
the response the visitor gets, never the view, and never writes to the
database while the visitor waits: when the buffer has grown old, the flush
runs only once the response has been sent.

Behind nginx's micro-cache (docs/deploy/nginx.conf) the pages nginx answers
itself never reach it; they are counted from nginx's log by proxylog.py, with
record_page_view() below, and a response tells nginx which object it shows.
"""

import logging

from django.conf import settings
from django.utils import timezone

from dolisa_site.request_info import user_agent
from dolisa_site.viewcounts import viewed_object

from . import clock, counters, proxylog, rules
from .buffer import Hit, get_buffer
from .flush import flush_after_response, is_due

logger = logging.getLogger(__name__)


class VisitorStatsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        try:
            if settings.TRUSTED_PROXY_COUNT:
                tell_proxy(response, viewed_object(request))
            if rules.is_page_view(request, response):
                self.count(request, response)
        except Exception as exc:  # a cache or database outage must not cost the visitor the page
            logger.error(
                "Visitor statistics: page view of %s not counted: %s: %s", request.path, type(exc).__name__, exc
            )
        return response

    def count(self, request, response):
        moment = clock.now()
        born = record_page_view(request, viewed_object(request), moment)
        if is_due(born, moment):
            # Closers run when the server closes the response, after sending it.
            response._resource_closers.append(flush_after_response)


def record_page_view(request, viewed, moment):
    """Count one page view made at `moment`; returns when the oldest count not yet flushed was made.

    Also used for the pages nginx's micro-cache answered itself (proxylog.py),
    so both count alike."""
    day = timezone.localdate(moment)
    buffer = get_buffer()
    hit = Hit(
        day=day,
        minute=clock.epoch_minute(moment),
        visitor=rules.visitor_id(request, buffer.salt(day, moment)),
        mobile=rules.is_mobile(user_agent(request)),
        object_fields=counters.object_fields(day, viewed),
    )
    return buffer.record(hit, moment.timestamp())


def tell_proxy(response, viewed):
    """Behind nginx, name the object a page shows in a header its micro-cache keeps with the page.

    A page nginx later answers from its cache never reaches Django; nginx
    logs this header with the visit and proxylog.py counts the view for the
    object from it. nginx removes the header before the response leaves
    (docs/deploy/nginx.conf)."""
    if viewed is not None and response.status_code == 200:
        response[proxylog.VIEWED_HEADER] = proxylog.format_viewed(viewed)
