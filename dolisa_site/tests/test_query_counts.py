"""Fixed query counts of the busiest public pages, built from nothing: page cache off, every cache cold.

A page's count must not grow with the content (the same for 10 or 60
articles) and stays under a bound, so a query added in a loop or a block that
stops sharing its data shows here. Every block of the layout has something to
show, and something scheduled (a document, an album, a poll), so the queries
a block runs only when it has rows (a poll's choices, an album's photos, the
links of a group, the rollups' procedures) are counted too.
"""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from documents.tests.factories import make_document
from dolisa_site.models import WebLink, WebLinkGroup
from dolisa_site.tests.factories import make_menu, make_profile
from gallery.tests.factories import make_album
from news.models import Article
from news.tests.factories import make_article, make_category
from polls.tests.factories import make_poll
from procedures.models import DossierStatus
from procedures.tests.factories import make_dossier, make_procedure
from stats.models import Baseline, DailyStat

pytestmark = pytest.mark.django_db

# The whole page, every app's blocks included, every cache cold (measured 2026-12-01; before
# issue 12 item 5: home 20, category 18, deep category page 19, article 20 with this content).
# The site's and the news part of each is NEWS_HOME or the list's own queries; the rest are the
# other apps' blocks: home: documents 1, gallery 1 (each with its next scheduled moment:
# dolisa_site.scheduled), procedures 2 (the widget's settings, then the period's totals),
# polls 1 (the poll, its choices and its next opening or closing), visitors 1 (the baseline in
# the same query). The sidebar of the others: procedures 2, polls 1, visitors 1, and the most
# read news: the blocks' articles, after the categories unless the page read them (a category
# page shares them); their next scheduled moment is the page's own there (caching.public_page).
# The schedule's sidebar block (the rest of this week's items) adds 1 to every page, and the home
# page's block of drafts open for comment (consultations) 1 more there.
BOUNDS = {
    "home": 11 + 1 + 1,
    "category": 12 + 1,
    "deep category page": 13 + 1,
    "article": 15 + 1,
    # ... and, as a kept page of articles, the next scheduled publish or unpublish moment.
    # The index lists every app's sections (dolisa_site/sitemaps.py): the categories' count, the
    # ends of every growing section's primary key in one query, and the next scheduled moment of
    # each section that has one (articles, documents, albums, drafts for comment, duty items); the
    # layout's context processors are lazy and the XML reads neither.
    "sitemap index": 7,
    "sitemap page": 5,
}
# The home page with only the site's and the news blocks: the site profile, the menu, the links
# (with their groups), then the news: the categories, every block's articles at once with the
# next scheduled publish or unpublish moment (dolisa_site.scheduled).
NEWS_HOME = 5


@pytest.fixture
def site(settings):
    settings.PAGE_CACHE = False
    make_menu()
    make_profile()
    other_blocks()
    labour = make_category("Lao động - Việc làm", order=1)
    return {"labour": labour, "jobs": make_category("Việc làm", parent=labour), "merit": make_category("Người có công")}


def other_blocks():
    """Something to show in each of the other apps' blocks, and something scheduled."""
    later = timezone.now() + timedelta(days=2)
    make_document(number="01/2026/QĐ-UBND")
    make_document(number="02/2026/QĐ-UBND", published_at=later)
    make_album(title="Hội nghị", photos=2)
    make_album(title="Hội nghị sắp tới", photos=1, published_at=later)
    make_poll(closes_at=later)
    make_poll(question="Câu hỏi sắp mở?", opens_at=later)
    group = WebLinkGroup.objects.create(name="Bộ, ngành Trung ương")
    for title in ("Bộ Nội vụ", "Bộ Y tế"):
        WebLink.objects.create(group=group, title=title, url="https://example.gov.vn")
    received = timezone.localtime() - timedelta(days=3)
    make_dossier(
        procedure=make_procedure(),
        received=f"{received:%d/%m/%Y %H:%M}",
        result=f"{received + timedelta(days=1):%d/%m/%Y %H:%M}",
        status=DossierStatus.RESOLVED,
    )
    DailyStat.objects.create(date=timezone.localdate(), page_views=7)
    Baseline.objects.create(page_views=900)


def fill(site, count):
    categories = [site["labour"], site["jobs"], site["merit"]]
    for number in range(count):
        make_article(
            categories[number % 3],
            title=f"Tin thứ {number}",
            tags=[f"thẻ {number % 4}", "chung"],
            is_featured=number % 7 == 0,
            ago=timedelta(hours=number + 1),
        )
    Article.objects.update(view_count=5)


def urls():
    article = Article.objects.published().order_by("publish_at")[3]
    return {
        "home": ("/", {}),
        "category": ("/chuyen-muc/lao-dong-viec-lam/", {}),
        "deep category page": ("/chuyen-muc/lao-dong-viec-lam/", {"page": 3}),
        "article": (article.get_absolute_url(), {}),
        "sitemap index": ("/sitemap.xml", {}),
        "sitemap page": ("/sitemap-articles.xml", {}),
    }


def cold_count(client, url, data):
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, data).status_code == 200
    return len(captured)


def test_the_busiest_pages_run_a_fixed_and_bounded_number_of_queries_from_cold(client, site):
    counts = {}
    for total in (10, 60):
        Article.objects.all().delete()
        fill(site, total)
        counts[total] = {name: cold_count(client, url, data) for name, (url, data) in urls().items()}
    assert counts[10] == counts[60], counts
    over = {name: count for name, count in counts[60].items() if count > BOUNDS[name]}
    assert not over, f"over their bounds {BOUNDS}: {over}"


def test_the_news_blocks_cost_the_home_page_two_queries_from_cold(client, site, monkeypatch):
    from dolisa_site import widgets

    kept = {
        slot: {name: widget for name, widget in blocks.items() if widget.template.startswith(("news/", "site/"))}
        for slot, blocks in widgets._registry.items()
    }
    monkeypatch.setattr(widgets, "_registry", kept)
    fill(site, 30)
    assert cold_count(client, "/", {}) == NEWS_HOME
