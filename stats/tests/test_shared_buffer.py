"""The counting buffer is shared by every process of the machine (or by every
app server, with Redis): what the server counted, `manage.py flush_stats`
run beside it writes; the article's shown count includes what still waits.

The other processes here are fresh interpreters with the run's settings
(DOLISA_TEST_RUN is inherited, so they open the run's cache and buffer). They
reach the test database through a file: the SQLite test database lives in
memory, so it is copied out before and back in after.
"""

import contextlib
import os
import sqlite3
import subprocess
import sys
import textwrap
from datetime import date, datetime, timedelta
from urllib.parse import quote

import pytest
import time_machine
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.test import Client
from django.utils import timezone

from dolisa_site import viewcounts
from stats import buffer, totals
from stats.flush import flush
from stats.models import Baseline, DailyStat

from .conftest import BROWSER, article_path

# A Friday: its week began on Monday 16 November.
MOMENT = timezone.make_aware(datetime(2026, 11, 20, 10, 30))
READS = 40


def run(code_or_args, **env):
    """Another process with the run's settings; returns its output (it must succeed)."""
    args = ["-c", textwrap.dedent(code_or_args)] if isinstance(code_or_args, str) else code_or_args
    result = subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "dolisa_site.test_settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@contextlib.contextmanager
def shared_database(tmp_path):
    """DATABASE_URL for another process to use the test database (committed data only)."""
    if connection.vendor == "sqlite":
        path = tmp_path / "db.sqlite3"
        copy = sqlite3.connect(path)
        connection.ensure_connection()
        connection.connection.backup(copy)
        copy.close()
        yield f"sqlite:///{path}"
        copy = sqlite3.connect(path)
        copy.backup(connection.connection)  # what the other process wrote, back into the test database
        copy.close()
    else:
        db = connection.settings_dict
        credentials = quote(db["USER"] or "", safe="")
        if db["PASSWORD"]:
            credentials += ":" + quote(db["PASSWORD"], safe="")
        yield f"postgres://{credentials}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


def figures():
    shown = totals.counter(MOMENT)
    return {period: shown[period] for period in ("today", "week", "month", "all")}


@pytest.fixture
def published_article(make_article):
    article = make_article("Chi trả trợ cấp thất nghiệp tháng 11", "Lao động - Việc làm")
    apps.get_model("news", "Article").objects.filter(pk=article.pk).update(
        status="published", publish_at=MOMENT - timedelta(days=2), view_count=7
    )
    article.refresh_from_db()
    return article


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_article_read_40_times_then_flush_stats_beside_the_server_adds_40_everywhere(
    published_article, make_staff, tmp_path
):
    """The issue's demo check: 40 anonymous reads, `manage.py flush_stats` in a
    process of its own: the article's count and the visitor block's today,
    this week, this month and all time each rise by exactly 40."""
    Baseline.objects.create(page_views=900_000)
    DailyStat.objects.create(date=date(2026, 10, 30), page_views=5000, visitors=900)  # last month
    DailyStat.objects.create(date=date(2026, 11, 9), page_views=1000, visitors=300)  # this month, last week
    DailyStat.objects.create(date=date(2026, 11, 17), page_views=100, visitors=40)  # this week
    editor = Client()
    editor.force_login(make_staff())  # staff see fresh pages and are not counted
    with time_machine.travel(MOMENT, tick=False):
        before = figures()
        assert before == {"today": 0, "week": 100, "month": 1100, "all": 906_100}

        reader = Client()
        for _read in range(READS):
            response = reader.get(published_article.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
            assert response.status_code == 200

        # Not flushed yet: the page already shows them, and so does the visitor block.
        assert viewcounts.shown_views(published_article) == 7 + READS
        assert "Số lượt xem: 47" in editor.get(published_article.get_absolute_url()).content.decode()
        pending = figures()
        assert pending == {period: count + READS for period, count in before.items()}

        with shared_database(tmp_path) as database_url:
            output = run([str(settings.BASE_DIR / "manage.py"), "flush_stats"], DATABASE_URL=database_url)
        assert "Flushed 40 page views." in output

        published_article.refresh_from_db()
        assert published_article.view_count == 7 + READS
        day = DailyStat.objects.get(date=MOMENT.date())
        assert (day.page_views, day.visitors) == (READS, 1)
        assert figures() == pending  # in the tables now, not counted twice
        assert flush() == 0  # nothing was left behind for this process
        assert "Số lượt xem: 47" in editor.get(published_article.get_absolute_url()).content.decode()


RECORD_IN_ANOTHER_PROCESS = """
import django, time_machine
from datetime import datetime
from zoneinfo import ZoneInfo

django.setup()
from django.test import Client, override_settings

with time_machine.travel(datetime(2026, 11, 20, 10, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=False):
    with override_settings(ROOT_URLCONF="stats.tests.urls"):
        client = Client()
        for address in ("198.51.100.7", "198.51.100.7", "203.0.113.9"):
            response = client.get({path!r}, HTTP_USER_AGENT={agent!r}, REMOTE_ADDR=address)
            assert response.status_code == 200
"""


@pytest.mark.django_db
@pytest.mark.urls("stats.tests.urls")
def test_what_one_process_counted_another_flushes(article, tmp_path, visit):
    """Counted by a process that never touches the database, flushed by this one."""
    with time_machine.travel(MOMENT, tick=False):
        visit(article_path(article), ip="198.51.100.7")  # the same visitor as the other process's first
        run(
            RECORD_IN_ANOTHER_PROCESS.format(path=article_path(article), agent=BROWSER),
            # A database the other process must not need: counting never writes to one.
            DATABASE_URL=f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        )
        assert viewcounts.shown_views(article) == 4
        shown = totals.counter(MOMENT)
        assert (shown["today"], shown["online"]) == (4, 2)
        assert flush() == 4
    day = DailyStat.objects.get(date=MOMENT.date())
    assert (day.page_views, day.visitors) == (4, 2)  # one salt for the day, whichever process chose it
    article.refresh_from_db()
    assert article.view_count == 4


@pytest.mark.django_db
def test_while_one_process_flushes_another_leaves_it_alone(tmp_path):
    with buffer.get_buffer().lock() as acquired:
        assert acquired
        output = run(
            [str(settings.BASE_DIR / "manage.py"), "flush_stats"],
            DATABASE_URL=f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        )
    assert "Another process is flushing the visitor counts; nothing to do." in output
