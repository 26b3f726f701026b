"""The full-page cache: served without queries, and exact — every kind of change shows on
the next anonymous request to every page that shows it, whatever made the change."""

import gzip
import re

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from documents.tests.factories import make_document
from dolisa_site.models import MenuItem, SiteProfile, WebLink, WebLinkGroup
from dolisa_site.tests.factories import make_menu, make_profile
from gallery.tests.factories import make_album
from news.models import Article, ArticleStatus, Category, Comment, CommentStatus
from news.tests.factories import make_article, make_category
from polls.tests.factories import make_poll

pytestmark = pytest.mark.django_db

HIT = "X-Page-Cache"


@pytest.fixture
def site():
    make_profile()
    make_menu()
    category = make_category("Lao động - Việc làm", slug="lao-dong")
    return {"category": category, "article": make_article(category, title="Hội chợ việc làm tháng Ba")}


def fetch(client, url="/", **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, (url, response.status_code)
    return response


def html(client, url="/"):
    return fetch(client, url).content.decode()


def test_the_second_anonymous_visit_is_served_without_a_query(client, site):
    first = fetch(client)
    assert first[HIT] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = fetch(client)
    assert second[HIT] == "hit"
    assert len(queries) == 0
    assert second.content == first.content


def test_page_cache_off_builds_every_page(client, site, settings):
    settings.PAGE_CACHE = False
    fetch(client)
    assert HIT not in fetch(client)


def test_staff_always_get_a_fresh_page_and_never_leave_theirs_behind(client, site, editor):
    fetch(client)  # an anonymous copy is kept
    client.force_login(editor)
    staff_page = fetch(client)
    assert HIT not in staff_page
    assert "private" in staff_page["Cache-Control"]
    client.logout()
    client.cookies.clear()
    anonymous = fetch(client).content.decode()
    assert reverse("admin:index") not in anonymous
    assert editor.username not in anonymous


def test_a_cached_page_holds_no_csrf_token_and_sets_no_cookie(client, site):
    make_poll()
    url = site["article"].get_absolute_url()
    for _ in range(2):
        response = fetch(client, url)
        assert not response.cookies
        page = response.content.decode()
        assert 'name="csrfmiddlewaretoken" value=""' in page  # comment form and the sidebar's ballot
        assert not re.search(r'name="csrfmiddlewaretoken" value="[^"]+"', page)
    assert response[HIT] == "hit"


def test_a_comment_posted_from_a_cached_page_works_with_the_fetched_token(site):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    article = site["article"]
    Article.objects.filter(pk=article.pk).update(comments_open=True)
    article.refresh_from_db()
    fetch(client, article.get_absolute_url())
    assert fetch(client, article.get_absolute_url())[HIT] == "hit"
    form = {"name": "Bạn đọc", "email": "", "body": "Xin hỏi thời gian tổ chức hội chợ?", "website": ""}
    refused = client.post(reverse("news:post_comment", args=[article.slug]), {**form, "csrfmiddlewaretoken": ""})
    assert refused.status_code == 403
    token = client.get(reverse("csrf_token"))
    assert "no-cache" in token["Cache-Control"] or "max-age=0" in token["Cache-Control"]
    sent = client.post(
        reverse("news:post_comment", args=[article.slug]), {**form, "csrfmiddlewaretoken": token.json()["token"]}
    )
    assert sent.status_code == 302
    assert Comment.objects.filter(article=article, status=CommentStatus.PENDING).count() == 1


def test_a_message_is_shown_to_its_visitor_only_and_never_kept(client, site):
    from django.test import Client

    poll = make_poll(question="Bạn có hài lòng không?")
    results_url = reverse("polls:results", args=[poll.pk])
    fetch(client, results_url)
    choice = poll.choices.first()
    response = client.post(reverse("polls:vote", args=[poll.pk]), {"phuong-an": choice.pk}, follow=True)
    assert "Cảm ơn" in response.content.decode()
    assert HIT not in response
    other = Client()
    for _ in range(2):
        assert "Cảm ơn" not in html(other, results_url)


def test_a_voted_cookie_gets_its_own_copy_of_the_page(client, site):
    from django.test import Client

    poll = make_poll(question="Câu hỏi thăm dò")
    fetch(client)
    client.post(reverse("polls:vote", args=[poll.pk]), {"phuong-an": poll.choices.first().pk})
    voter_page = html(client)
    assert 'name="phuong-an"' not in voter_page  # the voter sees the results, not the ballot
    assert 'name="phuong-an"' in html(Client())


def test_browsers_and_proxies_revalidate_and_get_304(client, site):
    first = fetch(client)
    assert "public" in first["Cache-Control"] and "max-age=0" in first["Cache-Control"]
    again = client.get("/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""


def test_cached_pages_are_sent_compressed(client, site):
    plain = fetch(client).content
    compressed = fetch(client, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert compressed[HIT] == "hit"
    assert compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == plain
    assert "Accept-Encoding" in compressed["Vary"]


def test_a_page_from_the_cache_carries_the_headers_of_the_page_built(client, site):
    """Served before the session, CSRF, framing and content-policy middleware run, a kept page
    must still carry what they gave it when it was built."""
    built = fetch(client)
    kept = fetch(client)
    assert (built[HIT], kept[HIT]) == ("miss", "hit")
    for name in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Content-Type", "Vary"):
        assert kept[name] == built[name], name
    assert int(kept["Content-Length"]) == len(kept.content)


def test_a_page_from_the_cache_runs_none_of_the_middleware_that_builds_pages(client, site):
    fetch(client)
    request = fetch(client).wsgi_request
    # The session, authentication and message middleware never saw the request.
    assert not hasattr(request, "session") and not hasattr(request, "user") and not hasattr(request, "_messages")


# --- Every kind of change shows on the next request ---------------------------------------


def _edit_article_title(site, client):
    article = site["article"]
    article.title = "Hội chợ việc làm đã đổi tên"
    article.save()
    return "Hội chợ việc làm đã đổi tên"


def _bulk_retitle(site, client):
    Article.objects.filter(pk=site["article"].pk).update(title="Tiêu đề sửa hàng loạt")
    return "Tiêu đề sửa hàng loạt"


def _publish_new(site, client):
    make_article(site["category"], title="Tin mới vừa đăng")
    return "Tin mới vừa đăng"


def _withdraw(site, client):
    Article.objects.filter(pk=site["article"].pk).update(status=ArticleStatus.DRAFT)
    return "!Hội chợ việc làm tháng Ba"


def _rename_category(site, client):
    Category.objects.filter(pk=site["category"].pk).update(name="Việc làm và Lao động")
    return "Việc làm và Lao động"


def _menu(site, client):
    MenuItem.objects.create(title="Mục menu mới", link="/moi/", order=50)
    return "Mục menu mới"


def _profile(site, client):
    profile = SiteProfile.objects.get(pk=1)
    profile.name = "Sở Nội vụ tỉnh Hợp Nhất"
    profile.save()
    return "Sở Nội vụ tỉnh Hợp Nhất"


def _link(site, client):
    group = WebLinkGroup.objects.create(name="Liên kết")
    WebLink.objects.create(group=group, title="Cổng dịch vụ công quốc gia", url="https://dichvucong.gov.vn/")
    return "Cổng dịch vụ công quốc gia"


def _poll(site, client):
    make_poll(question="Câu hỏi thăm dò mới?")
    return "Câu hỏi thăm dò mới?"


def _document(site, client):
    make_document(title="Quyết định mới về trợ cấp", number="99/2026/QĐ-UBND")
    return "99/2026/QĐ-UBND"


def _album(site, client):
    make_album(title="Album ảnh mới đăng", photos=1)
    return "Album ảnh mới đăng"


@pytest.mark.parametrize(
    "change",
    [
        _edit_article_title,
        _bulk_retitle,
        _publish_new,
        _withdraw,
        _rename_category,
        _menu,
        _profile,
        _link,
        _poll,
        _document,
        _album,
    ],
)
def test_a_change_shows_on_the_next_request_to_the_home_page(client, site, change):
    fetch(client)
    assert fetch(client)[HIT] == "hit"
    expected = change(site, client)
    page = html(client)
    if expected.startswith("!"):
        assert expected[1:] not in page
    else:
        assert expected in page


def test_the_article_page_follows_an_edit(client, site):
    article = site["article"]
    url = article.get_absolute_url()
    fetch(client, url)
    assert fetch(client, url)[HIT] == "hit"
    Article.objects.filter(pk=article.pk).update(body="<p>Nội dung đã sửa.</p>")
    assert "Nội dung đã sửa." in html(client, url)


def test_the_document_admin_bulk_withdraw_shows_at_once(client, site, superuser):
    document = make_document(title="Quyết định sắp rút", number="77/2026/QĐ-UBND")
    assert "77/2026/QĐ-UBND" in html(client)
    assert fetch(client)[HIT] == "hit"
    admin = type(client)()
    admin.force_login(superuser)
    response = admin.post(
        reverse("admin:documents_document_changelist"),
        {"action": "unpublish", ACTION_CHECKBOX_NAME: [document.pk]},
    )
    assert response.status_code == 302
    assert "77/2026/QĐ-UBND" not in html(client)
    assert "77/2026/QĐ-UBND" not in html(client, reverse("documents:list"))


def test_a_fixture_load_shows_at_once(client, site, tmp_path):
    fetch(client)
    fixture = tmp_path / "menu.json"
    fixture.write_text(
        '[{"model": "dolisa_site.menuitem", "pk": 900, "fields": '
        '{"title": "Mục từ dữ liệu mẫu", "link": "/mau/", "order": 90, "is_visible": true, "parent": null}}]',
        encoding="utf-8",
    )
    call_command("loaddata", str(fixture), verbosity=0)
    assert "Mục từ dữ liệu mẫu" in html(client)


def test_view_counts_do_not_empty_the_page_cache(client, site):
    """A flush adds to view_count on every read article: a live figure, not a change of the page."""
    fetch(client)
    Article.objects.filter(pk=site["article"].pk).update(view_count=500)
    assert fetch(client)[HIT] == "hit"


BROWSER = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36"


def test_every_served_page_is_counted_cached_or_not(client, site):
    """The visitor statistics sit outside the page cache, and a kept page remembers its article."""
    article = site["article"]
    states = [client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER)[HIT] for _ in range(5)]
    assert states == ["miss", "hit", "hit", "hit", "hit"]
    call_command("flush_stats", verbosity=0)
    article.refresh_from_db()
    assert article.view_count == 5
