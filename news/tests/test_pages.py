"""Public news pages: content, invisibility of unpublished articles, bad input, query bounds."""

import json
import re
from datetime import datetime, timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone

from dolisa_site import viewcounts
from dolisa_site.tests.factories import make_menu, make_profile
from news.models import Article, ArticleStatus

from .factories import make_article, make_category

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def only_news_and_site_blocks(monkeypatch):
    """Other apps' blocks have their own tests; here the page's own queries are measured."""
    from dolisa_site import widgets

    kept = {
        slot: {name: widget for name, widget in blocks.items() if widget.template.startswith(("news/", "site/"))}
        for slot, blocks in widgets._registry.items()
    }
    monkeypatch.setattr(widgets, "_registry", kept)


@pytest.fixture
def site():
    make_menu()
    make_profile()
    labour = make_category("Lao động - Việc làm", order=1)
    jobs = make_category("Việc làm", parent=labour)
    merit = make_category("Người có công", order=2)
    return {"labour": labour, "jobs": jobs, "merit": merit}


@pytest.fixture
def hidden(site):
    """One article in each state the public must never see."""
    now = timezone.now()
    return [
        make_article(site["jobs"], title="Bản nháp bí mật", status=ArticleStatus.DRAFT),
        make_article(site["jobs"], title="Bài chờ duyệt bí mật", status=ArticleStatus.SUBMITTED),
        make_article(site["jobs"], title="Bài bị trả lại bí mật", status=ArticleStatus.SENT_BACK),
        make_article(
            site["jobs"], title="Bài đã gỡ bí mật", status=ArticleStatus.WITHDRAWN, publish_at=now - timedelta(days=1)
        ),
        make_article(site["jobs"], title="Bài hẹn giờ bí mật", publish_at=now + timedelta(days=1)),
        make_article(
            site["jobs"],
            title="Bài hết hạn bí mật",
            unpublish_at=now - timedelta(minutes=1),
            publish_at=now - timedelta(days=2),
        ),
    ]


def test_news_page_lists_published_articles_newest_first(client, site):
    make_article(site["jobs"], title="Tin cũ hơn", ago=timedelta(days=2))
    make_article(site["merit"], title="Tin mới nhất", ago=timedelta(hours=1))
    html = client.get("/tin-tuc/").content.decode()
    assert html.index("Tin mới nhất") < html.index("Tin cũ hơn")
    assert '<link rel="canonical" href="http://testserver/tin-tuc/">' in html


def test_category_page_includes_sub_categories_and_breadcrumbs(client, site):
    make_article(site["jobs"], title="Sàn việc làm tháng Tư")
    make_article(site["merit"], title="Thăm hỏi người có công")
    html = client.get("/chuyen-muc/lao-dong-viec-lam/").content.decode()
    assert "Sàn việc làm tháng Tư" in html and "Thăm hỏi người có công" not in html
    html = client.get("/chuyen-muc/viec-lam/").content.decode()
    assert '<a href="/chuyen-muc/lao-dong-viec-lam/">Lao động - Việc làm</a>' in html
    assert '<span aria-current="page">Việc làm</span>' in html


