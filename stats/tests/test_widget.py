"""The "Thông tin truy cập" figures: periods in Asia/Ho_Chi_Minh, the
baseline, the buffer's unflushed part, visitors viewing now."""

import logging
from datetime import datetime, timedelta

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone

from dolisa_site import widgets
from stats import clock, totals
from stats.flush import flush
from stats.models import Baseline, DailyStat

pytestmark = [pytest.mark.urls("stats.tests.urls"), pytest.mark.django_db]


def local(*args):
    return timezone.make_aware(datetime(*args))  # the current time zone is Asia/Ho_Chi_Minh


@pytest.fixture
def at(monkeypatch, visit):
    """Visit pages at given local times."""

    def visit_at(moment, path="/", **extra):
        monkeypatch.setattr(clock, "now", lambda: moment)
        return visit(path, **extra)

    return visit_at


def test_a_day_ends_at_midnight_in_vietnam_and_a_month_on_its_last_day(at):
    at(local(2026, 11, 29, 12, 0))  # Sunday
    at(local(2026, 11, 30, 23, 59))  # Monday, last day of November
    at(local(2026, 12, 1, 0, 1))  # Tuesday, 17:01 UTC the day before
    figures = totals.counter(local(2026, 12, 1, 0, 2))
    assert (figures["today"], figures["yesterday"], figures["week"], figures["month"], figures["all"]) == (
        1,
        1,
        2,
        1,
        3,
    )


def test_flushed_and_unflushed_counts_add_up_the_same(at):
    at(local(2026, 12, 31, 23, 30))
    at(local(2027, 1, 1, 0, 30))
    before = totals.counter(local(2027, 1, 1, 8, 0))
    flush()
    after = totals.counter(local(2027, 1, 1, 8, 0))
    for figures in (before, after):
        assert (figures["today"], figures["yesterday"], figures["week"], figures["month"], figures["all"]) == (
            1,
            1,
            2,
            1,
            2,
        )


def test_the_next_day_the_cached_figures_move_on(at):
    at(local(2026, 11, 20, 9, 0))
    flush()
    assert totals.counter(local(2026, 11, 20, 9, 5))["today"] == 1
    assert totals.counter(local(2026, 11, 21, 0, 0))["today"] == 0
    assert totals.counter(local(2026, 11, 21, 0, 0))["yesterday"] == 1


def test_all_time_starts_from_the_baseline(at):
    Baseline.objects.create(page_views=902_522, note="Cổng thông tin cũ")
    DailyStat.objects.create(date=local(2026, 11, 1, 0, 0).date(), page_views=1000, visitors=300)
    at(local(2026, 11, 20, 9, 0))
    assert totals.counter(local(2026, 11, 20, 9, 1))["all"] == 903_523
    Baseline.objects.update_or_create(pk=1, defaults={"page_views": 1_000_000})
    Baseline.objects.get().save()  # an admin edit drops the cached figures
    assert totals.counter(local(2026, 11, 20, 9, 1))["all"] == 1_001_001


def test_viewing_now_counts_visitors_of_the_last_five_minutes(at):
    start = local(2026, 11, 20, 9, 0)
    at(start, ip="198.51.100.1")
    at(start + timedelta(minutes=3), ip="198.51.100.2")
    at(start + timedelta(minutes=3), ip="198.51.100.2")
    assert totals.counter(start + timedelta(minutes=4))["online"] == 2
    assert totals.counter(start + timedelta(minutes=7))["online"] == 1
    assert totals.counter(start + timedelta(minutes=9))["online"] == 0


def test_the_widget_shows_grouped_numbers_in_vietnamese(at):
    Baseline.objects.create(page_views=902_522)
    html = render_to_string("stats/widget.html", totals.widget_context(RequestFactory().get("/")))
    assert "Thông tin truy cập" in html
    for label in ("Đang xem", "Hôm nay", "Hôm qua", "Tuần này", "Tháng này", "Tất cả"):
        assert label in html
    assert "902.522" in html


@pytest.mark.parametrize("baseline", [None, 902_522])
def test_the_stored_figures_and_the_baseline_are_read_in_one_query(baseline, django_assert_num_queries):
    today = local(2026, 11, 20, 9, 0).date()
    if baseline is not None:
        Baseline.objects.create(page_views=baseline)
    DailyStat.objects.create(date=today, page_views=7)
    DailyStat.objects.create(date=today - timedelta(days=40), page_views=1000)
    with django_assert_num_queries(1):
        stored = totals.stored_totals(today)
    assert (stored["today"], stored["month"], stored["all"]) == (7, 7, 1007 + (baseline or 0))


def test_the_widget_sits_at_the_bottom_of_the_sidebar():
    placed = {widget.name: widget for widget in widgets.for_slot("sidebar.bottom")}
    assert placed["visitor-counter"].order == 100
    assert placed["visitor-counter"].template == "stats/widget.html"


def test_a_database_outage_leaves_the_widget_out_and_is_logged(monkeypatch, caplog):
    def down(**periods):
        raise totals.DailyStat.objects.model.DoesNotExist("connection refused")

    monkeypatch.setattr(DailyStat.objects, "page_view_totals", down)
    with caplog.at_level(logging.ERROR, logger="stats.totals"):
        assert totals.widget_context(RequestFactory().get("/")) is None
    assert "Visitor statistics: widget left out" in caplog.text


def test_an_unreadable_buffer_shows_the_flushed_figures(monkeypatch, caplog):
    DailyStat.objects.create(date=timezone.localdate(), page_views=7)

    def down():
        raise ConnectionError("Connection refused")

    monkeypatch.setattr(totals, "get_buffer", down)
    with caplog.at_level(logging.ERROR, logger="stats.totals"):
        figures = totals.counter()
    assert (figures["today"], figures["online"]) == (7, None)
    assert "buffer unreadable" in caplog.text
