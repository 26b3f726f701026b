"""A cache is not the database: the site works with Redis down or hanging (issue 10, finding 4).

Tested for real: a redis-server the test starts and stops on a port of its
own, and a socket that accepts connections and never answers. The cache is
configured exactly as production's settings build it from REDIS_URL (read
from a fresh settings process), pointed at those servers.
"""

import json
import logging
import time

import pytest
import redis
from django.apps import apps
from django.test import Client
from django.urls import reverse

from dolisa_site import cache as portal_cache
from dolisa_site.models import MenuItem
from stats import buffer, flush

from .factories import make_menu, make_profile
from .redis_servers import BlackHole
from .test_settings_env import run_python

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0"
PASSWORD = "mat-khau-thu-nghiem"

SETTINGS_PROBE = """
import json
import django
django.setup()
from django.conf import settings
print(json.dumps({
    "cache": settings.CACHES["default"],
    "sessions": settings.SESSION_ENGINE,
    "axes": settings.AXES_HANDLER,
}))
"""


@pytest.fixture(scope="module")
def production():
    """What settings.py makes of REDIS_URL in production."""
    result = run_python(SETTINGS_PROBE, REDIS_URL="redis://127.0.0.1:1/4")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def use_redis(settings, production):
    """Point the default cache, configured as in production, at `url`."""

    def use(url):
        portal_cache.reset_breakers()
        buffer._buffers.clear()
        settings.CACHES = {"default": {**production["cache"], "LOCATION": url, "KEY_PREFIX": "outage-test"}}
        settings.SESSION_ENGINE = production["sessions"]
        settings.AXES_HANDLER = production["axes"]

    yield use
    portal_cache.reset_breakers()
    buffer._buffers.clear()


@pytest.fixture
def black_hole():
    hole = BlackHole()
    yield hole
    hole.close()


@pytest.fixture
def site(db):
    make_menu()
    return make_profile()


@pytest.fixture
def later(monkeypatch):
    """Move the breakers' clock past their retry delay."""
    offset = [0.0]
    monkeypatch.setattr(portal_cache, "_now", lambda: time.monotonic() + offset[0])

    def advance(seconds=None):
        offset[0] += seconds if seconds is not None else 1 + max(b.retry_after for b in portal_cache._breakers.values())

    return advance


def make_article(title, status):
    Article = apps.get_model("news", "Article")
    Category = apps.get_model("news", "Category")
    category = Category.objects.first() or Category.objects.create(name="Lao động - Việc làm")
    article = Article(category=category, title=title, status=status, summary="Tóm tắt.", body="<p>Nội dung.</p>")
    if status == "published":
        from django.utils import timezone

        article.publish_at = article.first_published_at = timezone.now()
    article.save()
    return article


def publish_form(article):
    article.refresh_from_db()
    return {
        "title": article.title,
        "slug": article.slug,
        "category": article.category_id,
        "summary": article.summary,
        "body": article.body,
        "cover_alt": "",
        "cover_caption": "",
        "author": "",
        "source_note": "",
        "tags": "",
        "publish_at_0": "",
        "publish_at_1": "",
        "unpublish_at_0": "",
        "unpublish_at_1": "",
        "loaded_version": article.version,
        "_transition": "publish",
    }


def cache_log(caplog, text):
    return [r for r in caplog.records if r.name == "dolisa_site.cache" and text in r.getMessage()]


def test_production_settings_keep_redis_calls_short_and_sessions_in_the_database(production):
    cache = production["cache"]
    assert cache["BACKEND"] == "dolisa_site.cache.PortalRedisCache"
    assert 0 < cache["OPTIONS"]["socket_connect_timeout"] <= 0.5
    assert 0 < cache["OPTIONS"]["socket_timeout"] <= 0.5
    assert cache["RETRY_AFTER"] >= 5
    assert production["sessions"] == "django.contrib.sessions.backends.db"
    assert production["axes"] == "dolisa_site.lockout.LockoutCacheHandler"