def test_article_page_shows_everything_a_reader_needs(client, site):
    article = make_article(
        site["jobs"],
        title="Hội chợ việc làm năm 2026",
        author="Nguyễn Hiền",
        source_note="nguồn: BC số 253/SLĐTBXH",
        tags=["việc làm", "hội chợ"],
        publish_at=timezone.make_aware(timezone.datetime(2021, 3, 26, 15, 13)),
    )
    Article.objects.filter(pk=article.pk).update(view_count=902522)
    other = make_article(site["merit"], title="Tin cùng thẻ", tags=["việc làm"])
    older = make_article(
        site["jobs"], title="Tin cũ cùng chuyên mục", publish_at=article.publish_at - timedelta(days=3)
    )
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    for part in (
        "Thứ sáu, 26/03/2021, 15:13",
        "Số lượt xem: 902.522",
        "Nguyễn Hiền",
        "nguồn: BC số 253/SLĐTBXH",
        'href="/the/viec-lam/"',
        "In bài viết",
        "Quay lại",
        "Tin khác",
        "Tin đã đưa",
        other.title,
        older.title,
        "facebook.com/sharer",
        'property="og:title" content="Hội chợ việc làm năm 2026"',
        f'<link rel="canonical" href="http://testserver{article.get_absolute_url()}">',
    ):
        assert part in html, part
    assert re.search(
        r'<a href="/chuyen-muc/lao-dong-viec-lam/">Lao động - Việc làm</a>.*<a href="/chuyen-muc/viec-lam/">',
        html,
        re.S,
    )
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "NewsArticle" and data["headline"] == article.title
    assert data["author"]["name"] == "Nguyễn Hiền"


def test_article_page_marks_the_view_for_the_statistics(rf, site):
    from news.views import article_detail

    article = make_article(site["jobs"])
    request = rf.get(article.get_absolute_url())
    request.user = type("Anonymous", (), {"is_authenticated": False, "is_active": False, "is_staff": False})()
    article_detail(request, article.slug)
    viewed = viewcounts.viewed_object(request)
    assert (viewed.label, viewed.pk, viewed.within_label, viewed.within_pk) == (
        "news.article",
        article.pk,
        "news.category",
        site["jobs"].pk,
    )


def test_json_ld_cannot_be_broken_out_of(client, site):
    article = make_article(site["jobs"], title="Tiêu đề </script><script>alert(1)</script>")
    html = client.get(article.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block and json.loads(block)["headline"].startswith("Tiêu đề </script>")


def test_print_view_has_the_article_but_no_menu(client, site):
    article = make_article(site["jobs"], title="Bài để in")
    html = client.get(article.get_print_url()).content.decode()
    assert "Bài để in" in html and 'class="main-nav"' not in html and "menu-chinh" not in html


def test_unpublished_articles_are_invisible_everywhere(client, site, hidden):
    for article in hidden:
        assert client.get(article.get_absolute_url()).status_code == 404
        assert client.get(article.get_print_url()).status_code == 404
    make_article(site["jobs"], title="Bài công khai")
    for url in (
        "/",
        "/tin-tuc/",
        "/chuyen-muc/lao-dong-viec-lam/",
        "/chuyen-muc/viec-lam/",
        "/tim-kiem/?q=bi+mat",
        "/rss/",
        "/rss/lao-dong-viec-lam/",
        "/sitemap.xml",
    ):
        html = client.get(url).content.decode()
        assert "bí mật" not in html and "bi-mat" not in html, url


def test_scheduled_article_appears_on_time_without_a_job(client, site):
    article = make_article(site["jobs"], title="Tin hẹn giờ", publish_at=timezone.now() + timedelta(seconds=1))
    assert "Tin hẹn giờ" not in client.get("/").content.decode()
    Article.objects.filter(pk=article.pk).update(publish_at=timezone.now() - timedelta(seconds=1))
    # The cached home blocks expire at the scheduled time; here the clock is moved by rewriting the time.
    cache.clear()
    assert "Tin hẹn giờ" in client.get("/").content.decode()
    assert client.get(article.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("change", ["publish_at", "unpublish_at"])
def test_a_scheduled_article_comes_and_goes_on_the_home_page_at_its_time(site, client, change):
    """No save happens at the scheduled moment: the cached blocks and page must follow the clock."""
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=timezone.get_current_timezone()), tick=False) as clock:
        moment = timezone.now() + timedelta(seconds=30)
        make_article(site["jobs"], title="Tin theo lịch", **{change: moment})
        shown_before = change == "unpublish_at"
        for _ in range(2):  # built, then served from the cache
            assert ("Tin theo lịch" in client.get("/").content.decode()) is shown_before
        clock.shift(29)
        assert ("Tin theo lịch" in client.get("/").content.decode()) is shown_before
        clock.shift(2)
        assert ("Tin theo lịch" in client.get("/").content.decode()) is not shown_before


