"""The reviewer's admin home in a real browser, desktop and phone: what waits is the first thing
on the page, each row one line with its count, and following a row lands on its filtered list.
Screenshots go to /tmp/worklist-*.png for a person to look at."""

import pytest
from playwright.sync_api import expect

from dolisa_site.comments import CommentStatus
from news.models import ArticleStatus, Comment
from news.tests.factories import make_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def waiting_work(editor):
    for title in ("Hội nghị tổng kết công tác giảm nghèo", "Tuyển sinh học nghề miễn phí"):
        make_article(title=title, status=ArticleStatus.SUBMITTED, created_by=editor)
    published = make_article(title="Đã đăng")
    for _ in range(3):
        Comment.objects.create(article=published, name="Bạn đọc", body="Xin hỏi thêm.", status=CommentStatus.PENDING)


@pytest.mark.parametrize("tab_name", ["page", "phone_page"])
def test_the_reviewers_home_lists_what_waits_and_leads_to_it(request, tab_name, reviewer, waiting_work, browser_login):
    tab = request.getfixturevalue(tab_name)
    browser_login(tab, reviewer)
    tab.goto("/admin/")
    worklist = tab.locator("#worklist")
    expect(worklist.get_by_role("link", name="Bài viết chờ duyệt: 2 →")).to_be_visible()
    expect(worklist.get_by_role("link", name="Ý kiến bạn đọc chờ duyệt: 3 →")).to_be_visible()
    assert tab.evaluate("document.documentElement.scrollWidth") <= tab.viewport_size["width"]
    width = "375" if tab_name == "phone_page" else "1280"
    tab.screenshot(path=f"/tmp/worklist-{width}.png", full_page=True)

    worklist.get_by_role("link", name="Bài viết chờ duyệt: 2 →").click()
    expect(tab.locator("#result_list tbody tr")).to_have_count(2)
    expect(tab.locator("#result_list")).to_contain_text("Tuyển sinh học nghề miễn phí")
