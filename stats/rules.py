"""Which requests are page views, and who the visitor is.

A page view is a public HTML page answered 200 to a GET by a person: not a
file, the admin, a feed, a probe, a prefetch, a member of staff or a bot.
"""

from functools import lru_cache

import user_agents
from crawlerdetect import CrawlerDetect
from django.conf import settings

from dolisa_site.request_info import user_agent, visitor_hash

# Machine-read addresses that answer HTML-free 200s or are not pages people read.
NOT_PAGES = ("/healthz", "/rss/", "/sitemap", "/robots.txt", "/favicon.ico")
PREFETCH_HEADERS = ("HTTP_PURPOSE", "HTTP_SEC_PURPOSE", "HTTP_X_PURPOSE", "HTTP_X_MOZ")

_crawlers = CrawlerDetect()


def excluded_prefixes():
    return (settings.STATIC_URL, settings.MEDIA_URL, "/" + settings.ADMIN_URL.lstrip("/"), *NOT_PAGES)


def is_page_view(request, response):
    if request.method != "GET" or response.status_code != 200:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    if request.path.startswith(excluded_prefixes()):
        return False
    if any(
        value in request.META.get(header, "").lower()
        for header in PREFETCH_HEADERS
        for value in ("prefetch", "preview")
    ):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_staff:
        return False
    return not is_bot(user_agent(request))


@lru_cache(maxsize=4096)
def is_bot(agent):
    """Crawler detection (crawlerdetect's maintained list); no browser sends an empty agent.

    Callers pass request_info.user_agent(request): crawlerdetect is quadratic
    in the agent's length, so it must never see an uncut header.
    """
    return not agent.strip() or _crawlers.is_crawler(agent)


@lru_cache(maxsize=4096)
def is_mobile(agent):
    """Phones and tablets; pass request_info.user_agent(request), as for is_bot()."""
    parsed = user_agents.parse(agent)
    return parsed.is_mobile or parsed.is_tablet


def visitor_id(request, salt):
    """The same visitor within a day, unlinkable once the day's salt has expired."""
    return visitor_hash(request, salt)
