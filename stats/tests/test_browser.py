"""The widget in a real browser, and an article read twice by one person."""

import re
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from stats.flush import flush
from stats.models import Baseline, DailyStat, ObjectDailyView

from .conftest import BROWSER

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def counter_figure(tab, label):
    row = tab.locator(".widget--visitors .visitor-counter__row", has=tab.locator(f"dt:text-is('{label}')"))
    return row.locator("dd")


@pytest.fixture
def published_article(make_article):
    article = make_article("Tổ chức phiên giao dịch việc làm tháng 11", "Lao động - Việc làm")
    apps.get_model("news", "Article").objects.filter(pk=article.pk).update(
        status="published", publish_at=timezone.now() - timedelta(hours=1)
    )
    return article


def test_the_widget_renders_on_desktop_and_phone(page, phone_page, live_server, screenshot):
    Baseline.objects.create(page_views=902_522)
    for tab, name in ((page, "stats-widget-desktop"), (phone_page, "stats-widget-phone")):
        tab.goto("/")
        widget = tab.locator(".page__sidebar .widget--visitors")
        widget.scroll_into_view_if_needed()
        expect(widget).to_be_visible()
        expect(tab.locator("#widget-visitors-title")).to_have_text("Thông tin truy cập")
        expect(counter_figure(tab, "Tất cả")).to_have_text(re.compile(r"^902\.52"), use_inner_text=True)
        screenshot(tab, name)


@pytest.fixture
def reader(browser, live_server):
    """A person's browser: headless Chromium names itself "HeadlessChrome"
    and is rightly counted as a robot, so this tab sends a desktop Chrome's agent."""
    context = browser.new_context(
        base_url=live_server.url, user_agent=BROWSER, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh"
    )
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    context.close()


def test_a_headless_browser_is_not_counted(page, live_server):
    page.goto("/")
    flush()
    assert not DailyStat.objects.exists()


def test_reading_an_article_twice_in_a_day_counts_two_views_and_one_visitor(
    reader, screenshot, published_article, settings
):
    # The counts are what is tested here; a page-cached copy may show them up to a minute late (by design).
    settings.PAGE_CACHE = False
    page = reader
    for _time in range(2):
        response = page.goto(published_article.get_absolute_url())
        assert response.status == 200
    page.goto("/")
    expect(counter_figure(page, "Hôm nay")).to_have_text("2")  # the home page counts after it is drawn
    expect(counter_figure(page, "Đang xem")).to_have_text("1")

    flush()
    today = DailyStat.objects.get(date=timezone.localdate())
    assert (today.page_views, today.visitors) == (3, 1)
    published_article.refresh_from_db()
    assert published_article.view_count == 2
    assert ObjectDailyView.objects.get(model_label="news.article", object_id=published_article.pk).views == 2
    page.goto(published_article.get_absolute_url())
    expect(page.locator("main")).to_contain_text("Số lượt xem: 2")
    screenshot(page, "stats-article-read-twice")


def test_a_leader_reads_the_traffic_dashboard(page, phone_page, browser_login, leader, make_article, screenshot):
    call_command("loaddata", "fixtures/40_stats.json", verbosity=0)
    today = timezone.localdate()
    for views, (title, section) in enumerate(
        [
            ("Chi trả trợ cấp ưu đãi người có công", "Người có công"),
            ("Tuyển sinh học nghề miễn phí", "Giáo dục nghề nghiệp"),
        ],
        start=40,
    ):
        article = make_article(title, section)
        ObjectDailyView.objects.create(date=today, model_label="news.article", object_id=article.pk, views=views)
        ObjectDailyView.objects.create(
            date=today, model_label="news.category", object_id=article.category_id, views_within=views
        )
    for tab, name in ((page, "stats-dashboard-desktop"), (phone_page, "stats-dashboard-phone")):
        browser_login(tab, leader)
        tab.goto(reverse("admin:index"))
        tab.get_by_role("link", name="Thống kê truy cập").click()
        expect(tab.locator("h1")).to_have_text("Thống kê truy cập")
        expect(tab.get_by_role("img", name="Lượt xem trang và lượt khách 30 ngày qua")).to_be_visible()
        expect(tab.get_by_role("link", name="Tuyển sinh học nghề miễn phí")).to_be_visible()
        screenshot(tab, name)
