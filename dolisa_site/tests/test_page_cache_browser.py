"""Forms on pages served from the page cache work in a real browser: the page holds no
token, the site's script fetches one when the form is sent, and the CSRF check still runs."""

from urllib.parse import urlsplit

import pytest
from django.test import Client
from playwright.sync_api import expect

from dolisa_site.tests.factories import make_menu, make_profile
from news.models import Comment
from news.tests.factories import make_article, make_category
from polls.models import Vote
from polls.tests.factories import make_poll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def site(live_server):
    make_profile()
    make_menu()
    article = make_article(make_category("Lao động - Việc làm", slug="lao-dong"), comments_open=True)
    poll = make_poll(question="Bạn đánh giá thế nào về trang thông tin?")
    return {"article": article, "poll": poll, "base": live_server.url}


def cached(tab, base, url):
    """Open the page as another visitor left it in the page cache."""
    Client().get(url, HTTP_HOST=urlsplit(base).netloc)
    response = tab.goto(url)
    assert response.headers.get("x-page-cache") == "hit"


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_a_comment_and_a_vote_sent_from_cached_pages(request, site, screenshot, size):
    tab = request.getfixturevalue("page" if size == "desktop" else "phone_page")
    article = site["article"]
    cached(tab, site["base"], article.get_absolute_url())
    form = tab.locator("form.comment-form")
    form.locator("[name=name]").fill("Trần Thị Bình")
    form.locator("[name=body]").fill("Xin hỏi hội chợ có tuyển lao động chưa qua đào tạo không?")
    form.get_by_role("button").click()
    expect(tab.get_by_role("status").filter(has_text="đang chờ duyệt")).to_be_visible()
    assert Comment.objects.filter(article=article, name="Trần Thị Bình").count() == 1
    screenshot(tab, f"page-cache-comment-sent-{size}")

    cached(tab, site["base"], "/")
    ballot = tab.locator(".widget--poll form")
    ballot.locator("input[name=phuong-an]").first.check()
    ballot.get_by_role("button").click()
    expect(tab.get_by_role("status").filter(has_text="phiếu bình chọn đã được ghi nhận")).to_be_visible()
    assert Vote.objects.filter(poll=site["poll"]).count() == 1
    screenshot(tab, f"page-cache-vote-sent-{size}")
