"""Every query of the public pages (and the officials' dashboard) is served by an index at scale.

PostgreSQL only: the plans are PostgreSQL's. The test loads a realistic
volume cheaply with INSERT … SELECT FROM generate_series (60,000 articles with
tags, 100,000 dossiers over three years and their rollups), runs ANALYZE so
the planner sees the real sizes and chooses honestly, then requests each page
with every cache cold and the page cache off, captures its SQL and asks
PostgreSQL for the plan of each statement that reads one of the big tables:
none may read a whole big table (a Seq Scan). Nothing is forced (no
enable_seqscan=off): a missing or unusable index shows as a Seq Scan here.
"""

import json
import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dolisa_site import roles
from dolisa_site.tests.factories import make_menu, make_profile
from news import paging
from news.models import Article, Category, Tag, TaggedArticle
from procedures import rollups
from procedures.models import Dossier, Procedure

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="query plans are PostgreSQL's"),
]

ARTICLES = 60_000
DOSSIERS = 100_000
BIG_TABLES = {"news_article", "news_taggedarticle", "procedures_dossier", "procedures_dailyrollup"}
DASHBOARD = "/admin/procedures/dossier/bang-dieu-khien/"


def insert_series(model, count, expressions):
    """INSERT count rows of `model` FROM generate_series(1, count) AS g: `expressions` gives the SQL
    of some columns (in terms of g); every other column gets its Django default, so the test keeps
    working when a column with a default is added."""
    columns, values, params = [], [], []
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        columns.append(connection.ops.quote_name(field.column))
        if field.name in expressions:
            values.append(expressions[field.name].replace("%", "%%"))  # a literal % beside the parameters
        elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            values.append("now()")
        else:
            values.append("%s")
            params.append(field.get_db_prep_save(field.get_default(), connection))
    sql = (
        f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({', '.join(columns)}) "
        f"SELECT {', '.join(values)} FROM generate_series(1, {int(count)}) AS g"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def load_news():
    make_menu()
    make_profile()
    tops = [Category.objects.create(name=f"Chuyên mục {n}", order=n) for n in range(5)]
    children = [Category.objects.create(name=f"Mục con {n}", parent=tops[n % 2]) for n in range(4)]
    ids = [category.pk for category in tops + children]
    minutes = 41  # one article every 41 minutes: 60,000 reach back almost five years
    insert_series(
        Article,
        ARTICLES,
        {
            "title": "'Tin số ' || g || ' về lao động việc làm'",
            "slug": "'bai-' || g",
            "category": f"(ARRAY{ids})[1 + (g * 7) % {len(ids)}]",
            "summary": "'Tóm tắt bài ' || g",
            "body": "'<p>Nội dung bài ' || g || '</p>'",
            "status": "CASE WHEN g % 50 = 0 THEN 'draft' ELSE 'published' END",
            # Three scheduled articles; the rest published one every `minutes`.
            "publish_at": f"CASE WHEN g % 50 = 0 THEN NULL WHEN g <= 3 THEN now() + g * interval '1 hour' "
            f"ELSE now() - g * interval '{minutes} minutes' END",
            "first_published_at": f"now() - g * interval '{minutes} minutes'",
            "unpublish_at": "CASE WHEN g % 1000 = 7 THEN now() - interval '1 day' "
            "WHEN g % 1000 = 9 THEN now() + interval '30 days' END",
            "is_featured": "g % 400 = 0",
            "is_pinned": "g IN (5, 5000)",
            "view_count": "(g * 7919) % 5000",
            "search_title": "' tin so ' || g || ' ve lao dong viec lam'",
            "search_text": "' tin so ' || g || ' ve lao dong viec lam tom tat bai ' || g "
            "|| CASE WHEN g % 333 = 0 THEN ' khu nghi duong tam dao' ELSE '' END",
        },
    )
    tags = [Tag.objects.create(name=f"Thẻ {n}") for n in range(40)]
    tag_ids = [tag.pk for tag in tags]
    first = Article.objects.order_by("pk").values_list("pk", flat=True).first()
    # Two tags an article: one of 40, and "Thẻ 0" (a very common one) on every third.
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {TaggedArticle._meta.db_table} (content_object_id, tag_id) "
            f"SELECT {first} + g - 1, (ARRAY{tag_ids})[1 + g % 39 + 1] FROM generate_series(1, {ARTICLES}) AS g "
            f"UNION ALL SELECT {first} + g - 1, {tag_ids[0]} FROM generate_series(1, {ARTICLES}, 3) AS g"
        )


