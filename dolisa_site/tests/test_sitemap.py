"""The sitemap the project assembles from every app's sections, and robots.txt pointing to it."""

import re
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from disclosures.models import DisclosureSection
from disclosures.tests.factories import make_item
from documents.tests.factories import make_document
from dolisa_site.models import MenuItem, SiteProfile
from dolisa_site.sitemaps import PkRangeSitemap
from gallery.tests.factories import make_album
from news.models import ArticleStatus
from news.tests.factories import make_article, make_category
from procedures.tests.factories import make_procedure
from questions.models import Question, QuestionStatus, Topic
from schedule.tests.factories import make_week

pytestmark = pytest.mark.django_db

SECTIONS = {
    "site",
    "news",
    "categories",
    "articles",
    "documents-index",
    "documents",
    "procedures-index",
    "procedures",
    "questions-index",
    "questions",
    "gallery-index",
    "albums",
    "schedule-index",
    "schedule-weeks",
    "consultations-index",
    "consultations",
    "disclosures-index",
    "disclosures",
}


def make_question(topic, title, **fields):
    return Question.objects.create(
        name="Phạm Văn Bình", topic=topic, title=title, body="Tôi nghỉ việc thì được hưởng bao nhiêu tháng?", **fields
    )


@pytest.fixture
def content():
    later = timezone.now() + timedelta(days=2)
    topic = Topic.objects.create(name="Việc làm")
    answered = {"status": QuestionStatus.ANSWERED, "answer": "Được hưởng ba tháng.", "answered_at": timezone.now()}
    category = make_category("Việc làm")
    return {
        "shown": {
            "articles": [make_article(category, title="Tin đã đăng")],
            "categories": [category],
            "documents": [make_document(number="01/2026/QĐ-UBND")],
            "procedures": [make_procedure(code="1.000001")],
            "questions": [make_question(topic, "Đã trả lời, đã đăng", is_published=True, **answered)],
            "albums": [make_album(title="Hội nghị", photos=0)],
            "schedule-weeks": [make_week(date(2026, 11, 30))],
            "disclosures": [make_item(title="Dự toán đã đăng")],
        },
        "hidden": {
            "articles": [make_article(category, title="Bản nháp", status=ArticleStatus.DRAFT)],
            "documents": [
                make_document(number="02/2026/QĐ-UBND", is_published=False),
                make_document(number="03/2026/QĐ-UBND", published_at=later),
            ],
            "procedures": [make_procedure(code="1.000002", is_active=False)],
            "questions": [
                make_question(topic, "Chưa trả lời"),
                make_question(topic, "Đang trả lời", status=QuestionStatus.IN_PROGRESS),
                make_question(topic, "Đã trả lời, chưa đăng", **answered),
                # Marked published, then reopened (a bulk status change skips the model's rule): not answered.
                make_question(topic, "Đăng nhưng chưa trả lời", is_published=True, status=QuestionStatus.IN_PROGRESS),
            ],
            "albums": [
                make_album(title="Chưa đăng", photos=0, is_published=False),
                make_album(title="Sắp đăng", photos=0, published_at=later),
            ],
            "schedule-weeks": [make_week(date(2026, 12, 7), published=False)],
            "disclosures": [
                make_item(title="Dự toán chưa đăng", is_published=False),
                make_item(title="Sắp công khai", published_at=later),
            ],
        },
    }


def section_urls(client):
    index = client.get("/sitemap.xml")
    assert index.status_code == 200 and "<sitemapindex" in index.content.decode()
    found = re.findall(r"<loc>http://testserver/sitemap-([\w-]+)\.xml(?:\?p=\d+)?</loc>", index.content.decode())
    return index, found


def listed(client, section):
    xml = client.get(f"/sitemap-{section}.xml")
    assert xml.status_code == 200, section
    return set(re.findall(r"<loc>http://testserver([^<]+)</loc>", xml.content.decode()))


def test_the_index_has_a_section_for_every_public_page_type(client, content):
    _index, found = section_urls(client)
    assert set(found) == SECTIONS


