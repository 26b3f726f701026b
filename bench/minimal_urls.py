"""The minimal Django view bench/run measures every page against: a constant 30 KB HTML body.

Served by its own gunicorn with the same settings as the portal's (workers,
timeout) but without the portal's middleware (minimal_settings.py): the floor
of what Django and gunicorn cost per request on this machine. bench_urls.py
also serves it through the portal's middleware, to show what that adds.
"""

from django.http import HttpResponse
from django.urls import path

PATH = "__bench__/minimal/"
BODY_BYTES = 30 * 1024
_PARAGRAPH = "<p>Sở Lao động - Thương binh và Xã hội tỉnh Sơn Hà.</p>\n"
_HEAD = '<!doctype html>\n<html lang="vi"><head><meta charset="utf-8"><title>Minimal</title></head><body>\n'
_TAIL = "</body></html>\n"
_body = _HEAD + _PARAGRAPH * ((BODY_BYTES - len(_HEAD) - len(_TAIL)) // len(_PARAGRAPH.encode()))
BODY = (_body + " " * (BODY_BYTES - len((_body + _TAIL).encode())) + _TAIL).encode()


def minimal(request):
    return HttpResponse(BODY, content_type="text/html; charset=utf-8")


urlpatterns = [path(PATH, minimal)]
