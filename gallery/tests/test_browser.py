"""The album page's lightbox in a real browser: mouse, keyboard, focus; the home strip; phone layout."""

import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from gallery.models import Album

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


@pytest.fixture
def albums():
    call_command("loaddata", str(FIXTURES / "80_gallery.json"), verbosity=0)
    shutil.copytree(FIXTURES / "media" / "gallery", Path(settings.MEDIA_ROOT) / "gallery", dirs_exist_ok=True)
    return Album.objects.get(slug="phien-giao-dich-viec-lam-luu-dong-2025-bac-son")


def test_lightbox_by_keyboard(page, albums, screenshot):
    page.goto(albums.get_absolute_url())
    assert page.locator(".album-grid img").first.evaluate("img => img.complete && img.naturalWidth > 0")
    screenshot(page, "more-gallery-album-desktop")
    second = page.locator(".album-grid__link").nth(1)
    second.focus()
    page.keyboard.press("Enter")
    dialog = page.locator("dialog.lightbox")
    assert dialog.is_visible()
    assert page.locator(".lightbox__counter").inner_text() == "Ảnh 2/5"
    assert page.locator(".lightbox__image").get_attribute("alt").startswith("Người lao động tìm hiểu")
    page.wait_for_function("document.querySelector('.lightbox__image').naturalWidth > 0")
    screenshot(page, "more-gallery-lightbox-desktop")
    page.keyboard.press("ArrowRight")
    assert page.locator(".lightbox__counter").inner_text() == "Ảnh 3/5"
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert page.locator(".lightbox__counter").inner_text() == "Ảnh 5/5"
    page.keyboard.press("Escape")
    assert dialog.is_hidden()
    assert second.evaluate("el => el === document.activeElement"), "focus returns to the thumbnail that opened it"


def test_lightbox_by_mouse_closes_with_its_button(page, albums):
    page.goto(albums.get_absolute_url())
    page.locator(".album-grid__link").first.click()
    page.get_by_role("button", name="Ảnh sau").click()
    assert page.locator(".lightbox__counter").inner_text() == "Ảnh 2/5"
    page.get_by_role("button", name="Đóng").click()
    assert page.locator("dialog.lightbox").is_hidden()
    assert page.locator(".album-grid__link").first.evaluate("el => el === document.activeElement")


def test_album_and_home_strip_on_a_phone(phone_page, albums, screenshot):
    phone_page.goto(albums.get_absolute_url())
    screenshot(phone_page, "more-gallery-album-phone")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
    phone_page.goto("/")
    strip = phone_page.locator(".photo-strip")
    assert strip.get_by_role("link", name="Phiên giao dịch việc làm lưu động năm 2025 tại huyện Bắc Sơn").is_visible()
    screenshot(phone_page, "more-gallery-home-phone")
