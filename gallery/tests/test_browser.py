"""The album page's lightbox in a real browser: mouse, keyboard, focus; the home strip; phone layout."""

import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

from gallery.models import Album

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


@pytest.fixture
def albums():
    call_command("loaddata", str(FIXTURES / "80_gallery.json"), verbosity=0)
    shutil.copytree(FIXTURES / "media" / "gallery", Path(settings.MEDIA_ROOT) / "gallery", dirs_exist_ok=True)
    return Album.objects.get(slug="phien-giao-dich-viec-lam-luu-dong-2025-bac-son")


def expect_loaded(picture):
    """The picture has arrived and decoded (a broken one is complete too, but has no width)."""
    expect(picture).to_have_js_property("complete", True)
    expect(picture).not_to_have_js_property("naturalWidth", 0)


def test_lightbox_by_keyboard(page, albums, screenshot):
    page.goto(albums.get_absolute_url())
    expect_loaded(page.locator(".album-grid img").first)
    screenshot(page, "more-gallery-album-desktop")
    second = page.locator(".album-grid__link").nth(1)
    second.focus()
    page.keyboard.press("Enter")
    dialog = page.locator("dialog.lightbox")
    expect(dialog).to_be_visible()
    counter = page.locator(".lightbox__counter")
    expect(counter).to_have_text("Ảnh 2/5")
    picture = page.locator(".lightbox__image")
    expect(picture).to_have_attribute("alt", re.compile(r"^Người lao động tìm hiểu"))
    expect_loaded(picture)
    screenshot(page, "more-gallery-lightbox-desktop")
    page.keyboard.press("ArrowRight")
    expect(counter).to_have_text("Ảnh 3/5")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    expect(counter).to_have_text("Ảnh 5/5")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(second, "focus returns to the thumbnail that opened it").to_be_focused()


def test_lightbox_by_mouse_closes_with_its_button(page, albums):
    page.goto(albums.get_absolute_url())
    page.locator(".album-grid__link").first.click()
    page.get_by_role("button", name="Ảnh sau").click()
    expect(page.locator(".lightbox__counter")).to_have_text("Ảnh 2/5")
    page.get_by_role("button", name="Đóng").click()
    expect(page.locator("dialog.lightbox")).to_be_hidden()
    expect(page.locator(".album-grid__link").first).to_be_focused()


def test_album_and_home_strip_on_a_phone(phone_page, albums, screenshot):
    phone_page.goto(albums.get_absolute_url())
    screenshot(phone_page, "more-gallery-album-phone")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
    phone_page.goto("/")
    strip = phone_page.locator(".photo-strip")
    album_link = strip.get_by_role("link", name="Phiên giao dịch việc làm lưu động năm 2025 tại huyện Bắc Sơn")
    expect(album_link).to_be_visible()
    screenshot(phone_page, "more-gallery-home-phone")
