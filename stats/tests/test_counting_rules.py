"""Which requests count as page views (middleware + rules)."""

import logging

import pytest
from django.views.decorators.cache import cache_page

from stats import buffer, rules

from .conftest import BROWSER, GOOGLEBOT, PHONE

pytestmark = [pytest.mark.urls("stats.tests.urls"), pytest.mark.django_db]


def test_a_public_html_page_answered_200_to_get_counts(visit, counted):
    assert visit("/").status_code == 200
    visit("/trang/")
    assert counted() == {"page_views": 2, "visitors": 1, "mobile_visitors": 0}


@pytest.mark.parametrize(
    "path",
    [
        "/static/site/css/site.css",
        "/media/site/logo.png",
        "/admin/trang/",
        "/rss/tin-moi/",
        "/healthz",
        "/sitemap.xml",
        "/robots.txt",
    ],
)
def test_files_admin_feeds_and_probes_do_not_count(visit, counted, path):
    assert visit(path).status_code == 200
    assert counted()["page_views"] == 0


def test_the_admin_is_recognised_at_its_configured_address(visit, counted, settings):
    settings.ADMIN_URL = "trang/"
    visit("/trang/")
    assert counted()["page_views"] == 0


@pytest.mark.parametrize("path", ["/khong-co/", "/json/"])
def test_not_found_and_non_html_answers_do_not_count(visit, counted, path):
    visit(path)
    assert counted()["page_views"] == 0


def test_server_errors_do_not_count(visit, counted):
    assert visit("/loi/").status_code == 500
    assert counted()["page_views"] == 0


@pytest.mark.parametrize("method", ["head", "post", "options"])
def test_only_get_counts(client, counted, method):
    """The same browser, address and page as a counted GET: only the method differs."""
    response = getattr(client, method)("/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 200
    assert counted()["page_views"] == 0
    client.get("/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="198.51.100.7")
    assert counted()["page_views"] == 1


@pytest.mark.parametrize(
    "header", [{"HTTP_PURPOSE": "prefetch"}, {"HTTP_SEC_PURPOSE": "prefetch;prerender"}, {"HTTP_X_MOZ": "prefetch"}]
)
def test_prefetches_do_not_count(visit, counted, header):
    visit("/", **header)
    assert counted()["page_views"] == 0


@pytest.mark.parametrize("user_agent", [GOOGLEBOT, "curl/8.5.0", "python-requests/2.32", ""])
def test_bots_do_not_count(visit, counted, user_agent):
    visit("/", user_agent=user_agent)
    assert counted()["page_views"] == 0


def test_staff_do_not_count_but_signed_in_citizens_do(visit, counted, client, editor, django_user_model):
    client.force_login(editor)
    visit("/")
    assert counted()["page_views"] == 0
    client.force_login(django_user_model.objects.create_user("cong-dan", password="mat-khau-cong-dan"))
    visit("/")
    assert counted()["page_views"] == 1


def test_a_page_served_from_a_cache_still_counts(visit, counted, settings, monkeypatch):
    from stats.tests import urls

    calls = []

    def page(request):
        calls.append(request)
        return urls.html(request)

    monkeypatch.setattr(urls, "urlpatterns", [urls.path("", cache_page(60)(page))])
    visit("/")
    visit("/")
    assert len(calls) == 1  # the second page came from the cache
    assert counted()["page_views"] == 2


def test_visitors_are_told_apart_by_address_and_browser(visit, counted):
    visit("/", ip="198.51.100.7")
    visit("/trang/", ip="198.51.100.7")
    visit("/", ip="198.51.100.8")
    visit("/", ip="198.51.100.7", user_agent=PHONE)
    assert counted() == {"page_views": 4, "visitors": 3, "mobile_visitors": 1}


def test_the_visitor_address_comes_from_the_trusted_proxy(visit, counted, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    visit("/", ip="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.1")
    visit("/", ip="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.2")
    assert counted()["visitors"] == 2


def test_counting_costs_the_request_no_database_query(visit, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert visit("/").status_code == 200
    assert buffer.get_buffer().snapshot(0)[0]  # counted, in the buffer


def test_a_broken_cache_is_logged_and_the_page_still_served(visit, monkeypatch, caplog):
    def broken():
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr("stats.middleware.get_buffer", broken)
    with caplog.at_level(logging.ERROR, logger="stats.middleware"):
        response = visit("/trang/")
    assert response.status_code == 200
    assert "Visitor statistics: page view of /trang/ not counted: ConnectionError" in caplog.text


def test_mobile_means_phones_and_tablets():
    assert rules.is_mobile(PHONE)
    assert rules.is_mobile(
        "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1"
    )
    assert not rules.is_mobile("Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0")
