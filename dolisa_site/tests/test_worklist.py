"""The admin index lists what waits for each member of staff, with counts and links to the filtered lists."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consultations.tests.factories import make_comment as make_draft_comment
from consultations.tests.factories import make_draft
from disclosures.tests.factories import make_item as make_disclosure
from dolisa_site import worklist
from dolisa_site.comments import CommentStatus
from news.models import ArticleStatus, Comment
from news.tests.factories import make_article
from questions.models import QuestionStatus, Topic
from questions.tests.test_views import make_question
from schedule.tests.factories import make_week

NO_PERMISSION = "Bạn không có quyền xem hoặc chỉnh sửa bất cứ gì"


def rows(html):
    """{label: (count, address)} of the index's "waiting for you" table."""
    table = re.search(r'<div class="module worklist" id="worklist">(.*?)</div>', html, re.S)
    if table is None:
        return {}
    found = re.findall(r'<a href="([^"]+)">([^<]+): (\d+) →</a>', table.group(1))
    return {label: (int(count), address.replace("&amp;", "&")) for address, label, count in found}


def index(client, user):
    client.force_login(user)
    return client.get(reverse("admin:index")).content.decode()


@pytest.fixture
def waiting_work(editor, make_staff):
    colleague = make_staff(username="bien-tap-vien-khac")
    for title in ("Chờ duyệt một", "Chờ duyệt hai"):
        make_article(title=title, status=ArticleStatus.SUBMITTED, created_by=editor)
    make_article(title="Bản nháp", status=ArticleStatus.DRAFT, created_by=editor)
    published = make_article(title="Đã đăng")
    sent_back = {"status": ArticleStatus.SENT_BACK}
    make_article(title="Bị trả lại", created_by=editor, sent_back_reason="Thiếu nguồn ảnh minh họa.", **sent_back)
    make_article(title="Của người khác", created_by=colleague, sent_back_reason="Sai tên", **sent_back)
    for status in (CommentStatus.PENDING, CommentStatus.PENDING, CommentStatus.PENDING, CommentStatus.PUBLISHED):
        Comment.objects.create(article=published, name="Bạn đọc", body="Xin hỏi thêm.", status=status)
    topic = Topic.objects.create(name="Việc làm")
    for status in (QuestionStatus.RECEIVED, QuestionStatus.IN_PROGRESS, QuestionStatus.ANSWERED):
        make_question(topic, status=status)
    draft = make_draft()
    make_draft(title="Dự thảo chưa đăng", is_published=False)
    make_draft_comment(draft, status=CommentStatus.PENDING)
    make_draft_comment(draft, status=CommentStatus.HIDDEN)
    make_week(date(2026, 11, 30), published=False)
    make_week(date(2026, 11, 23))
    make_disclosure(is_published=False, title="Công khai quyết toán chưa đăng")
    make_disclosure()


def result_count(client, address):
    response = client.get(address)
    assert response.status_code == 200 and "e=1" not in response.get("Location", "")
    return response.context["cl"].result_count, response.content.decode()


def test_a_reviewer_sees_what_waits_for_review_and_each_link_lists_exactly_it(client, reviewer, waiting_work):
    found = rows(index(client, reviewer))
    assert found["Bài viết chờ duyệt"][0] == 2
    assert found["Ý kiến bạn đọc chờ duyệt"][0] == 3
    assert found["Câu hỏi chưa trả lời"][0] == 2
    for count, address in found.values():
        assert result_count(client, address)[0] == count
    assert "Bài viết của bạn bị trả lại" not in found


def test_an_editor_sees_only_their_own_sent_back_articles_and_why(client, editor, waiting_work):
    found = rows(index(client, editor))
    assert list(found) == ["Bài viết của bạn bị trả lại"]
    count, address = found["Bài viết của bạn bị trả lại"]
    assert count == 1
    listed, html = result_count(client, address)
    assert listed == 1 and "Bị trả lại" in html and "Thiếu nguồn ảnh minh họa." in html
    assert "Của người khác" not in html


def test_a_leader_sees_their_dashboards_without_being_told_they_may_see_nothing(client, leader, db):
    html = index(client, leader)
    assert 'id="dashboards"' in html
    assert NO_PERMISSION not in html
    assert rows(html) == {}


def test_staff_with_nothing_at_all_are_still_told_so(client, make_staff):
    html = index(client, make_staff())
    assert NO_PERMISSION in html and rows(html) == {}


def test_a_superuser_sees_every_kind_that_has_work_waiting(client, superuser, waiting_work):
    found = rows(index(client, superuser))
    assert {label: count for label, (count, _address) in found.items()} == {
        "Bài viết chờ duyệt": 2,
        "Ý kiến bạn đọc chờ duyệt": 3,
        "Câu hỏi chưa trả lời": 2,
        "Góp ý dự thảo chờ duyệt": 1,
        "Dự thảo lấy ý kiến chưa đăng": 1,
        "Lịch công tác tuần chưa đăng": 1,
        "Mục công khai chưa đăng": 1,
    }
    for count, address in found.values():
        assert result_count(client, address)[0] == count


def test_nothing_waiting_shows_nothing_extra(client, reviewer):
    assert 'id="worklist"' not in index(client, reviewer)


@pytest.mark.parametrize("who", ["reviewer", "superuser", "editor"])
def test_the_index_costs_one_query_per_kind_the_user_may_act_on(client, who, request, waiting_work, monkeypatch):
    user = request.getfixturevalue(who)
    client.force_login(user)
    allowed = [item for item in worklist._registry.values() if user.has_perm(item.permission)]

    def queries_of_index():
        client.get(reverse("admin:index"))  # the session and permission caches filled alike
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("admin:index"))
        return len(queries)

    with_worklist = queries_of_index()
    monkeypatch.setattr(worklist, "_registry", {})
    assert with_worklist - queries_of_index() == len(allowed) > 0