def load_procedures():
    call_command("loaddata", "fixtures/30_procedures.json", verbosity=0)
    call_command("loaddata", "fixtures/50_documents.json", verbosity=0)
    ids = list(Procedure.objects.values_list("pk", flat=True))
    step = int(timedelta(days=3 * 365).total_seconds() // DOSSIERS)
    # 2 % pending (the recent ones), the rest resolved three days after receipt.
    insert_series(
        Dossier,
        DOSSIERS,
        {
            "code": "'KE.' || lpad(g::text, 8, '0')",
            "procedure": f"(ARRAY{ids})[1 + g % {len(ids)}]",
            "channel": "(ARRAY['truc-tiep', 'truc-tuyen', 'buu-chinh'])[1 + g % 3]",
            "received_at": f"now() - g * interval '{step} seconds'",
            "due_at": f"now() - g * interval '{step} seconds' + interval '5 days'",
            "due_computed": "true",
            "result_at": f"CASE WHEN g % 50 = 1 THEN NULL ELSE now() - g * interval '{step} seconds' "
            "+ interval '3 days' END",
            "status": "CASE WHEN g % 50 = 1 THEN 'dang-xu-ly' ELSE 'da-giai-quyet' END",
            "applicant_name": "'Nguyễn Văn ' || g",
        },
    )
    rollups.rebuild()


@pytest.fixture
def loaded(settings):
    settings.PAGE_CACHE = False
    load_news()
    load_procedures()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def seq_scans(plan):
    """The big tables a plan reads whole (Seq Scan nodes), from EXPLAIN's JSON."""
    found = []
    if plan.get("Node Type") == "Seq Scan" and plan.get("Relation Name") in BIG_TABLES:
        found.append(plan["Relation Name"])
    for child in plan.get("Plans", []):
        found += seq_scans(child)
    return found


def explain(sql):
    if sql.startswith("DECLARE"):  # a server-side cursor (iterator()): the plan of its query
        sql = sql[sql.index(" FOR ") + len(" FOR ") :]
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
        plan = cursor.fetchone()[0]
    return (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]


def reads_big_table(sql):
    statement = sql.lstrip("( ").upper()
    return statement.startswith(("SELECT", "DECLARE")) and any(re.search(rf'"{t}"', sql) for t in BIG_TABLES)


def deep_key(category_ids, position):
    """The paging key of the article at `position` in a category list (what a "next" link carries)."""
    rows = Article.objects.published().filter(category_id__in=category_ids).order_by("-publish_at", "-pk")
    return paging.encode_key(rows.values_list("publish_at", "pk")[position])


def pages(client, make_staff):
    top = Category.objects.filter(parent__isnull=True).order_by("pk").first()
    sub = Category.objects.filter(parent__isnull=False).order_by("pk").first()
    family = [top.pk, *top.children.values_list("pk", flat=True)]
    article = Article.objects.published().filter(tags__isnull=False).order_by("-publish_at")[300]
    leader = make_staff(roles.LEADER)
    dossier = Dossier.objects.order_by("pk").first()
    return [
        ("home", "get", "/", {}),
        ("category", "get", top.get_absolute_url(), {}),
        ("deep category page by number", "get", top.get_absolute_url(), {"page": 300}),
        ("deep category page by link", "get", top.get_absolute_url(), {"page": 600, "after": deep_key(family, 9000)}),
        ("sub-category", "get", sub.get_absolute_url(), {}),
        ("news list", "get", "/tin-tuc/", {}),
        ("tag", "get", Tag.objects.get(name="Thẻ 0").get_absolute_url(), {}),
        ("article", "get", article.get_absolute_url(), {}),
        ("search, a common word", "get", "/tim-kiem/", {"q": "lao dong"}),
        ("search, a rare word", "get", "/tim-kiem/", {"q": "tam dao"}),
        ("sitemap index", "get", "/sitemap.xml", {}),
        ("sitemap page", "get", "/sitemap-articles.xml", {"p": 20}),
        ("feed", "get", "/rss/", {}),
        ("category feed", "get", f"/rss/{top.slug}/", {}),
        ("documents list", "get", "/van-ban/", {}),
        ("procedures catalogue", "get", "/thu-tuc-hanh-chinh/", {}),
        ("procedure", "get", f"/thu-tuc-hanh-chinh/{dossier.procedure.code}/", {}),
        ("procedures statistics", "get", "/thu-tuc-hanh-chinh/thong-ke/", {}),
        ("dossier lookup", "post", "/tra-cuu-ho-so/", {"ma": dossier.code, "phone": "1234"}),
        ("dashboard, this year", "admin", DASHBOARD, {}),
        ("dashboard, one field", "admin", DASHBOARD, {"linh-vuc": dossier.procedure.sector_id}),
    ], leader


def test_every_public_query_is_served_by_an_index_at_scale(client, loaded, make_staff):
    assert Article.objects.count() == ARTICLES and Dossier.objects.count() == DOSSIERS
    listed, leader = pages(client, make_staff)
    problems, checked = [], 0
    for name, method, url, data in listed:
        if method == "admin":
            client.force_login(leader)
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.post(url, data) if method == "post" else client.get(url, data)
        client.logout()
        assert response.status_code == 200, (name, response.status_code)
        for query in list(captured):
            if not reads_big_table(query["sql"]):
                continue
            checked += 1
            scanned = seq_scans(explain(query["sql"]))
            if scanned:
                problems.append(f"{name}: Seq Scan on {', '.join(sorted(set(scanned)))}: {query['sql'][:300]}")
    assert checked >= 40  # the pages did read the big tables: the test looked at their queries
    assert not problems, "\n".join(problems)


def test_the_search_text_has_the_finer_statistics_its_common_words_need():
    """Without them a word in most articles was estimated rare, and read through the trigram
    index whole (news migration 0008)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attname, attstattarget FROM pg_attribute WHERE attrelid = 'news_article'::regclass "
            "AND attname IN ('search_text', 'search_title')"
        )
        assert dict(cursor.fetchall()) == {"search_text": 1000, "search_title": 1000}
