"""The news blocks' contents (news.blocks._build): each block right, all of them in two queries."""

from datetime import timedelta

import pytest
from django.utils import timezone

from dolisa_site import caching
from news import blocks
from news.models import Article, ArticleStatus

from .factories import make_article, make_category

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    labour = make_category("Lao động - Việc làm", order=1)
    jobs = make_category("Việc làm", parent=labour)
    merit = make_category("Người có công", order=2)
    hidden = make_category("Chuyên mục ẩn", order=3, show_in_menu=False)
    return {"labour": labour, "jobs": jobs, "merit": merit, "hidden": hidden}


def build():
    return blocks._build(timezone.now())


def titles(articles):
    return [article.title for article in articles]


def test_the_lead_is_the_newest_featured_article_and_is_left_out_of_the_latest(tree):
    make_article(tree["merit"], title="Nổi bật cũ", is_featured=True, ago=timedelta(days=3))
    lead = make_article(tree["merit"], title="Nổi bật mới", is_featured=True, ago=timedelta(days=2))
    make_article(tree["merit"], title="Nổi bật hẹn giờ", is_featured=True, ago=timedelta(days=-1))
    for number in range(10):
        make_article(tree["jobs"], title=f"Tin {number}", ago=timedelta(hours=number + 1))
    data = build()
    assert data["lead"] == lead
    assert lead not in data["latest"]
    assert titles(data["latest"]) == [f"Tin {number}" for number in range(8)]


def test_pinned_articles_head_the_latest_news(tree):
    for number in range(9):
        make_article(tree["jobs"], title=f"Tin {number}", ago=timedelta(hours=number + 1))
    make_article(tree["merit"], title="Tin ghim cũ", is_pinned=True, ago=timedelta(days=30))
    latest = titles(build()["latest"])
    assert latest[0] == "Tin ghim cũ" and latest[1:] == [f"Tin {number}" for number in range(7)]


def test_each_shown_top_level_category_has_its_newest_five_with_its_sub_categories(tree):
    now = timezone.now()
    for number in range(7):
        category = tree["jobs"] if number % 2 else tree["labour"]
        make_article(category, title=f"Lao động {number}", publish_at=now - timedelta(hours=number + 1))
    make_article(tree["merit"], title="Người có công 0")
    make_article(tree["hidden"], title="Tin chuyên mục ẩn")
    make_article(tree["merit"], title="Bản nháp", status=ArticleStatus.DRAFT)
    make_article(tree["merit"], title="Hết hạn", unpublish_at=now - timedelta(minutes=1), ago=timedelta(days=1))
    sections = build()["sections"]
    assert [section["category"] for section in sections] == [tree["labour"], tree["merit"]]
    assert titles(sections[0]["articles"]) == [f"Lao động {number}" for number in range(5)]
    assert titles(sections[1]["articles"]) == ["Người có công 0"]
    # What the teasers show of the category comes with the block, not from more queries.
    assert sections[0]["articles"][1].category.parent == tree["labour"]


def test_most_read_ranks_the_recent_articles_by_their_views(tree, monkeypatch):
    monkeypatch.setattr(blocks, "MOST_READ_AMONG", 3)
    old = make_article(tree["jobs"], title="Cũ đọc nhiều", ago=timedelta(days=9))
    recent = [make_article(tree["jobs"], title=f"Mới {number}", ago=timedelta(hours=number + 1)) for number in range(3)]
    Article.objects.filter(pk=old.pk).update(view_count=900)
    for views, article in zip((5, 50, 0), recent):
        Article.objects.filter(pk=article.pk).update(view_count=views)
    assert titles(build()["most_read"]) == ["Mới 1", "Mới 0"]


@pytest.mark.parametrize("count", [3, 40])
def test_every_block_is_built_in_two_queries_whatever_the_number_of_articles(tree, count, django_assert_num_queries):
    for number in range(count):
        make_article([tree["jobs"], tree["merit"]][number % 2], title=f"Tin {number}", is_featured=number == 0)
    # The categories, then every block's articles at once (with the next scheduled moment).
    with django_assert_num_queries(2):
        data = build()
    assert data["lead"] and data["latest"] and data["sections"]


def test_the_blocks_answer_the_next_scheduled_moment_as_the_due_function_does(tree):
    """The cache takes the articles' next scheduled moment from the blocks' own query on the home page
    (dolisa_site.scheduled), and keeps it for every page showing articles: it must be the very one."""
    now, hour = timezone.now(), timedelta(hours=1)

    def moment():
        found, data = blocks._read(now)
        assert found == Article.objects.due_changes_after(now)
        return found, data

    assert moment()[0] is None
    make_article(tree["jobs"], title="Tin thường", publish_at=now - 2 * hour)
    assert moment()[0] is None
    expiring = make_article(tree["jobs"], title="Tin sắp gỡ", publish_at=now - hour, unpublish_at=now + 3 * hour)
    make_article(tree["merit"], title="Tin sắp lên", publish_at=now + 5 * hour)
    found, data = moment()
    assert found == now + 3 * hour
    # The scheduled rows only tell the moment: the blocks show what is public now, each once.
    assert titles(data["latest"]) == ["Tin sắp gỡ", "Tin thường"]
    assert titles(data["sections"][0]["articles"]) == ["Tin sắp gỡ", "Tin thường"]
    Article.objects.filter(pk=expiring.pk).update(unpublish_at=now + 7 * hour)
    assert moment()[0] == now + 5 * hour
    # A draft's time changes nothing on the site, nor do moments already past.
    make_article(tree["merit"], title="Bản nháp", status=ArticleStatus.DRAFT, publish_at=now + hour)
    make_article(tree["merit"], title="Đã gỡ", publish_at=now - 2 * hour, unpublish_at=now - hour)
    assert moment()[0] == now + 5 * hour


def test_a_page_reads_the_cached_news_blocks_once(client, tree, monkeypatch):
    """Four blocks show parts of one cached value; each read of it costs cache round trips."""
    reads = []
    store = caching.store

    class Counting:
        def __getattr__(self, name):
            return getattr(store, name)

        def get(self, key, *args):
            reads.append(key)
            return store.get(key, *args)

    monkeypatch.setattr(caching, "store", Counting())
    make_article(tree["jobs"], title="Tin nổi bật", is_featured=True)
    client.get("/")
    assert len([key for key in reads if key.startswith("block:news:blocks:")]) == 1
