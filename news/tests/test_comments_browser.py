"""A reader comments on an article in a real browser; the comment appears once a reviewer publishes it."""

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from dolisa_site.tests.factories import make_menu, make_profile
from news.models import Comment, CommentStatus

from .factories import make_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_reader_comments_and_sees_it_after_moderation(page, phone_page, screenshot):
    cache.clear()
    make_menu()
    make_profile()
    article = make_article(title="Hội chợ việc làm tháng Ba", comments_open=True)
    page.goto(article.get_absolute_url())
    page.fill("#id_name", "Nguyễn Văn An")
    page.fill("#id_body", "Xin hỏi hội chợ có tuyển lao động phổ thông không?\nXem https://vi.wikipedia.org nhé.")
    page.click(".comment-form button[type=submit]")
    notice = page.locator("#thong-bao .notice--success")
    expect(notice).to_contain_text("Ý kiến của bạn đang chờ duyệt")
    expect(page.locator(".comment")).to_have_count(0)
    screenshot(page, "news-comments-sent-desktop")

    Comment.objects.update(status=CommentStatus.PUBLISHED)
    for tab, size in ((page, "desktop"), (phone_page, "phone")):
        tab.goto(article.get_absolute_url())
        comment = tab.locator(".comment")
        expect(comment).to_have_count(1)
        expect(comment).to_contain_text("Nguyễn Văn An")
        expect(comment).to_contain_text("https://vi.wikipedia.org")
        expect(comment.locator("a")).to_have_count(0)  # links stay plain text
        assert tab.locator(".form-trap").bounding_box()["x"] < 0  # the honeypot is off-screen
        assert tab.evaluate("document.documentElement.scrollWidth") <= tab.viewport_size["width"]
        screenshot(tab, f"news-comments-published-{size}")
