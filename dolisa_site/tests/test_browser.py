"""The shared layout in a real browser: desktop and phone, keyboard, text size, print."""

import re

import pytest
from playwright.sync_api import expect

from .factories import PROFILE, make_menu, make_profile

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def site():
    make_menu()
    return make_profile()


def test_home_page_on_a_desktop(page, site, screenshot):
    page.goto("/")
    assert page.locator(".brand__name").inner_text().upper() == PROFILE["name"].upper()
    assert page.locator(".menu > .menu__item").count() == 3
    expect(page.locator(".main-nav__toggle")).to_be_hidden()
    expect(page.locator(".page__sidebar .widget--contact")).to_be_visible()
    assert PROFILE["licence"] in page.locator(".site-footer").inner_text()
    screenshot(page, "home-desktop")


def test_home_page_on_a_phone_opens_the_menu_with_its_button(phone_page, site, screenshot):
    phone_page.goto("/")
    menu = phone_page.locator("#menu-chinh")
    expect(menu).to_be_hidden()
    screenshot(phone_page, "home-phone")
    phone_page.get_by_role("button", name="Menu", exact=True).click()
    expect(menu).to_be_visible()
    phone_page.get_by_role("button", name="Mở các mục con của Tin tức").click()
    expect(phone_page.get_by_role("link", name="Người có công", exact=True)).to_be_visible()
    screenshot(phone_page, "home-phone-menu-open")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, "the page scrolls sideways on a phone"


def test_menu_works_by_keyboard(page, site):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    toggle = page.get_by_role("button", name="Mở các mục con của Tin tức")
    submenu_link = page.get_by_role("link", name="Lao động", exact=True)
    for _ in range(30):
        page.keyboard.press("Tab")
        if toggle.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the sub-menu button was never reached with Tab")
    expect(submenu_link).to_be_hidden()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(submenu_link).to_be_visible()
    page.keyboard.press("Tab")
    expect(submenu_link).to_be_focused()
    page.keyboard.press("Escape")
    expect(submenu_link).to_be_hidden()
    expect(toggle).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/chuyen-muc/lao-dong/")


def test_focus_is_visible(page, site):
    page.goto("/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_css("outline-style", "solid")


def test_text_size_control_changes_and_remembers_the_size(page, site, screenshot):
    page.goto("/")
    root = page.locator("html")

    def root_size():
        return root.evaluate("html => parseFloat(getComputedStyle(html).fontSize)")

    normal = root_size()
    page.get_by_role("button", name="Tăng cỡ chữ").click()
    page.get_by_role("button", name="Tăng cỡ chữ").click()
    expect(root).to_have_attribute("data-font-step", "2")
    larger = root_size()
    assert larger > normal
    screenshot(page, "home-larger-text")
    page.goto("/lien-he/")
    expect(root, "the chosen size was not remembered").to_have_attribute("data-font-step", "2")
    assert root_size() == larger, "the chosen size was not remembered"
    page.get_by_role("button", name="Giảm cỡ chữ").click()
    expect(root).to_have_attribute("data-font-step", "1")
    assert normal < root_size() < larger
    page.get_by_role("button", name="Cỡ chữ mặc định").click()
    expect(root).not_to_have_attribute("data-font-step", re.compile(".*"))
    assert root_size() == normal


def test_print_stylesheet_hides_navigation(page, site):
    page.goto("/lien-he/")
    page.emulate_media(media="print")
    for selector in (".main-nav", ".topbar", ".page__sidebar", ".breadcrumbs", ".site-footer"):
        expect(page.locator(selector), selector).to_be_hidden()
    expect(page.locator("main h1")).to_be_visible()
    expect(page.locator(".brand__name")).to_be_visible()


def test_unknown_page_shows_the_vietnamese_404(page, site, screenshot):
    response = page.goto("/khong-co-trang-nay/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Không tìm thấy trang"
    screenshot(page, "error-404")


def test_contact_page(page, phone_page, site, screenshot):
    page.goto("/lien-he/")
    assert page.locator("h1").inner_text() == "Liên hệ"
    screenshot(page, "contact-desktop")
    phone_page.goto("/lien-he/")
    screenshot(phone_page, "contact-phone")


CONTRAST = """
(selector) => {
  const el = document.querySelector(selector);
  const parse = (c) => c.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => {
    const ch = [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
  };
  let node = el, bg = null;
  while (node) {
    const c = parse(getComputedStyle(node).backgroundColor);
    if (c.length < 4 || c[3] > 0) { bg = c; break; }
    node = node.parentElement;
  }
  bg = bg || [255, 255, 255];
  const fg = lum(parse(getComputedStyle(el).color)), back = lum(bg);
  return (Math.max(fg, back) + 0.05) / (Math.min(fg, back) + 0.05);
}
"""


@pytest.mark.parametrize(
    "selector",
    [
        "body",
        ".topbar__date",
        ".brand__name",
        ".brand__parent",
        ".menu__link",
        ".widget__title",
        ".widget__body a",
        ".site-footer p",
        ".site-footer a",
        ".breadcrumbs a",
        ".section-title",
    ],
)
def test_text_meets_wcag_aa_contrast(page, site, selector):
    page.goto("/lien-he/" if selector == ".breadcrumbs a" else "/")
    assert page.evaluate(CONTRAST, selector) >= 4.5