def test_staff_preview_of_an_unpublished_article(client, site, editor, reviewer, make_staff):
    draft = make_article(site["jobs"], title="Bản nháp xem trước", status=ArticleStatus.DRAFT, created_by=editor)
    assert client.get(draft.get_preview_url()).status_code == 302  # to the login page
    client.force_login(make_staff("Biên tập viên", "nguoi-khac"))
    assert client.get(draft.get_preview_url()).status_code == 404
    for user in (editor, reviewer):
        client.force_login(user)
        html = client.get(draft.get_preview_url()).content.decode()
        assert "Bản nháp xem trước" in html and "noindex" in html and "Xem trước" in html


def test_tag_page(client, site):
    make_article(site["jobs"], title="Bài gắn thẻ", tags=["Đào tạo nghề"])
    assert "Bài gắn thẻ" in client.get("/the/dao-tao-nghe/").content.decode()
    assert client.get("/the/khong-co-the-nay/").status_code == 404


@pytest.mark.parametrize("query", ["lao dong", "LAO ĐỘNG", "Lao động", "lao   dong!!", "LAO DONG"])
def test_search_without_diacritics_finds_the_article(client, site, query):
    make_article(site["jobs"], title="Tuyển dụng lao động đi làm việc ở nước ngoài")
    make_article(site["merit"], title="Thăm người có công", summary="Không liên quan.", body="<p>Khác.</p>")
    html = client.get("/tim-kiem/", {"q": query}).content.decode()
    assert "Tuyển dụng lao động" in html and "Thăm người có công" not in html
    assert "Tìm thấy 1 bài viết" in html


def test_search_ranks_title_matches_first(client, site):
    make_article(site["jobs"], title="Tin về đào tạo", summary="Nói về bảo hiểm thất nghiệp.", ago=timedelta(hours=1))
    make_article(site["jobs"], title="Bảo hiểm thất nghiệp năm nay", ago=timedelta(days=5))
    html = client.get("/tim-kiem/", {"q": "bao hiem that nghiep"}).content.decode()
    assert html.index("Bảo hiểm thất nghiệp năm nay") < html.index("Tin về đào tạo")


@pytest.mark.parametrize(
    "params",
    [
        {"q": ""},
        {"q": "x" * 8000},  # longer query strings get the 400 page (dolisa_site/middleware.py)
        {"q": "%_\\'\";--<>"},
        {"q": "!!!"},
        {"q": "lao", "page": "abc"},
        {"q": "lao", "page": "-1"},
        {"q": "lao", "page": "99999"},
    ],
)
def test_search_survives_bad_input(client, site, params):
    make_article(site["jobs"], title="Lao động")
    response = client.get("/tim-kiem/", params)
    assert response.status_code == 200


def test_search_treats_like_wildcards_as_text(client, site):
    make_article(site["jobs"], title="Tin bình thường")
    assert "Tin bình thường" not in client.get("/tim-kiem/", {"q": "%"}).content.decode()
    assert "Tin bình thường" not in client.get("/tim-kiem/", {"q": "_"}).content.decode()


