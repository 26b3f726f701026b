"""Counts page views into the buffer (see buffer.py) after the page is made.

It sits after AuthenticationMiddleware, to recognise staff, and outside any
page cache, so a page served from a cache counts like any other. It judges
the response the visitor gets, never the view, and never writes to the
database while the visitor waits: when the buffer has grown old, the flush
runs only once the response has been sent.
"""

import logging

from django.utils import timezone

from dolisa_site.request_info import user_agent
from dolisa_site.viewcounts import viewed_object

from . import clock, counters, rules
from .buffer import Hit, get_buffer
from .flush import flush_after_response, is_due

logger = logging.getLogger(__name__)


class VisitorStatsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        try:
            if rules.is_page_view(request, response):
                self.count(request, response)
        except Exception as exc:  # a cache or database outage must not cost the visitor the page
            logger.error(
                "Visitor statistics: page view of %s not counted: %s: %s", request.path, type(exc).__name__, exc
            )
        return response

    def count(self, request, response):
        moment = clock.now()
        day = timezone.localdate(moment)
        buffer = get_buffer()
        hit = Hit(
            day=day,
            minute=clock.epoch_minute(moment),
            visitor=rules.visitor_id(request, buffer.salt(day, moment)),
            mobile=rules.is_mobile(user_agent(request)),
            object_fields=counters.object_fields(day, viewed_object(request)),
        )
        born = buffer.record(hit, moment.timestamp())
        if is_due(born, moment):
            # Closers run when the server closes the response, after sending it.
            response._resource_closers.append(flush_after_response)
