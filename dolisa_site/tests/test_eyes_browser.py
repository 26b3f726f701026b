"""Older eyes on a phone: every text size and the high-contrast colours keep each page type within the screen."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from consultations.tests.factories import make_draft
from disclosures.tests.factories import make_item as make_disclosure
from documents.tests.factories import make_document
from dolisa_site.models import WebLink, WebLinkGroup
from news.tests.factories import make_article, make_category
from polls.tests.factories import make_poll
from procedures.tests.factories import make_procedure
from schedule.tests.factories import make_week

from .factories import make_menu, make_profile

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE_WIDTH = 375
ANY = re.compile(".*")
# Presses that go through every size step: (the button's name, the step it leads to, the button then shown active).
SIZE_PRESSES = [
    ("Cỡ chữ mặc định", None, "A"),
    ("Giảm cỡ chữ", "-1", "A−"),
    ("Cỡ chữ mặc định", None, "A"),
    ("Tăng cỡ chữ", "1", "A+"),
    ("Tăng cỡ chữ", "2", "A+"),
    ("Tăng cỡ chữ", "3", "A+"),
]
LONG_TITLE = "Hướng dẫn thực hiện chính sách hỗ trợ người lao động bị ảnh hưởng bởi đại dịch và suy giảm đơn hàng"


@pytest.fixture
def pages():
    make_menu()
    make_profile()
    category = make_category(name="Chính sách lao động, việc làm và bảo hiểm thất nghiệp")
    article = make_article(category=category, title=LONG_TITLE)
    make_document(title=LONG_TITLE)
    make_procedure(name=LONG_TITLE)
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    make_week(monday, items=[(monday, "08:00", LONG_TITLE)])
    make_disclosure(title=LONG_TITLE)
    make_draft(title=LONG_TITLE)
    make_poll(choices=(LONG_TITLE, "Hài lòng"))
    # A <select> is as wide as its longest option unless the layout lets it shrink.
    group = WebLinkGroup.objects.create(name="Bộ, ngành Trung ương", order=1)
    WebLink.objects.create(group=group, title=LONG_TITLE, url="https://molisa.gov.vn")
    return [
        "/",
        article.get_absolute_url(),
        category.get_absolute_url(),
        "/van-ban/",
        "/thu-tuc-hanh-chinh/",
        "/lich-cong-tac/",
        "/cong-khai/",
        "/lay-y-kien-du-thao/",
    ]


def assert_within_the_screen(tab, what):
    width = tab.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, f"{what} is {width} px wide on a {PHONE_WIDTH} px phone"


# axe-core counts this rule experimental and leaves it off by default; the fixture has loaded axe into the page.
NAME_MISMATCH = """() => axe.run(".reading-prefs", {runOnly: ["label-content-name-mismatch"],
  rules: {"label-content-name-mismatch": {enabled: true}}}).then(r => r.violations.map(v => v.id))"""


def press_each_size(tab, path, contrast):
    root = tab.locator("html")
    for name, step, active in SIZE_PRESSES:
        tab.get_by_role("button", name=name).click()
        if step is None:
            expect(root).not_to_have_attribute("data-font-step", ANY)
        else:
            expect(root).to_have_attribute("data-font-step", step)
        pressed = tab.locator("button[data-font-step][aria-pressed='true']")
        expect(pressed).to_have_count(1)
        expect(pressed).to_have_text(re.compile("^" + re.escape(active) + r"\s"))
        assert_within_the_screen(tab, f"{path} at size step {step or 0} ({contrast})")


def test_every_page_type_fits_a_phone_at_every_text_size_and_in_high_contrast(phone_page, pages, screenshot):
    contrast_button = phone_page.get_by_role("button", name="Tương phản cao")
    root = phone_page.locator("html")
    for path in pages:
        phone_page.goto(path)
        expect(contrast_button).to_have_attribute("aria-pressed", "false")
        press_each_size(phone_page, path, "normal colours")
        contrast_button.click()
        expect(root).to_have_attribute("data-contrast", "high")
        expect(contrast_button).to_have_attribute("aria-pressed", "true")
        press_each_size(phone_page, path, "high contrast")
        contrast_button.click()
        expect(root).not_to_have_attribute("data-contrast", ANY)
    phone_page.goto("/")
    phone_page.get_by_role("button", name="Cỡ chữ mặc định").click()
    phone_page.get_by_role("button", name="Tăng cỡ chữ").click()
    expect(root).to_have_attribute("data-font-step", "1")
    phone_page.screenshot(path="/tmp/eyes-home-phone-a-plus.png", full_page=True)


def test_high_contrast_is_remembered_and_accessible(page, serious_accessibility_problems):
    make_menu()
    make_profile()
    make_article()
    page.goto("/")
    root = page.locator("html")
    assert serious_accessibility_problems(page) == []
    assert page.evaluate(NAME_MISMATCH) == []
    contrast_button = page.get_by_role("button", name="Tương phản cao")
    contrast_button.click()
    expect(root).to_have_attribute("data-contrast", "high")
    page.reload()
    expect(root, "the contrast choice was not remembered").to_have_attribute("data-contrast", "high")
    expect(contrast_button).to_have_attribute("aria-pressed", "true")
    expect(page.locator("body")).to_have_css("background-color", "rgb(255, 255, 255)")
    expect(page.locator("body")).to_have_css("color", "rgb(0, 0, 0)")
    expect(page.locator(".widget__body a").first).to_have_css("text-decoration-line", "underline")
    assert serious_accessibility_problems(page) == []
    assert page.evaluate(NAME_MISMATCH) == []
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_css("outline-style", "solid")
    page.screenshot(path="/tmp/eyes-home-desktop-high-contrast.png", full_page=True)
    contrast_button.click()
    page.reload()
    expect(root).not_to_have_attribute("data-contrast", ANY)