def test_each_section_lists_its_public_objects_only(client, content):
    for section, objects in content["shown"].items():
        assert listed(client, section) == {item.get_absolute_url() for item in objects}, section
    for section, objects in content["hidden"].items():
        pages = listed(client, section)
        assert not pages & {item.get_absolute_url() for item in objects}, section


def test_the_site_and_list_pages_are_listed(client, content):
    pages = set().union(*(listed(client, name) for name in SECTIONS if name == "site" or name.endswith("-index")))
    pages |= listed(client, "news")
    assert pages == {
        "/",
        "/gioi-thieu/",
        "/lien-he/",
        "/en/",
        "/lien-ket-website/",
        "/du-lieu-mo/",
        "/tin-tuc/",
        "/van-ban/",
        "/thu-tuc-hanh-chinh/",
        "/thu-tuc-hanh-chinh/thong-ke/",
        "/hoi-dap/",
        "/hinh-anh/",
        "/lich-cong-tac/",
        "/lay-y-kien-du-thao/",
        "/cong-khai/",
        *(f"/cong-khai/{section}/" for section in DisclosureSection),
    }


def test_an_unknown_section_is_not_found(client, content):
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_a_growing_section_is_paged_by_primary_key_ranges(client, content, monkeypatch):
    from questions.sitemaps import QuestionSitemap

    monkeypatch.setattr(QuestionSitemap, "limit", 1)
    _index, found = section_urls(client)
    questions = Question.objects.order_by("pk")
    pages = [f"/sitemap-questions.xml?p={n}" for n in range(2, questions.last().pk - questions.first().pk + 2)]
    assert found.count("questions") == 1 + len(pages)
    shown = "".join(client.get(page).content.decode() for page in ["/sitemap-questions.xml", *pages])
    assert shown.count(content["shown"]["questions"][0].get_absolute_url()) == 1


def test_every_growing_section_is_paged_by_primary_key(client, content):
    from dolisa_site.urls import SITEMAPS

    growing = {name for name, sitemap in SITEMAPS.items() if issubclass(sitemap, PkRangeSitemap)}
    assert growing == {
        "articles",
        "documents",
        "procedures",
        "questions",
        "albums",
        "schedule-weeks",
        "consultations",
        "disclosures",
    }
    assert all(SITEMAPS[name].shows for name in growing)


def test_a_section_is_kept_until_its_rows_change(client, content, settings):
    settings.PAGE_CACHE = True
    cache.clear()
    assert len(listed(client, "documents")) == 1
    with CaptureQueriesContext(connection) as captured:
        assert len(listed(client, "documents")) == 1
    assert len(captured) == 0  # the kept page
    make_document(number="04/2026/QĐ-UBND")
    assert len(listed(client, "documents")) == 2
    client.get("/sitemap.xml")
    make_album(title="Hội nghị mới", photos=0)  # the index shows every section's rows (their pages)
    for built in (True, False):
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/sitemap.xml").status_code == 200
        assert bool(len(captured)) is built  # built again once, then kept


def test_a_cold_sitemap_runs_none_of_the_layouts_queries(client, content, django_assert_num_queries):
    # The XML shows neither the site profile nor the menu the context processor offers every template.
    layout_tables = {SiteProfile._meta.db_table, MenuItem._meta.db_table}
    for url in ("/sitemap.xml", "/sitemap-site.xml", "/sitemap-articles.xml", "/sitemap-categories.xml"):
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        assert not [query for query in captured if layout_tables & set(re.findall(r'"(\w+)"', query["sql"]))], url
    cache.clear()
    with django_assert_num_queries(0):
        assert client.get("/sitemap-site.xml").status_code == 200  # a fixed list of addresses


def test_robots_txt_names_the_sitemap_with_an_absolute_url(client):
    robots = client.get("/robots.txt")
    assert robots.status_code == 200 and robots["Content-Type"].startswith("text/plain")
    text = robots.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml\n" in text
    assert "Disallow: /tim-kiem/\n" in text and "Disallow: /tin-tuc/xem-truoc/\n" in text
