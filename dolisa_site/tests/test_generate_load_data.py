"""manage.py generate_load_data: the benchmark data at small sizes.

The sizes are what the options say however often it runs (idempotent, in
both directions), the generated rows carry their derived data (the search
fields, the procedures rollups, view counts no lower than the views
recorded), and the demo's own content is never touched.
"""

import shutil
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db.models import Sum

from news.models import Article, TaggedArticle
from news.sanitize import clean_html, html_to_text
from procedures.models import Channel, DailyRollup, Dossier, DossierStatus, MonthlyRollup, Procedure
from stats.models import DailyStat, ObjectDailyView

NOW = datetime(2026, 6, 15, 10, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def generated_articles():
    return Article.objects.filter(slug__regex=r"-ld[0-9]{6}$")


def generated_dossiers():
    return Dossier.objects.filter(code__startswith="LOAD.")


def snapshot():
    """Everything the command writes, in a comparable form."""
    return {
        "articles": sorted(generated_articles().values_list("slug", "title", "body", "status", "publish_at")),
        "tags": TaggedArticle.objects.count(),
        "dossiers": sorted(generated_dossiers().values_list("code", "received_at", "status", "result_at")),
        "rollups": DailyRollup.objects.aggregate(Sum("received"), Sum("resolved")),
        "stats": sorted(DailyStat.objects.values_list("date", "page_views", "visitors", "mobile_visitors")),
        "objects": ObjectDailyView.objects.count(),
        "views": sorted(Article.objects.values_list("pk", "view_count")),
    }


def generate(**sizes):
    call_command("generate_load_data", verbosity=0, skip_demo=True, **sizes)


@pytest.fixture
def frozen(settings, tmp_path):
    """The demo content the generators build on (categories, pictures, procedures), at a fixed moment.

    Only those fixtures: the whole demo (setup_demo, tested on its own) would
    take most of the test's time."""
    settings.VAR_DIR = tmp_path / "var"
    settings.MEDIA_ROOT = tmp_path / "media"
    fixtures = Path(django_settings.BASE_DIR) / "fixtures"
    shutil.copytree(fixtures / "media" / "news", tmp_path / "media" / "news")
    with time_machine.travel(NOW, tick=False):
        # Not the demo's dossiers: loading them recounts the rollups once per row (a minute).
        names = ("20_news", "30_procedures", "40_stats")
        call_command("loaddata", *(str(fixtures / f"{name}.json") for name in names), verbosity=0)
        yield


@pytest.mark.django_db
def test_sizes_hold_however_often_it_runs_and_the_demo_is_left_alone(frozen):
    Dossier.objects.create(
        code="000.00.15.H99-260101-0001",
        procedure=Procedure.objects.first(),
        channel=Channel.ONLINE,
        received_at=NOW - timedelta(days=3),
        status=DossierStatus.PROCESSING,
    )
    generate(articles=200, dossiers=500, stats_days=20)
    demo_articles = set(Article.objects.exclude(pk__in=generated_articles()).values_list("pk", "title"))
    demo_dossiers = Dossier.objects.count() - 500
    assert demo_articles and demo_dossiers == 1
    assert generated_articles().count() == 200
    assert generated_dossiers().count() == 500
    first = snapshot()

    generate(articles=200, dossiers=500, stats_days=20)
    assert snapshot() == first

    generate(articles=50, dossiers=120, stats_days=20)
    assert generated_articles().count() == 50
    assert generated_dossiers().count() == 120
    assert set(Article.objects.exclude(pk__in=generated_articles()).values_list("pk", "title")) == demo_articles
    assert Dossier.objects.count() - 120 == demo_dossiers
    assert not TaggedArticle.objects.exclude(content_object__in=Article.objects.all()).exists()

    # Growing back gives the very same articles and dossiers as the first run.
    generate(articles=200, dossiers=500, stats_days=20)
    again = snapshot()
    for part in ("articles", "dossiers", "rollups", "stats"):
        assert again[part] == first[part], part


@pytest.mark.django_db
def test_generated_rows_carry_their_derived_data(frozen):
    today = DailyStat.objects.filter(date=NOW.date()).values_list("page_views", flat=True).first()
    generate(articles=200, dossiers=500, stats_days=20)
    articles = list(generated_articles())
    assert {article.category_id for article in articles} >= set(
        Article.objects.exclude(pk__in=generated_articles()).values_list("category_id", flat=True)
    )
    assert sum(bool(article.cover_image) for article in articles) > 100
    assert sum("<img" in article.body for article in articles) > 20
    assert TaggedArticle.objects.filter(content_object__in=articles).count() >= 200
    for article in articles:
        stored = (article.search_title, article.search_text)
        article.fill_search_fields()
        assert (article.search_title, article.search_text) == stored, article.slug
        # The bodies are what the editor's sanitiser would keep.
        assert html_to_text(clean_html(article.body)) == html_to_text(article.body)

    published = [article for article in articles if article.status == "published"]
    assert len(published) > 180
    assert max(article.publish_at for article in published) <= NOW
    # Search finds the generated articles through the stored text.
    word = published[0].title.split()[0]
    assert Article.objects.published().search(word).exists()

    # Rollups count every dossier, generated or not, as the rebuild command would.
    assert DailyRollup.objects.aggregate(total=Sum("received"))["total"] == Dossier.objects.count()
    assert MonthlyRollup.objects.aggregate(total=Sum("received"))["total"] == Dossier.objects.count()
    received = generated_dossiers().values_list("received_at", flat=True)
    assert NOW - timedelta(days=3 * 365 + 1) <= min(received) and max(received) <= NOW

    days = DailyStat.objects.filter(date__gte=NOW.date() - timedelta(days=20), date__lt=NOW.date())
    assert days.count() == 20
    # Today belongs to the live counting.
    assert DailyStat.objects.filter(date=NOW.date()).values_list("page_views", flat=True).first() == today
    for day in days:
        assert 0 < day.mobile_visitors <= day.visitors <= day.page_views
        read = ObjectDailyView.objects.filter(date=day.date, model_label="news.article").aggregate(Sum("views"))
        assert 0 < read["views__sum"] <= day.page_views
    recorded = (
        ObjectDailyView.objects.filter(model_label="news.article")
        .values("object_id")
        .annotate(total=Sum("views"))
        .values_list("object_id", "total")
    )
    counts = dict(Article.objects.values_list("pk", "view_count"))
    assert recorded and all(counts[pk] >= total for pk, total in recorded)