def test_with_redis_stopped_pages_the_admin_login_and_publishing_work(use_redis, redis_server, site, reviewer, caplog):
    use_redis(redis_server.url)
    shown = make_article("Hội nghị tổng kết công tác giảm nghèo", "published")
    waiting = make_article("Sàn giao dịch việc làm lưu động", "submitted")
    visitor = Client(HTTP_USER_AGENT=BROWSER)
    assert visitor.get("/").status_code == 200  # fills the cache
    assert redis.Redis.from_url(redis_server.url).dbsize() > 0

    redis_server.stop()

    assert visitor.get("/").status_code == 200
    assert visitor.get(shown.get_absolute_url()).status_code == 200
    staff = Client()
    assert staff.get(reverse("admin:login")).status_code == 200
    response = staff.post(reverse("admin:login"), {"username": reviewer.username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    change = reverse("admin:news_article_change", args=[waiting.pk])
    assert staff.get(change).status_code == 200
    response = staff.post(change, publish_form(waiting))
    assert response.status_code == 302, response.content.decode()[:2000]
    waiting.refresh_from_db()
    assert waiting.is_public()
    assert waiting.title in visitor.get("/").content.decode()  # uncached, so current
    assert len(cache_log(caplog, "is unreachable")) == 1  # one line for the outage, not one per call


def test_the_site_recovers_without_a_restart_when_redis_returns(use_redis, redis_server, site, later, caplog):
    use_redis(redis_server.url)
    visitor = Client(HTTP_USER_AGENT=BROWSER)
    redis_server.stop()
    assert visitor.get("/").status_code == 200
    redis_server.start()  # the same address, empty
    assert visitor.get("/").status_code == 200  # the breaker still skips Redis...
    assert redis.Redis.from_url(redis_server.url).dbsize() == 0
    later()
    assert visitor.get("/").status_code == 200  # ...until its delay has passed
    assert redis.Redis.from_url(redis_server.url).dbsize() > 0
    assert len(cache_log(caplog, "answers again")) == 1


def test_changes_made_while_redis_failed_are_not_served_stale_afterwards(use_redis, redis_server, site, later):
    """Redis cut off but keeping its data (a network failure): the menu cached
    before is deleted once Redis answers, since the deletion on save was lost."""
    use_redis(redis_server.url)
    visitor = Client(HTTP_USER_AGENT=BROWSER)
    assert "Liên hệ" in visitor.get("/").content.decode()  # the menu is cached
    breaker = portal_cache._breakers[redis_server.url]
    breaker.failure(redis.ConnectionError("network cut (test)"))
    MenuItem.objects.filter(title="Liên hệ").update(title="Liên hệ - Góp ý")
    MenuItem.objects.get(title="Liên hệ - Góp ý").save()  # the signal's cache.delete() cannot reach Redis
    assert "Liên hệ - Góp ý" in visitor.get("/").content.decode()
    later()
    assert "Liên hệ - Góp ý" in visitor.get("/").content.decode()
    assert not breaker.is_open


def test_a_black_holed_redis_costs_one_short_timeout_then_nothing(use_redis, black_hole, site, later, settings):
    visitor = Client(HTTP_USER_AGENT=BROWSER)
    started = time.monotonic()
    assert visitor.get("/").status_code == 200  # local memory: how long a page takes normally
    normal = time.monotonic() - started

    use_redis(black_hole.url)
    started = time.monotonic()
    assert visitor.get("/").status_code == 200
    first = time.monotonic() - started
    assert black_hole.accepted == 1  # one connection, one read timeout, then the breaker opened
    breaker = portal_cache._breakers[black_hole.url]
    assert breaker.is_open
    for _ in range(5):
        assert visitor.get("/").status_code == 200
    assert black_hole.accepted == 1  # no further attempt while the breaker is open
    later()
    assert visitor.get("/").status_code == 200
    assert black_hole.accepted <= 2  # one try after the delay, by one call
    assert first < normal + 1.0, (first, normal)  # coarse: the timeouts are a quarter second


def test_healthz_reports_a_stopped_redis(use_redis, redis_server, site, later, client):
    use_redis(redis_server.url)
    assert client.get("/healthz").status_code == 200
    redis_server.stop()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "failed": ["cache"]}
    redis_server.start()
    later()
    assert client.get("/healthz").status_code == 200


def test_visitor_counts_are_kept_through_an_outage_and_written_to_the_database(
    use_redis, redis_server, site, later, settings, caplog
):
    settings.STATS_FLUSH_AFTER = 3600
    DailyStat = apps.get_model("stats", "DailyStat")
    use_redis(redis_server.url)
    visitor = Client(HTTP_USER_AGENT=BROWSER)

    def page_views():
        return sum(DailyStat.objects.values_list("page_views", flat=True))

    visitor.get("/")
    visitor.get("/lien-he/")
    assert flush.flush() == 2
    redis_server.stop()
    for _ in range(3):
        assert visitor.get("/").status_code == 200
    assert flush.flush() == 3  # straight from this process's memory to the database
    assert page_views() == 5
    redis_server.start()
    later()
    visitor.get("/")
    assert flush.flush() == 1
    assert page_views() == 6
    assert "page views are kept in this process's memory" in caplog.text


def test_the_memory_kept_during_an_outage_is_bounded_and_the_loss_logged(
    use_redis, redis_server, site, settings, caplog
):
    settings.STATS_FLUSH_AFTER = 3600
    settings.STATS_LOCAL_MAX_PENDING = 2
    use_redis(redis_server.url)
    visitor = Client(HTTP_USER_AGENT=BROWSER)
    redis_server.stop()
    with caplog.at_level(logging.WARNING):
        for _ in range(5):
            assert visitor.get("/").status_code == 200
        assert flush.flush() == 2
    assert "the most it keeps while Redis is unreachable" in caplog.text
    assert "3 page views were not counted" in caplog.text


def test_failed_logins_still_lock_out_while_redis_is_down(use_redis, redis_server, site, superuser, settings, caplog):
    use_redis(redis_server.url)
    redis_server.stop()
    client = Client()
    url = reverse("admin:login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post(url, {"username": superuser.username, "password": "sai-mat-khau"}).status_code == 200
    assert client.post(url, {"username": superuser.username, "password": "sai-mat-khau"}).status_code == 429
    response = client.post(url, {"username": superuser.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()
    assert "failed logins are counted in this process's memory" in caplog.text
    # Another address signs in.
    other = Client(REMOTE_ADDR="10.9.8.7")
    assert other.post(url, {"username": superuser.username, "password": PASSWORD}).status_code == 302
