"""The demo looks current on whatever day it is first loaded.

The results widget shows exactly the department's example figures, the visitor
block has figures for today, this week and this month, and nothing that has
happened is dated in the future — on ordinary days, at the turn of a year, on
29 February and years from now.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command
from django.db.models import F
from django.test import Client
from django.utils import timezone

from procedures import counting, rollups
from procedures.models import DailyRollup, Dossier, ResultsWidget
from procedures.sidebar import widget_period

pytestmark = pytest.mark.django_db
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")

FIRST_RUN_MOMENTS = [
    datetime(2026, 12, 1, 9, 30, tzinfo=LOCAL),
    datetime(2027, 1, 2, 8, 0, tzinfo=LOCAL),
    datetime(2027, 12, 31, 23, 59, tzinfo=LOCAL),
    datetime(2028, 1, 1, 0, 1, tzinfo=LOCAL),
    datetime(2028, 2, 29, 12, 0, tzinfo=LOCAL),
    datetime(2035, 6, 15, 10, 0, tzinfo=LOCAL),
]
EXAMPLE_FIGURES = [
    ("received", "298"),
    ("resolved", "283"),
    ("early", '270 <span class="results-widget__percent">(95%)</span>'),
    ("on_time", '283 <span class="results-widget__percent">(100%)</span>'),
    ("late", '0 <span class="results-widget__percent">(0%)</span>'),
]


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    """One media folder for every day's load. The demo's pictures are the same files on every day,
    so their renditions are made for the first day's home page only, not again for each day (about
    two seconds a day). Nothing here checks media; test_setup_demo.py checks that they are copied."""
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(params=FIRST_RUN_MOMENTS, ids=lambda moment: f"{moment:%Y-%m-%d-%H%M}")
def first_run(request, settings, tmp_path, demo_media):
    """The demo loaded on a given day, with the clock stopped there."""
    settings.VAR_DIR = tmp_path / "var"
    settings.MEDIA_ROOT = demo_media
    with time_machine.travel(request.param, tick=False):
        call_command("setup_demo", verbosity=0)
        yield request.param


def test_the_demo_looks_current_on_its_first_run_day(first_run):
    """One load per day (a load takes seconds); each check below names what failed."""
    check_the_widget_shows_the_example_figures_and_names_its_period()
    check_the_visitor_block_has_figures_for_today_and_every_period()
    check_nothing_that_happened_is_dated_in_the_future()
    check_the_newest_content_is_recent_and_one_article_waits_for_its_time()
    check_demo_rollups_agree_with_a_rebuild_and_raw_counts()


def check_the_widget_shows_the_example_figures_and_names_its_period():
    html = Client().get("/").content.decode()
    widget = html[html.index("widget--results") :]
    for figure, text in EXAMPLE_FIGURES:
        assert f'data-figure="{figure}">{text}</dd>' in widget
    assert "12 tháng gần nhất" in widget
    assert "Tự động cập nhật lúc" in widget


def check_the_visitor_block_has_figures_for_today_and_every_period():
    from stats import totals

    counter = totals.counter()
    assert all(counter[name] > 0 for name in ("today", "yesterday", "week", "month")), counter
    assert counter["today"] <= counter["week"] <= counter["all"]
    assert counter["today"] <= counter["month"]


def check_nothing_that_happened_is_dated_in_the_future():
    now = timezone.now()
    today = timezone.localdate()
    happened = {
        "procedures.Dossier": ["received_at", "result_at", "updated_at"],
        "news.Article": ["created_at", "updated_at", "first_published_at"],
        "news.Comment": ["created_at", "moderated_at"],
        "questions.Question": ["created_at", "answered_at"],
        "polls.Poll": ["opens_at", "created_at"],
    }
    for label, fields in happened.items():
        model = apps.get_model(label)
        assert model.objects.exists(), label
        for field in fields:
            assert not model.objects.filter(**{f"{field}__gt": now}).exists(), (label, field)
    assert not Dossier.objects.filter(result_at__lt=F("received_at")).exists()
    assert not Dossier.objects.filter(due_at__lt=F("received_at")).exists()
    assert apps.get_model("stats.DailyStat").objects.latest("date").date == today


def check_the_newest_content_is_recent_and_one_article_waits_for_its_time():
    from news.models import Article

    now = timezone.now()
    newest = Article.objects.published().order_by("-publish_at").first()
    assert now - timedelta(days=7) < newest.publish_at <= now
    scheduled = Article.objects.filter(status="published", publish_at__gt=now)
    assert scheduled.count() == 1
    assert scheduled.get().publish_at < now + timedelta(days=14)
    assert not Article.objects.published().filter(publish_at__gt=now).exists()
    assert Dossier.objects.latest("received_at").received_at > now - timedelta(days=21)
    assert apps.get_model("polls.Poll").objects.open().exists()


def check_demo_rollups_agree_with_a_rebuild_and_raw_counts():
    period = widget_period(ResultsWidget.load())
    before = rollups.figures(DailyRollup.objects.all(), period.first, period.last)[0]
    rollups.rebuild()
    assert rollups.figures(DailyRollup.objects.all(), period.first, period.last)[0] == before
    assert counting.tally(Dossier.objects.all(), period.first, period.last) == before