@pytest.mark.parametrize("page", ["abc", "-1", "0", "99999", "1.5", ""])
def test_bad_page_numbers_give_a_normal_page(client, site, page):
    for number in range(3):
        make_article(site["jobs"], title=f"Tin số {number}")
    assert client.get("/tin-tuc/", {"page": page}).status_code == 200
    assert client.get("/chuyen-muc/viec-lam/", {"page": page}).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/tin-tuc/khong-co-bai-nay/",
        "/chuyen-muc/khong-co/",
        "/the/khong-co/",
        "/rss/khong-co/",
        "/tin-tuc/khong-co/in/",
    ],
)
def test_unknown_addresses_are_a_vietnamese_404(client, site, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Không tìm thấy" in response.content.decode() or "không tồn tại" in response.content.decode()


def test_feeds(client, site):
    make_article(site["jobs"], title="Tin trong nguồn cấp")
    make_article(site["merit"], title="Tin chuyên mục khác")
    rss = client.get("/rss/").content.decode()
    assert "<rss" in rss and "Tin trong nguồn cấp" in rss and "Tin chuyên mục khác" in rss
    rss = client.get("/rss/lao-dong-viec-lam/").content.decode()
    assert "Tin trong nguồn cấp" in rss and "Tin chuyên mục khác" not in rss


def test_sitemap_and_robots(client, site):
    article = make_article(site["jobs"], title="Tin trong sơ đồ")
    index = client.get("/sitemap.xml").content.decode()
    assert "<sitemapindex" in index and "<loc>http://testserver/sitemap-articles.xml</loc>" in index
    xml = client.get("/sitemap-articles.xml").content.decode()
    assert f"http://testserver{article.get_absolute_url()}" in xml
    xml = client.get("/sitemap-categories.xml").content.decode() + client.get("/sitemap-news.xml").content.decode()
    assert "http://testserver/chuyen-muc/viec-lam/" in xml and "http://testserver/tin-tuc/</loc>" in xml
    robots = client.get("/robots.txt")
    assert robots["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in robots.content.decode()


def test_the_sitemap_index_covers_every_published_article_in_pages(client, site, monkeypatch):
    from news.sitemaps import ArticleSitemap

    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    articles = [make_article(site["jobs"], title=f"Tin sơ đồ {number}") for number in range(5)]
    draft = make_article(site["jobs"], title="Bản nháp sơ đồ", status=ArticleStatus.DRAFT)
    index = client.get("/sitemap.xml").content.decode()
    pages = re.findall(r"<loc>http://testserver(/sitemap-articles\.xml[^<]*)</loc>", index)
    # Pages by ranges of two primary keys, from the smallest rounded down to an even number.
    base = (articles[0].pk - 1) // 2 * 2
    count = -(-(draft.pk - base) // 2)
    assert pages == ["/sitemap-articles.xml"] + [f"/sitemap-articles.xml?p={n}" for n in range(2, count + 1)]
    listed = "".join(client.get(page).content.decode() for page in pages)
    for article in articles:
        assert listed.count(f"http://testserver{article.get_absolute_url()}</loc>") == 1
    assert draft.get_absolute_url() not in listed
    assert client.get("/sitemap-articles.xml", {"p": count + 1}).status_code == 404
    assert client.get("/sitemap-articles.xml", {"p": "x"}).status_code == 404


def test_home_page_blocks(client, site):
    make_article(site["jobs"], title="Tin nổi bật nhất", is_featured=True)
    make_article(site["merit"], title="Tin người có công")
    html = client.get("/").content.decode()
    assert "Tin nổi bật nhất" in html and "Tin mới đăng" in html
    assert 'id="chuyen-muc-lao-dong-viec-lam"' in html and 'id="chuyen-muc-nguoi-co-cong"' in html


# --- Query bounds -------------------------------------------------------------------


def fill(site, count, editor=None):
    categories = [site["labour"], site["jobs"], site["merit"]]
    for number in range(count):
        make_article(
            categories[number % 3],
            title=f"Tin thứ {number} về lao động",
            tags=[f"thẻ {number % 4}", "chung"],
            is_featured=number == 0,
            ago=timedelta(hours=number + 1),
        )
    Article.objects.update(view_count=5)


def count_queries(client, url, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    client.get("/")  # the site profile and menu are cached for every page alike
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/tin-tuc/",
        "/tin-tuc/?page=2",
        "/chuyen-muc/lao-dong-viec-lam/",
        "/chuyen-muc/viec-lam/",
        "/the/chung/",
        "/tim-kiem/?q=lao+dong",
        "/rss/",
        "/rss/lao-dong-viec-lam/",
        "/sitemap.xml",
        "ARTICLE",
        "PRINT",
    ],
)
def test_public_pages_run_a_fixed_number_of_queries(client, site, url, django_assert_max_num_queries):
    counts = []
    for total in (5, 50):
        Article.objects.all().delete()
        fill(site, total)
        article = Article.objects.published().order_by("publish_at").last()
        target = {"ARTICLE": article.get_absolute_url(), "PRINT": article.get_print_url()}.get(url, url)
        counts.append(count_queries(client, target, django_assert_max_num_queries))
    assert counts[0] == counts[1], counts
    with django_assert_max_num_queries(8):
        client.get(target)


def test_a_very_common_word_ranks_among_its_newest_matches(client, site, monkeypatch):
    from news import models

    monkeypatch.setattr(models, "SEARCH_MAX_RESULTS", 3)
    monkeypatch.setattr("news.views.SEARCH_MAX_RESULTS", 3)
    make_article(site["jobs"], title="Lao động cũ nhất", ago=timedelta(days=9))
    for number in range(4):
        make_article(site["jobs"], title=f"Tin {number}", summary="Về lao động.", ago=timedelta(days=number + 1))
    html = client.get("/tim-kiem/", {"q": "lao dong"}).content.decode()
    assert "Tìm thấy 3 bài viết" in html and "Chỉ liệt kê những bài mới nhất" in html
    assert "Lao động cũ nhất" not in html and "Tin 0" in html and "Tin 3" not in html


def test_most_read_lists_recent_articles_by_views(client, site, monkeypatch):
    from news import blocks

    monkeypatch.setattr(blocks, "MOST_READ_AMONG", 2)
    old = make_article(site["jobs"], title="Bài cũ đọc nhiều", ago=timedelta(days=30))
    popular = make_article(site["jobs"], title="Bài mới đọc nhiều", ago=timedelta(hours=2))
    make_article(site["jobs"], title="Bài mới ít đọc", ago=timedelta(hours=1))
    Article.objects.filter(pk=old.pk).update(view_count=9000)
    Article.objects.filter(pk=popular.pk).update(view_count=50)
    html = client.get("/tin-tuc/").content.decode()
    widget = html[html.index("widget--most-read") :]
    assert "Bài mới đọc nhiều" in widget and "Bài cũ đọc nhiều" not in widget and "Bài mới ít đọc" not in widget


def test_the_article_pages_lists_follow_new_articles_tags_and_the_schedule(client, site, settings):
    """ "Tin khác" and "Tin đã đưa" are kept with the article; every change and a scheduled
    moment still show on the next request (page cache off: the kept lists alone)."""
    settings.PAGE_CACHE = False
    now = timezone.now().replace(microsecond=0)
    article = make_article(site["jobs"], title="Bài đang xem", ago=timedelta(days=2), tags=["việc làm"])
    url = article.get_absolute_url()
    assert "Tin đã đưa" not in client.get(url).content.decode()
    older = make_article(site["jobs"], title="Tin cũ hơn", ago=timedelta(days=5))
    assert older.title in client.get(url).content.decode()
    tagged = make_article(site["merit"], title="Tin cùng thẻ khác mục", ago=timedelta(days=6))
    assert tagged.title not in client.get(url).content.decode()
    tagged.tags.add("việc làm")
    assert tagged.title in client.get(url).content.decode()
    scheduled = make_article(site["jobs"], title="Tin hẹn giờ", ago=timedelta(0), publish_at=now + timedelta(hours=1))
    with time_machine.travel(now + timedelta(minutes=59), tick=False):
        assert scheduled.title not in client.get(url).content.decode()
    with time_machine.travel(now + timedelta(hours=1, seconds=1), tick=False):
        assert scheduled.title in client.get(url).content.decode()
