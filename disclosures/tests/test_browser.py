"""The duty sections in a real browser at 1280 and 375 px: find an item, open it, read its files."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from disclosures.models import Attachment, Disclosure
from dolisa_site import roles

from .factories import make_item, pdf_upload

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def shoot(tab, name):
    tab.screenshot(path=f"/tmp/disclosures-{name}.png", full_page=True)


@pytest.fixture
def items():
    now = timezone.now()
    estimate = make_item(
        title="Công khai dự toán ngân sách nhà nước năm 2026 của Sở Lao động - Thương binh và Xã hội",
        summary="Dự toán thu, chi ngân sách năm 2026 được Ủy ban nhân dân tỉnh giao tại Quyết định số 2890/QĐ-UBND.",
        body="<p>Tổng dự toán chi <strong>186.420 triệu đồng</strong>.</p>",
    )
    Attachment.objects.create(item=estimate, file=pdf_upload("Dự toán ngân sách năm 2026 của Sở.pdf"))
    make_item(title="Công khai quyết toán ngân sách năm 2025", kind="quyet-toan", year=2025)
    make_item(
        section="tuyen-dung",
        kind="thong-bao-tuyen-dung",
        title="Thông báo tuyển dụng viên chức Trung tâm Bảo trợ xã hội tổng hợp năm 2026",
        closes_at=now + timedelta(days=21),
    )
    make_item(
        section="tuyen-dung",
        kind="thong-bao-tuyen-dung",
        title="Thông báo tuyển dụng hợp đồng lao động năm 2025",
        year=2025,
        published_at=now - timedelta(days=400),
        closes_at=now - timedelta(days=370),
    )
    return estimate


def test_find_an_estimate_and_open_it(page, items, serious_accessibility_problems):
    page.goto("/cong-khai/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Công khai")
    assert serious_accessibility_problems(page) == []
    shoot(page, "index-desktop")
    page.locator("main").get_by_role("link", name="Công khai ngân sách").click()
    expect(page.get_by_text("Tìm thấy 2 mục")).to_be_visible()
    assert serious_accessibility_problems(page) == []
    page.get_by_label("Từ trong tiêu đề hoặc tóm tắt").fill("du toan nha nuoc")
    page.locator("main").get_by_role("button", name="Tìm kiếm").click()
    expect(page.get_by_text("Tìm thấy 1 mục")).to_be_visible()
    shoot(page, "section-desktop")
    page.get_by_role("link", name=items.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(items.title)
    expect(page.get_by_role("link", name="PDF Dự toán ngân sách năm 2026 của Sở.pdf")).to_be_visible()
    assert serious_accessibility_problems(page) == []
    shoot(page, "detail-desktop")


def test_recruitment_on_a_phone(phone_page, items, serious_accessibility_problems):
    phone_page.goto("/cong-khai/tuyen-dung/")
    expect(phone_page.get_by_text("Tìm thấy 2 mục")).to_be_visible()
    expect(phone_page.locator(".dis-closed")).to_have_count(1)
    assert serious_accessibility_problems(phone_page) == []
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
    shoot(phone_page, "section-phone")
    phone_page.get_by_label("Năm").select_option("2026")
    phone_page.locator("main").get_by_role("button", name="Tìm kiếm").click()
    expect(phone_page.get_by_text("Tìm thấy 1 mục")).to_be_visible()
    phone_page.get_by_role(
        "link", name="Thông báo tuyển dụng viên chức Trung tâm Bảo trợ xã hội tổng hợp năm 2026"
    ).click()
    expect(phone_page.get_by_text("Hạn nộp hồ sơ")).to_be_visible()
    assert serious_accessibility_problems(phone_page) == []
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
    shoot(phone_page, "detail-phone")
    phone_page.goto("/cong-khai/")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
    shoot(phone_page, "index-phone")


@pytest.fixture
def demo_site():
    fixtures = Path(settings.BASE_DIR) / "fixtures"
    call_command("loaddata", str(fixtures / "10_site.json"), str(fixtures / "15_site_more.json"), verbosity=0)


def test_the_menu_entry_and_the_spokesperson_on_the_about_page(
    page, phone_page, demo_site, serious_accessibility_problems
):
    page.goto("/gioi-thieu/")
    menu = page.get_by_role("navigation", name="Menu chính")
    expect(menu.get_by_role("link", name="Công khai", exact=True)).to_be_visible()
    page.locator("main").get_by_role("link", name="Người phát ngôn").click()
    section = page.locator("#nguoi-phat-ngon")
    expect(section.get_by_role("heading", name="Người phát ngôn")).to_be_visible()
    expect(section.get_by_role("link", name="0210 3812 402")).to_have_attribute("href", "tel:02103812402")
    assert serious_accessibility_problems(page) == []
    shoot(page, "about-desktop")
    phone_page.goto("/gioi-thieu/#nguoi-phat-ngon")
    expect(phone_page.locator("#nguoi-phat-ngon").get_by_text("Nguyễn Đức Hải")).to_be_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
    phone_page.locator("#nguoi-phat-ngon").screenshot(path="/tmp/disclosures-about-phone.png")


def test_the_office_drafts_an_item_in_the_admin(page, make_staff, browser_login):
    browser_login(page, make_staff(roles.OFFICE, "van-phong"))
    page.goto(reverse("admin:disclosures_disclosure_add"))
    page.get_by_label("Chuyên mục").select_option(label="Tuyển dụng")
    page.get_by_label("Loại").select_option(label="Thông báo tuyển dụng")
    page.get_by_label("Năm").fill("2026")
    page.get_by_role("textbox", name="Tiêu đề:").fill("Thông báo tuyển dụng viên chức năm 2026")
    expect(page.get_by_label("Đã đăng", exact=True)).to_have_count(0)
    shoot(page, "admin-add-desktop")
    page.get_by_role("button", name="Lưu lại", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("Thông báo tuyển dụng viên chức năm 2026")
    assert not Disclosure.objects.get().is_published
