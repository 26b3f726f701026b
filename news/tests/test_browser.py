"""The newsroom in a real browser: the demo pages, and an article from CKEditor to the public site."""

import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

from news.models import Article, ArticleStatus

from .factories import image_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
FIXTURES = Path(settings.BASE_DIR) / "fixtures"


@pytest.fixture
def demo():
    for name in ("10_site.json", "20_news.json"):
        call_command("loaddata", str(FIXTURES / name), verbosity=0)
    for folder in ("site", "news"):
        shutil.copytree(FIXTURES / "media" / folder, Path(settings.MEDIA_ROOT) / folder, dirs_exist_ok=True)
    # As bin/demo does: the pictures' renditions are made before any page shows them.
    call_command("prepare_pictures", verbosity=0)


def shot(tab, screenshot, name):
    """Bring each picture into view first and wait for it: lazy pictures load only near the viewport."""
    for picture in tab.locator("img:visible").all():
        picture.scroll_into_view_if_needed()
        expect(picture).to_have_js_property("complete", True)
    tab.evaluate("() => window.scrollTo(0, 0)")
    screenshot(tab, name)


def no_sideways_scroll(tab):
    assert tab.evaluate("document.documentElement.scrollWidth") <= tab.viewport_size["width"]


def test_demo_news_pages_on_desktop_and_phone(page, phone_page, demo, screenshot):
    lead = Article.objects.published().filter(is_featured=True).order_by("-publish_at").first()
    errors, missing = [], []
    for tab in (page, phone_page):
        # A Content-Security-Policy refusal (e.g. of the JSON-LD block) shows as a console error.
        tab.on("console", lambda message: message.type == "error" and errors.append(message.text))
        tab.on("response", lambda response: response.status >= 400 and missing.append(response.url))
    for tab, size in ((page, "desktop"), (phone_page, "phone")):
        tab.goto("/")
        assert tab.locator(".lead-story__title").inner_text() == lead.title
        assert tab.locator(".home-section").count() == 5
        # A lead without a picture takes the section's whole width (it was squeezed into the picture's column).
        for text in tab.locator(".home-section .teaser--text .teaser__text").all():
            section = text.locator("xpath=ancestor::section[1]")
            assert text.bounding_box()["width"] > 0.8 * section.bounding_box()["width"] - 40
        assert tab.locator("img:not([loading=lazy])").count() <= 2  # the site logo and the lead story's picture
        no_sideways_scroll(tab)
        shot(tab, screenshot, f"news-home-{size}")
        tab.goto("/chuyen-muc/lao-dong-viec-lam/")
        expect(tab.locator(".teaser")).to_have_count(15)
        expect(tab.locator(".pagination")).to_be_visible()
        no_sideways_scroll(tab)
        shot(tab, screenshot, f"news-category-{size}")
        tab.goto(lead.get_absolute_url())
        assert "Số lượt xem" in tab.locator(".article__meta").inner_text()
        assert tab.locator(".article__body table").count() == 1
        no_sideways_scroll(tab)
        shot(tab, screenshot, f"news-article-{size}")
        tab.goto("/tim-kiem/?q=nguoi+co+cong")
        assert tab.locator(".teaser").count() > 0
        shot(tab, screenshot, f"news-search-{size}")
    page.goto(lead.get_print_url())
    screenshot(page, "news-print")
    assert [url for url in missing if not url.endswith("/favicon.ico")] == []
    assert [error for error in errors if not error.startswith("Failed to load resource")] == []


LAYOUT_SHIFT = """() => {
  const observer = new PerformanceObserver(() => {});
  observer.observe({type: "layout-shift", buffered: true});
  return observer.takeRecords().filter((entry) => !entry.hadRecentInput).reduce((sum, entry) => sum + entry.value, 0);
}"""


def test_pictures_are_webp_renditions_sized_for_the_screen(page, phone_page, demo, screenshot):
    """At 1280 and 375 pixels: WebP copies no larger than the screen needs, nothing shifts, the text size holds."""
    lead = Article.objects.published().filter(is_featured=True).order_by("-publish_at").first()
    for tab, size in ((page, "desktop"), (phone_page, "phone")):
        tab.goto("/")
        picture = tab.locator(".lead-story__img")
        expect(picture).to_have_js_property("complete", True)
        assert picture.get_attribute("fetchpriority") == "high" and picture.get_attribute("loading") != "lazy"
        assert picture.evaluate("image => image.currentSrc").endswith(".webp")
        # The lead is 460 CSS pixels wide on the desktop and the phone's width on the phone: not the 1200 px original.
        assert picture.evaluate("image => image.naturalWidth") <= 720
        assert tab.evaluate(LAYOUT_SHIFT) < 0.01
        shot(tab, screenshot, f"pictures-home-{size}")
        for image in tab.locator("main img:visible").all():
            assert image.evaluate("image => image.naturalWidth") > 0
            assert image.evaluate("image => image.currentSrc").endswith(".webp"), image.get_attribute("alt")
        tab.goto(lead.get_absolute_url())
        cover = tab.locator(".article__cover-img")
        expect(cover).to_have_js_property("complete", True)
        assert cover.evaluate("image => image.currentSrc").endswith(".webp")
        assert tab.evaluate(LAYOUT_SHIFT) < 0.01
        shot(tab, screenshot, f"pictures-article-{size}")
        # A remembered larger text size is there from the first paint: the page does not reflow when it loads.
        tab.evaluate("() => localStorage.setItem('dolisa.fontStep', '2')")
        tab.reload()
        expect(tab.locator("html")).to_have_attribute("data-font-step", "2")
        assert tab.evaluate(LAYOUT_SHIFT) < 0.01
        tab.evaluate("() => localStorage.removeItem('dolisa.fontStep')")


