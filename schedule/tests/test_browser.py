"""The schedule page in a real browser: desktop, phone (one day under another), print; the admin's button."""

import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

from dolisa_site import roles
from schedule.models import Week, WeekStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
# The fixture's current week, on its Tuesday: the clock the live server sees too.
TUESDAY = datetime(2026, 12, 1, 9, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture
def schedule():
    with time_machine.travel(TUESDAY, tick=True):
        for name in ("10_site.json", "90_schedule.json"):
            call_command("loaddata", str(FIXTURES / name), verbosity=0)
        yield


def shoot(tab, name):
    tab.screenshot(path=f"/tmp/schedule-{name}.png", full_page=True)


def test_the_week_on_a_desktop(page, schedule, serious_accessibility_problems):
    page.goto("/lich-cong-tac/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lịch công tác tuần của Lãnh đạo Sở")
    today = page.locator('[aria-current="date"]')
    expect(today).to_contain_text("Thứ ba, 01/12/2026")
    expect(page.locator(".schedule__mark--changed")).to_contain_text("Điều chỉnh lúc 17:10 27/11/2026")
    expect(page.get_by_role("columnheader", name="Chủ trì")).to_be_visible()
    shoot(page, "desktop")
    assert serious_accessibility_problems(page) == []
    page.get_by_role("link", name="Tuần trước").click()
    expect(page).to_have_url("/lich-cong-tac/2026/tuan-48/")
    expect(page.locator(".schedule__week")).to_have_text("Tuần 48, từ 23/11/2026 đến 29/11/2026")
    page.get_by_role("link", name="Tuần sau").click()
    page.get_by_role("link", name="Tuần sau").click()
    expect(page.locator(".schedule__none")).to_have_text("Chưa có lịch công tác tuần này.")
    shoot(page, "desktop-empty-week")
    assert serious_accessibility_problems(page) == []


def test_the_week_on_a_phone_is_one_day_under_another(phone_page, schedule, serious_accessibility_problems):
    phone_page.goto("/lich-cong-tac/")
    expect(phone_page.locator('[aria-current="date"]')).to_be_visible()
    shoot(phone_page, "phone")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
    days = phone_page.locator(".schedule__date")
    first, second = days.nth(0).bounding_box(), days.nth(1).bounding_box()
    assert second["y"] > first["y"] + first["height"] and abs(second["x"] - first["x"]) < 1, "stacked"
    label = phone_page.locator(".schedule__item td").first
    assert phone_page.evaluate("cell => getComputedStyle(cell, '::before').content", label.element_handle()) == (
        '"Nội dung: "'
    )
    assert serious_accessibility_problems(phone_page) == []
    phone_page.goto("/lien-he/")
    block = phone_page.locator(".widget--schedule")
    expect(block.get_by_role("link", name="Xem lịch công tác cả tuần")).to_be_visible()
    shoot(phone_page, "phone-sidebar")


def test_the_week_prints_on_one_landscape_a4_page(page, schedule):
    page.goto("/lich-cong-tac/")
    page.evaluate("window.print = () => { window.printed = true; }")
    page.get_by_role("button", name="In lịch công tác").click()
    assert page.evaluate("window.printed") is True
    page.set_viewport_size({"width": 1123, "height": 794})  # A4 landscape at 96 px an inch
    page.emulate_media(media="print")
    for hidden in (".main-nav", ".page__sidebar", ".site-footer", ".schedule__nav", ".topbar"):
        if page.locator(hidden).count():
            expect(page.locator(hidden).first).to_be_hidden()
    expect(page.locator(".schedule__table")).to_be_visible()
    shoot(page, "print")
    pdf = page.pdf(prefer_css_page_size=True)
    Path("/tmp/schedule-print.pdf").write_bytes(pdf)
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1, "one A4 page"
    assert re.search(rb"/MediaBox \[0 0 841\.9\d* 59[45]\.9\d*\]", pdf), "landscape A4 (points)"


def test_a_reviewer_publishes_with_the_button(page, schedule, make_staff, browser_login):
    Week.objects.filter(starts_on="2026-11-30").update(status=WeekStatus.DRAFT)
    week = Week.objects.get(starts_on="2026-11-30")
    browser_login(page, make_staff(roles.REVIEWER, "duyet"))
    page.goto(f"/admin/schedule/week/{week.pk}/change/")
    page.get_by_role("button", name="Đăng lịch tuần này").click()
    expect(page.get_by_role("button", name="Thôi đăng lịch tuần này")).to_be_visible()
    shoot(page, "admin-published")
    assert Week.objects.get(pk=week.pk).status == WeekStatus.PUBLISHED


def test_the_office_changes_a_published_item_and_the_public_sees_it_marked(page, schedule, make_staff, browser_login):
    browser_login(page, make_staff(roles.OFFICE, "van-phong"))
    week = Week.objects.get(starts_on="2026-11-30")
    page.goto(f"/admin/schedule/week/{week.pk}/change/")
    expect(page.get_by_role("button", name="Đăng lịch tuần này")).to_have_count(0)
    shoot(page, "admin-office")
    location = page.locator("#id_items-0-location")
    expect(location).to_have_value("Phòng họp tầng 3, trụ sở Sở")
    location.fill("Hội trường tầng 1, trụ sở Sở")
    page.get_by_role("button", name="Lưu lại", exact=True).click()
    expect(page.locator(".messagelist")).to_be_visible()
    page.goto("/lich-cong-tac/")
    row = page.locator(".schedule__item", has_text="Hội trường tầng 1")
    expect(row.locator(".schedule__mark--changed")).to_contain_text("Điều chỉnh lúc")
