"""Printing an article in a real browser: paper gets the article as a document, in the site's font."""

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from dolisa_site.tests.factories import make_menu, make_profile
from news.models import Comment, CommentStatus

from .factories import make_article, uploaded_image

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LONG_BODY = "".join(
    f"<p>Đoạn {number}: người lao động đến phiên giao dịch được tư vấn miễn phí về việc làm, học nghề và "
    "bảo hiểm thất nghiệp; địa chỉ https://dichvuvieclam.example.gov.vn/phien-giao-dich-viec-lam-dac-biet.</p>"
    for number in range(1, 13)
)

# The printable width of A4 (210 mm less the two 15 mm margins of print.css), in CSS pixels.
PRINTABLE_WIDTH = round((210 - 2 * 15) / 25.4 * 96)


@pytest.fixture
def article():
    cache.clear()
    make_menu()
    make_profile()
    article = make_article(
        title="Phiên giao dịch việc làm đặc biệt tại huyện Hải Thịnh",
        body=LONG_BODY,
        author="Thu Hà",
        comments_open=True,
        cover_image=uploaded_image("bia.jpg", size=(2400, 1200)),
        cover_alt="Người lao động tại phiên giao dịch",
        cover_caption="Người lao động tìm việc tại phiên giao dịch",
    )
    Comment.objects.create(
        article=article, name="Nguyễn Văn An", body="Cảm ơn thông tin.", status=CommentStatus.PUBLISHED
    )
    return article


def test_a_printed_article_has_no_comments_and_is_in_the_site_font(page, article):
    page.goto(article.get_absolute_url())
    expect(page.locator(".comment")).to_be_visible()
    page.emulate_media(media="print")
    for hidden in (".comments", ".comment", ".comment-form", ".article__tools", ".main-nav", ".page__sidebar"):
        expect(page.locator(hidden).first).to_be_hidden()
    expect(page.locator(".article__body")).to_be_visible()
    expect(page.locator(".article__address")).to_contain_text(article.get_absolute_url())
    font = page.locator(".article__body p").first.evaluate("element => getComputedStyle(element).fontFamily")
    assert "Be Vietnam Pro" in font
    page.set_viewport_size({"width": PRINTABLE_WIDTH, "height": 1000})
    assert page.evaluate("document.documentElement.scrollWidth") <= PRINTABLE_WIDTH  # no text cut at the sides
    page.screenshot(path="/tmp/print-article.png", full_page=True)
    assert 1 <= len(re.findall(rb"/Type\s*/Page\b", page.pdf(format="A4"))) <= 3


def test_the_print_view_is_a_clean_document_on_screen_and_paper(
    page, phone_page, article, serious_accessibility_problems
):
    for tab, width in ((page, 1280), (phone_page, 375)):
        tab.goto(article.get_print_url())
        expect(tab.get_by_role("button", name="In bài viết")).to_be_visible()
        expect(tab.get_by_role("link", name=re.compile("Quay lại bài viết"))).to_have_attribute(
            "href", article.get_absolute_url()
        )
        expect(tab.locator(".comment-form")).to_have_count(0)
        font = tab.locator(".print-view__body p").first.evaluate("element => getComputedStyle(element).fontFamily")
        assert "Be Vietnam Pro" in font
        assert tab.evaluate("document.documentElement.scrollWidth") <= width
        assert serious_accessibility_problems(tab) == []
        tab.screenshot(path=f"/tmp/print-view-{width}.png", full_page=True)

    page.set_viewport_size({"width": PRINTABLE_WIDTH, "height": 1000})
    page.emulate_media(media="print")
    expect(page.locator(".print-view__tools")).to_be_hidden()
    expect(page.locator(".print-view__body")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PRINTABLE_WIDTH  # no text cut at the sides
    page.screenshot(path="/tmp/print-view-paper.png", full_page=True)
    pdf = page.pdf(path="/tmp/print-view.pdf", format="A4")
    assert 1 <= len(re.findall(rb"/Type\s*/Page\b", pdf)) <= 3
