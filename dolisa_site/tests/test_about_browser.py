"""The about page, the English page and the web links in a real browser, with the demo content."""

import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


@pytest.fixture
def demo():
    call_command("loaddata", str(FIXTURES / "10_site.json"), str(FIXTURES / "15_site_more.json"), verbosity=0)
    shutil.copytree(FIXTURES / "media" / "site", Path(settings.MEDIA_ROOT) / "site", dirs_exist_ok=True)


def test_about_page_on_a_desktop(page, demo, screenshot):
    page.goto("/gioi-thieu/")
    expect(page.get_by_role("heading", name="Chức năng, nhiệm vụ")).to_be_visible()
    expect(page.get_by_role("heading", name="Trần Văn Minh")).to_be_visible()
    photo = page.locator(".leader__photo").first
    photo.scroll_into_view_if_needed()
    expect(photo).to_have_js_property("complete", True)
    expect(photo).not_to_have_js_property("naturalWidth", 0)
    chart = page.locator(".org-chart")
    page.get_by_role("link", name="Trung tâm Dịch vụ việc làm").first.click()
    expect(page).to_have_url(re.compile(r"#don-vi-7$"))
    expect(chart.locator("ul ul ul").get_by_text("Sàn giao dịch việc làm Khu công nghiệp Bắc Sơn")).to_be_visible()
    screenshot(page, "more-about-desktop")


def test_about_page_on_a_phone(phone_page, demo, screenshot):
    phone_page.goto("/gioi-thieu/")
    screenshot(phone_page, "more-about-phone")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375


def test_english_page(page, demo, screenshot):
    page.goto("/en/")
    content = page.locator("article[lang=en]")
    heading = content.get_by_role("heading", level=1)
    expect(heading).to_have_text(re.compile(r"^Department of Labour"), use_inner_text=True)
    expect(content.get_by_text("Address", exact=True)).to_be_visible()
    screenshot(page, "more-english-desktop")


def test_web_links_picker_without_javascript(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    tab = context.new_page()
    tab.goto("/lien-he/")
    tab.get_by_label("Đến trang thông tin điện tử của").select_option(label="Cổng Dịch vụ công quốc gia")
    tab.get_by_role("button", name="Đến").click()
    link = tab.get_by_role("link", name="Tiếp tục đến Cổng Dịch vụ công quốc gia")
    expect(link).to_have_attribute("href", "https://dichvucong.gov.vn")
    expect(link).to_have_attribute("rel", "noopener noreferrer")
    context.close()


def test_web_links_picker_with_javascript_opens_a_new_tab_without_opener(page, demo, screenshot):
    page.context.route("https://dichvucong.gov.vn/**", lambda route: route.fulfill(status=200, body="outside"))
    page.goto("/lien-he/")
    page.get_by_label("Đến trang thông tin điện tử của").select_option(label="Cổng Dịch vụ công quốc gia")
    screenshot(page, "more-web-links-sidebar-desktop")
    with page.context.expect_page() as opened:
        page.get_by_role("button", name="Đến").click()
    new_tab = opened.value
    new_tab.wait_for_load_state()
    expect(new_tab).to_have_url("https://dichvucong.gov.vn/")
    assert new_tab.evaluate("() => window.opener") is None
    expect(page).to_have_url(re.compile(r"/lien-he/$"))