def test_editor_writes_with_ckeditor_and_reviewer_publishes(
    page, browser_login, editor, reviewer, demo, screenshot, tmp_path
):
    picture = tmp_path / "anh-hien-truong.png"
    picture.write_bytes(image_bytes("PNG", (900, 500), (200, 120, 40)))

    browser_login(page, editor)
    page.goto("/admin/news/article/add/")
    page.fill("#id_title", "Phiên giao dịch việc làm đặc biệt tại xã Hải Thịnh")
    page.select_option("#id_category", label="Lao động - Việc làm › Việc làm")
    page.fill("#id_summary", "Hơn 500 lao động được tư vấn và giới thiệu việc làm tại phiên giao dịch đặc biệt.")
    editable = page.locator(".ck-editor__editable").first
    editable.click()
    page.keyboard.type("Sáng nay, Trung tâm Dịch vụ việc làm tổ chức phiên giao dịch đặc biệt.")
    page.keyboard.press("Enter")
    # A 2 × 2 table from the toolbar's grid.
    page.locator(".ck-toolbar button[data-cke-tooltip-text='Tạo bảng']").click()
    page.locator(".ck-insert-table-dropdown-grid-box").nth(11).click()
    page.keyboard.type("Huyện")
    page.keyboard.press("Tab")
    page.keyboard.type("Số lao động")
    # An uploaded picture, through the editor's own upload button.
    page.locator(".ck-toolbar input[type=file]").set_input_files(str(picture))
    page.wait_for_selector(".ck-editor__editable img[src^='/media/news/body/']", timeout=15_000)
    page.fill("#id_tags", "việc làm, Hải Thịnh")
    screenshot(page, "news-admin-ckeditor")
    page.click("button[name=_transition][value=submit]")
    page.wait_for_selector(".messagelist .success")
    article = Article.objects.get(title__startswith="Phiên giao dịch việc làm đặc biệt")
    assert article.status == ArticleStatus.SUBMITTED
    assert "<table>" in article.body and re.search(r'<img [^>]*src="/media/news/body/', article.body)
    assert 'loading="lazy"' in article.body and 'width="900"' in article.body

    page.context.clear_cookies()
    browser_login(page, reviewer)
    page.goto(f"/admin/news/article/{article.pk}/change/")
    screenshot(page, "news-admin-review")
    page.click("button[name=_transition][value=publish]")
    page.wait_for_selector(".messagelist .success")
    article.refresh_from_db()
    assert article.is_public()
    page.goto(f"/admin/news/article/{article.pk}/history/")
    assert "Đã xuất bản" in page.locator("#change-history").inner_text()
    page.get_by_role("link", name="Xem thay đổi").first.click()
    page.wait_for_selector(".news-diff")
    screenshot(page, "news-admin-diff")
    page.goto("/admin/news/article/")
    screenshot(page, "news-admin-list")

    page.context.clear_cookies()
    page.goto("/")
    expect(page.get_by_role("link", name=article.title).first).to_be_visible()
    page.goto("/chuyen-muc/lao-dong-viec-lam/")
    expect(page.locator(".teaser__title").first).to_have_text(article.title)
    assert article.title in page.request.get("/rss/").text()
    sections = re.findall(r"<loc>([^<]+)</loc>", page.request.get("/sitemap.xml").text())  # a sitemap index
    assert any(article.get_absolute_url() in page.request.get(section).text() for section in sections)
    page.goto("/tim-kiem/?q=phien+giao+dich+hai+thinh")
    expect(page.locator(".teaser__title").first).to_have_text(article.title)
    page.goto(article.get_absolute_url())
    assert page.locator(".article__body table td").count() >= 4
    body_picture = page.locator(".article__body img")
    body_picture.scroll_into_view_if_needed()
    expect(body_picture).to_have_js_property("complete", True)
    # Shown through its renditions (srcset), sized as the 900 px upload so nothing shifts while it loads.
    expect(body_picture).to_have_attribute("width", "900")
    expect(body_picture).to_have_attribute("srcset", re.compile(r"\d+w"))
    shot(page, screenshot, "news-published-article")
    page.goto(article.get_print_url())
    assert page.locator(".main-nav, #menu-chinh, .page__sidebar").count() == 0
    assert article.title in page.locator("h1").inner_text()
    screenshot(page, "news-published-print")
