"""Buffered counts reach the tables exactly once."""

import logging
import multiprocessing
import threading
from datetime import datetime

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, connections
from django.test import Client
from django.utils import timezone

from stats import buffer, clock, flush
from stats.models import DailyStat, FlushBatch, ObjectDailyView

from .conftest import BROWSER, article_path

pytestmark = pytest.mark.urls("stats.tests.urls")

MOMENT = timezone.make_aware(datetime(2026, 11, 20, 10, 30))


@pytest.fixture
def fixed_clock(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: MOMENT)
    return MOMENT


def shared_between_processes():
    return not isinstance(buffer.get_buffer(), buffer.LocalBuffer)


@pytest.mark.django_db
def test_flush_adds_to_existing_rows_and_empties_the_buffer(visit, fixed_clock):
    DailyStat.objects.create(date=MOMENT.date(), page_views=10, visitors=4, mobile_visitors=1)
    visit("/")
    visit("/trang/")
    assert flush.flush() == 2
    assert DailyStat.objects.values_list("page_views", "visitors", "mobile_visitors").get() == (12, 5, 1)
    assert flush.flush() == 0
    assert DailyStat.objects.get().page_views == 12


@pytest.mark.django_db
def test_views_of_an_object_and_of_its_container_are_counted_per_day(visit, fixed_clock, article):
    visit(article_path(article))
    visit(article_path(article), ip="198.51.100.99")
    flush.flush()
    article.refresh_from_db()
    assert article.view_count == 2
    assert ObjectDailyView.objects.get(model_label="news.article").views == 2
    assert ObjectDailyView.objects.values_list("views", "views_within").get(model_label="news.category") == (0, 2)


@pytest.mark.django_db
def test_objects_of_models_without_a_view_count_are_still_ranked(visit, fixed_clock):
    from stats.models import Baseline

    Baseline.objects.create(page_views=5)
    visit("/xem/stats.baseline/1/")
    flush.flush()
    assert ObjectDailyView.objects.values_list("model_label", "object_id", "views").get() == ("stats.baseline", 1, 1)


@pytest.mark.django_db
def test_a_batch_written_before_a_crash_is_not_written_again(visit, fixed_clock, monkeypatch):
    visit("/")
    real_done = buffer.get_buffer().done
    monkeypatch.setattr(buffer.get_buffer(), "done", lambda batch_id: (_ for _ in ()).throw(SystemExit("killed")))
    with pytest.raises(SystemExit):
        flush.flush()  # committed, but the cached copy of the batch survived
    monkeypatch.setattr(buffer.get_buffer(), "done", real_done)
    visit("/trang/")
    assert flush.flush() == 1
    assert DailyStat.objects.get().page_views == 2
    assert FlushBatch.objects.count() == 2


@pytest.mark.django_db
def test_a_failed_flush_keeps_the_counts_for_the_next_one(visit, fixed_clock, monkeypatch, caplog):
    visit("/")

    def busy(days):
        raise DatabaseError("database is locked")

    monkeypatch.setattr(flush, "add_daily", busy)
    with pytest.raises(DatabaseError):
        flush.flush()
    assert not DailyStat.objects.exists()
    monkeypatch.undo()
    assert flush.flush() == 1
    assert DailyStat.objects.get().page_views == 1


@pytest.mark.django_db
def test_only_one_process_flushes_at_a_time(visit, fixed_clock):
    visit("/")
    with buffer.get_buffer().lock() as acquired:
        assert acquired
        assert flush.flush() is None
    assert flush.flush() == 1


@pytest.mark.django_db
def test_an_old_buffer_is_flushed_after_the_response_is_sent(visit, settings, fixed_clock):
    settings.STATS_FLUSH_AFTER = 300
    visit("/")
    assert not DailyStat.objects.exists()
    settings.STATS_FLUSH_AFTER = 0
    visit("/trang/")
    assert DailyStat.objects.get().page_views == 2


@pytest.mark.django_db
def test_a_failed_flush_after_a_response_is_logged(visit, settings, monkeypatch, caplog):
    settings.STATS_FLUSH_AFTER = 0
    monkeypatch.setattr(flush, "add_daily", lambda days: (_ for _ in ()).throw(DatabaseError("busy")))
    with caplog.at_level(logging.ERROR, logger="stats.flush"):
        assert visit("/").status_code == 200
    assert "Visitor statistics: flush failed, counts stay buffered for the next one: DatabaseError: busy" in caplog.text


@pytest.mark.django_db
def test_the_command_reports_what_it_wrote(visit, capsys):
    visit("/")
    call_command("flush_stats")
    assert "Flushed 1 page views." in capsys.readouterr().out


# --- Exactness under concurrency ----------------------------------------------------

WORKERS, REQUESTS, VISITORS_PER_WORKER = 4, 60, 3


def _browse(worker, article_pk, category_pk, start):
    """One client process (or thread): REQUESTS page views from a few visitors."""
    start.wait()
    client = Client()
    for number in range(REQUESTS):
        path = f"/xem/news.article/{article_pk}/trong/news.category/{category_pk}/" if number % 2 else "/trang/"
        response = client.get(
            path,
            HTTP_USER_AGENT=f"{BROWSER} worker/{worker}",
            REMOTE_ADDR=f"10.0.{worker}.{number % VISITORS_PER_WORKER}",
        )
        assert response.status_code == 200
    connections.close_all()


def _keep_flushing(stop):
    while not stop.is_set():
        flush.flush()
    connections.close_all()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_counting_and_flushing_is_exact(fixed_clock, article):
    """Several clients count while another flushes; afterwards the totals are
    exactly the number of requests. The clients are separate processes (as
    gunicorn workers are), and so is the flusher where it can reach the
    database (not SQLite's in-memory test database: it flushes in this
    process then). A buffer local to one process is shared by threads."""
    DailyStat.objects.create(date=MOMENT.date(), page_views=1000, visitors=100)
    if shared_between_processes():
        connections.close_all()
        context = multiprocessing.get_context("fork")
        start, stop = context.Event(), context.Event()
        make = context.Process
        flusher = make(target=_keep_flushing, args=(stop,)) if connection.vendor != "sqlite" else None
    else:
        start, stop = threading.Event(), threading.Event()
        make = threading.Thread
        flusher = None  # the flush runs in this thread, below
    clients = [make(target=_browse, args=(n, article.pk, article.category_id, start)) for n in range(WORKERS)]
    for worker in clients + ([flusher] if flusher else []):
        worker.start()
    start.set()
    while any(worker.is_alive() for worker in clients):
        if flusher is None:
            flush.flush()
    stop.set()
    for worker in clients + ([flusher] if flusher else []):
        worker.join(timeout=60)
    if shared_between_processes():
        assert [worker.exitcode for worker in clients] == [0] * WORKERS
    flush.flush()

    total = WORKERS * REQUESTS
    day = DailyStat.objects.get(date=MOMENT.date())
    assert (day.page_views, day.visitors) == (1000 + total, 100 + WORKERS * VISITORS_PER_WORKER)
    article.refresh_from_db()
    assert article.view_count == total // 2
    assert ObjectDailyView.objects.get(model_label="news.category").views_within == total // 2


@pytest.mark.django_db
def test_the_command_fails_clearly_when_the_database_is_busy(visit, monkeypatch):
    from django.core.management import CommandError

    visit("/")
    monkeypatch.setattr(flush, "add_daily", lambda days: (_ for _ in ()).throw(DatabaseError("database is locked")))
    with pytest.raises(
        CommandError, match="Flush failed; the counts stay in the cache for the next run: DatabaseError"
    ):
        call_command("flush_stats")
