"""News lists page by key (news.paging): every article once, no count, the same page by number or by link."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news import paging
from news.models import Article

from .factories import make_article, make_category

pytestmark = pytest.mark.django_db

TITLE = re.compile(r'<h2 class="teaser__title"><a href="[^"]+">([^<]+)</a>')
LINK = re.compile(r'<a class="pagination__link" href="([^"]+)"(?: rel="(prev|next)")?>([^<]+)</a>')


@pytest.fixture
def archive(monkeypatch):
    """47 articles of one category (with a sub-category), four to a page; two share a publish time."""
    monkeypatch.setattr("news.views.PER_PAGE", 4)
    labour = make_category("Lao động - Việc làm", order=1)
    jobs = make_category("Việc làm", parent=labour)
    other = make_category("Người có công", order=2)
    now = timezone.now()
    for number in range(47):
        # Articles 10 and 11 have the same time: the pk decides between them.
        moment = now - timedelta(hours=number if number != 11 else 10)
        make_article(labour if number % 2 else jobs, title=f"Tin số {number:02d}", publish_at=moment)
    make_article(other, title="Tin chuyên mục khác")
    return labour


def titles(html):
    return TITLE.findall(html)


def links(html):
    return [(url.replace("&amp;", "&"), rel or None, text.strip()) for url, rel, text in LINK.findall(html)]


def next_url(html):
    return next((url for url, rel, _text in links(html) if rel == "next"), None)


def expected_order():
    rows = Article.objects.filter(title__startswith="Tin số").order_by("-publish_at", "-pk")
    return list(rows.values_list("title", flat=True))


def test_following_next_lists_every_article_once_newest_first_without_counting(client, archive):
    url, seen, path = "/chuyen-muc/lao-dong-viec-lam/", [], "/chuyen-muc/lao-dong-viec-lam/"
    for _page in range(20):
        with CaptureQueriesContext(connection) as captured:
            html = client.get(url if url.startswith("/") else path + url).content.decode()
        assert not [query for query in captured if "COUNT(" in query["sql"].upper() and "news_article" in query["sql"]]
        seen += titles(html)
        url = next_url(html)
        if url is None:
            break
    assert seen == expected_order()


def test_a_page_number_alone_gives_the_same_page_as_the_links(client, archive):
    path = "/chuyen-muc/lao-dong-viec-lam/"
    html = client.get(path).content.decode()
    for number in range(2, 8):
        html = client.get(path + next_url(html)).content.decode()
        assert titles(client.get(path, {"page": number}).content.decode()) == titles(html)


def test_previous_links_go_back_to_the_same_pages(client, archive):
    path = "/chuyen-muc/lao-dong-viec-lam/"
    pages = [client.get(path).content.decode()]
    for _number in range(5):
        pages.append(client.get(path + next_url(pages[-1])).content.decode())
    html = pages[-1]
    for earlier in reversed(pages[:-1]):
        previous = next(url for url, rel, _text in links(html) if rel == "prev")
        html = client.get(previous if previous.startswith("/") else path + previous).content.decode()
        assert titles(html) == titles(earlier)


def test_the_pagination_shows_first_neighbours_and_next_without_a_total(client, archive):
    path = "/chuyen-muc/lao-dong-viec-lam/"
    html = client.get(path).content.decode()
    for _number in range(5):
        html = client.get(path + next_url(html)).content.decode()
    numbers = [text for _url, rel, text in links(html) if rel is None]
    assert numbers == ["1", "4", "5", "7", "8"]
    assert '<span class="pagination__current" aria-current="page">6</span>' in html
    assert html.count('<span class="pagination__gap">…</span>') == 2
    # The first page's link is the list's own address, the canonical of a later page its number alone.
    assert (path, None, "1") in links(html)
    assert '<link rel="canonical" href="http://testserver/chuyen-muc/lao-dong-viec-lam/?page=6">' in html


def test_the_last_page_has_no_next_and_a_page_past_the_end_shows_the_first(client, archive):
    path = "/chuyen-muc/lao-dong-viec-lam/"
    last = client.get(path, {"page": 12}).content.decode()
    assert titles(last) == expected_order()[44:] and next_url(last) is None
    assert titles(client.get(path, {"page": 13}).content.decode()) == expected_order()[:4]


@pytest.mark.parametrize("after", ["", "abc", "1.2.3", "-5.x", "99999999999999999999999999.1", "1." + "9" * 50])
def test_a_broken_key_falls_back_to_the_page_number(client, archive, after):
    response = client.get("/chuyen-muc/lao-dong-viec-lam/", {"page": 2, "after": after})
    assert response.status_code == 200
    assert titles(response.content.decode()) == expected_order()[4:8]


def test_keys_survive_the_round_trip_to_the_microsecond():
    moment = timezone.now().replace(microsecond=123456)
    assert paging.decode_key(paging.encode_key((moment, 42))) == (moment, 42)
    assert paging.decode_key(None) is None


def test_the_news_list_and_tag_pages_page_by_key_too(client, archive):
    for article in Article.objects.all():
        article.tags.add("chung")
    everything = list(Article.objects.order_by("-publish_at", "-pk").values_list("title", flat=True))
    for path in ("/tin-tuc/", "/the/chung/"):
        html, seen = client.get(path).content.decode(), []
        while True:
            seen += titles(html)
            url = next_url(html)
            if url is None:
                break
            assert "after=" in url
            html = client.get(path + url).content.decode()
        assert seen == everything, path


def test_search_results_keep_their_counted_pages_and_the_query(client, archive):
    html = client.get("/tim-kiem/", {"q": "tin so"}).content.decode()
    assert "Tìm thấy 47 bài viết" in html
    assert next_url(html) == "?q=tin+so&page=2"
    second = client.get("/tim-kiem/" + next_url(html)).content.decode()
    assert len(titles(second)) == 4
    assert ("?q=tin+so", "prev") in [(url, rel) for url, rel, _text in links(second)]
