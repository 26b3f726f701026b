"""The full-page cache for anonymous visitors, on the caching mechanism of caching.py.

A public view opts in by saying what its page shows (``caching.shows(...)``);
the blocks of the layout add their own tags as they render. The finished page
is kept with the generations of all those tags, and served to the next
anonymous visitor without a database query or a template while none of them
has changed and no scheduled moment has come — and for at most PAGE_SECONDS,
the staleness allowed for the live figures on it (visitors, view counts).

What is never kept: a request carrying a session (staff, anyone signed in) or
a pending message; a response that sets a cookie, used the session, carries a
message, used a CSRF token (public forms fetch theirs when submitted, see
csrf_token() below and static/js/forms.js), is not a 200, or was refused by
``caching.uncacheable()``. Poll-vote cookies change the sidebar's poll block,
so they are part of the key.

It sits just inside the visitor statistics middleware, which counts every
served page, cached or not; the page's viewed object (dolisa_site.viewcounts)
is kept with it so the article's own count rises on cached views too.
Everything further in (sessions, CSRF, authentication, messages, framing, the
content policy) runs only to build a page: what it added to the page's
headers is kept with the page. That is most of what a page served from the
cache saves (measured in docs/benchmarks.md).
"""

import gzip
import hashlib
import logging
import time

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.views.decorators.cache import never_cache

from . import caching, viewcounts

logger = logging.getLogger(__name__)

PAGE_SECONDS = 60
# Cookies that change what an anonymous page shows; any other cookie is ignored.
VARY_COOKIE_PREFIXES = ("tham-do-",)
# Made anew for every response served; everything else the page was given is kept with it.
MADE_PER_RESPONSE = {"content-length", "content-encoding", "etag", "last-modified", "cache-control", "expires", "date"}
HIT_HEADER = "X-Page-Cache"
_MIN_GZIP_BYTES = 512


class CachedPage:
    __slots__ = ("status", "headers", "body", "gzipped", "state", "viewed", "etag", "built", "expires")

    def __init__(self, response, state, viewed, seconds):
        self.status = response.status_code
        self.body = response.content
        self.gzipped = gzip.compress(self.body, 6) if len(self.body) >= _MIN_GZIP_BYTES else None
        self.state = state
        self.viewed = viewed
        self.etag = 'W/"%s"' % hashlib.blake2b(self.body, digest_size=12).hexdigest()
        self.built = time.time()
        self.expires = self.built + seconds  # judged by this process's clock too (Redis keeps its own)
        # The headers every copy is served with, made once: a hit only sets them.
        for name in [name for name in response.headers if name.lower() in MADE_PER_RESPONSE]:
            del response.headers[name]
        _public_headers(response, self.etag, self.built)
        self.headers = dict(response.items())

    def response(self, request):
        compressed = self.gzipped is not None and "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "")
        body = self.gzipped if compressed else self.body
        response = HttpResponse(body, status=self.status)
        for name, value in self.headers.items():
            response.headers[name] = value
        if compressed:
            response.headers["Content-Encoding"] = "gzip"
        response.headers["Content-Length"] = str(len(body))
        return response


def _public_headers(response, etag, built):
    # Browsers and a proxy in front revalidate every time; the ETag makes that a 304.
    response["ETag"] = etag
    response["Last-Modified"] = http_date(built)
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    patch_vary_headers(response, ("Accept-Encoding",))


def enabled():
    return settings.PAGE_CACHE


def is_anonymous_request(request):
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _is_public_page(request):
    """Only views marked ``@caching.public_page`` are ever kept: others skip the cache lookup."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return getattr(match.func, "public_page", False)


def page_key(request):
    varying = sorted((name, value) for name, value in request.COOKIES.items() if name.startswith(VARY_COOKIE_PREFIXES))
    text = "|".join([request.get_host(), request.get_full_path(), repr(varying)])
    return "page:" + hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _refusal(request, response, collector):
    """Why this response must not be kept, or None."""
    if collector.refused:
        return collector.refused
    if not collector.cacheable:
        return "the view does not declare what it shows"
    if response.status_code != 200 or response.streaming:
        return "not a plain 200"
    if response.cookies:
        return "sets a cookie"
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return "holds a CSRF token"
    session = getattr(request, "session", None)
    if session is not None and session.accessed:
        return "used the session"
    storage = getattr(request, "_messages", None)
    if storage is not None and (storage.used or getattr(storage, "_queued_messages", None)):
        return "shows a message"
    if "no-store" in response.get("Cache-Control", "") or "private" in response.get("Cache-Control", ""):
        return "private"
    return None


class PageCacheMiddleware:
    """Serve anonymous GETs of opted-in public pages from the shared cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not enabled() or not is_anonymous_request(request) or not _is_public_page(request):
            with caching.collecting():  # still: each generation read once per request
                response = self.get_response(request)
            return self._private(response)
        key = page_key(request)
        page = caching.store.get(key)
        if page is not None and page.expires > time.time() and caching.is_current(page.state):
            if page.viewed is not None:
                viewcounts.mark(request, page.viewed)
            response = page.response(request)
            response[HIT_HEADER] = "hit"
            return response
        with caching.collecting() as collector:
            response = self.get_response(request)
        refusal = _refusal(request, response, collector)
        if refusal is not None:
            logger.debug("Page cache: %s not kept: %s", request.path, refusal)
        else:
            state = collector.state()
            seconds = state.seconds_left(PAGE_SECONDS)
            page = CachedPage(response, state, viewcounts.viewed_object(request), seconds)
            caching.store.set(key, page, seconds)
            response = page.response(request)
            response[HIT_HEADER] = "miss"
            return response
        return self._private(response)

    @staticmethod
    def _private(response):
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_cache=True)
        return response


@never_cache
def csrf_token(request):
    """A fresh CSRF token (and its cookie) for a form on a cached page, fetched when the form is sent."""
    return JsonResponse({"token": get_token(request)})
