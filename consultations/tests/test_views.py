"""The public pages: the list, a draft's page and its comment form, the home block, the feed and the sitemap."""

import logging
import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from consultations.models import Attachment, Comment, CommentStatus, Draft
from consultations.views import COMMENTING

from .factories import MOMENT, make_comment, make_draft, pdf_upload

pytestmark = pytest.mark.django_db

CLOSED_TEXT = "Đã hết thời hạn góp ý."


@pytest.fixture
def drafts():
    open_draft = make_draft()
    closed = make_draft(
        title="Dự thảo Kế hoạch thực hiện chính sách bảo hiểm thất nghiệp năm 2025",
        drafting_unit="Phòng Lao động - Việc làm",
        opened_days_ago=60,
        closes_in_days=-30,
        comments_summary="Đã nhận 12 ý kiến; tiếp thu 9 ý kiến về mức hỗ trợ.",
    )
    return open_draft, closed


def comment_data(**data):
    defaults = {
        "name": "Lê Văn Cường",
        "organisation": "Hợp tác xã Nông nghiệp Tân Phú",
        "email": "cuong@example.vn",
        "phone": "",
        "body": "Đề nghị bổ sung hỗ trợ tiền đi lại cho học viên ở xa.",
        "website": "",
    }
    return {**defaults, **data}


# --- The list -------------------------------------------------------------------------


def test_the_list_shows_open_and_closed_published_drafts(client, drafts):
    make_draft(title="Bản nháp chưa xuất bản", is_published=False)
    make_draft(title="Dự thảo sắp mở", opened_days_ago=-2)
    page = client.get("/lay-y-kien-du-thao/").content.decode()
    assert "Tìm thấy 2 dự thảo" in page
    assert "hỗ trợ đào tạo nghề" in page and "bảo hiểm thất nghiệp" in page
    assert "chưa xuất bản" not in page and "sắp mở" not in page
    assert "Đang lấy ý kiến" in page and "Đã hết hạn" in page


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ({"trang-thai": "dang-lay-y-kien"}, "đào tạo nghề", "thất nghiệp"),
        ({"trang-thai": "da-het-han"}, "thất nghiệp", "đào tạo nghề"),
        ({"q": "BAO HIEM that nghiep"}, "thất nghiệp", "đào tạo nghề"),
    ],
)
def test_the_list_filters(client, drafts, query, shown, hidden):
    page = client.get("/lay-y-kien-du-thao/", query).content.decode()
    assert "Tìm thấy 1 dự thảo" in page
    assert shown in page and hidden not in page


def test_the_list_filters_by_the_year_opened(client):
    make_draft(title="Dự thảo năm trước", open_from=timezone.now() - timedelta(days=400), closes_in_days=-380)
    make_draft()
    last_year = str(timezone.localtime(timezone.now() - timedelta(days=400)).year)
    page = client.get("/lay-y-kien-du-thao/", {"nam": last_year}).content.decode()
    assert "Dự thảo năm trước" in page and "Tìm thấy 1 dự thảo" in page


@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=-1",
        "page=99999999999999999999",
        "nam=99999999999",
        "nam=abc",
        "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "trang-thai=x",
        "trang-thai=dang-lay-y-kien&trang-thai=da-het-han",
        "q=" + "a%20" * 300,
        "q=%00",
    ],
)
def test_hostile_queries_on_the_list_never_fail(client, drafts, query):
    response = client.get(f"/lay-y-kien-du-thao/?{query}")
    assert response.status_code in (200, 400)
    assert "<script>alert(1)" not in response.content.decode()


def test_an_unreadable_filter_is_left_out(client, drafts):
    page = client.get("/lay-y-kien-du-thao/?trang-thai=x&nam=99999999999").content.decode()
    assert "Tìm thấy 2 dự thảo" in page


def test_the_list_pages(client):
    for number in range(21):
        make_draft(title=f"Dự thảo số {number}")
    assert "Tìm thấy 21 dự thảo" in client.get("/lay-y-kien-du-thao/").content.decode()
    second = client.get("/lay-y-kien-du-thao/?page=2").content.decode()
    assert "Dự thảo số 0<" in second and "Dự thảo số 20<" not in second


# --- A draft's page -------------------------------------------------------------------


def test_an_open_drafts_page_shows_its_files_count_and_form(client, drafts):
    draft = drafts[0]
    Attachment.objects.create(draft=draft, file=pdf_upload("Dự thảo Quyết định.pdf"))
    make_comment(
        draft, name="Phạm Thị Dung", organisation="Hội Nông dân xã", email="dung.rieng@example.vn", phone="0987654321"
    )
    make_comment(draft, name="Người chờ duyệt", status=CommentStatus.PENDING)
    make_comment(draft, name="Người bị ẩn", status=CommentStatus.HIDDEN)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Phòng Giáo dục nghề nghiệp" in page
    assert "Dự thảo Quyết định.pdf" in page and "PDF" in page
    assert "<dt>Số ý kiến đã nhận</dt><dd>2</dd>" in page
    assert 'Phạm Thị Dung</strong> <span class="sep" aria-hidden="true">·</span> Hội Nông dân xã' in page
    assert "Người chờ duyệt" not in page and "Người bị ẩn" not in page
    assert "dung.rieng@example.vn" not in page and "0987654321" not in page
    assert 'action="/lay-y-kien-du-thao/' in page and "Gửi ý kiến" in page
    assert CLOSED_TEXT not in page
    phone = re.search(r'<input[^>]*name="phone"[^>]*>', page).group(0)
    assert phone.count("type=") == 1 and 'type="tel"' in phone and 'autocomplete="tel"' in phone


def test_a_closed_drafts_page_shows_the_summary_instead_of_the_form(client, drafts):
    page = client.get(drafts[1].get_absolute_url()).content.decode()
    assert CLOSED_TEXT in page
    assert "Tổng hợp ý kiến và việc tiếp thu" in page and "tiếp thu 9 ý kiến" in page
    assert "comment-form" not in page


def test_the_summary_is_not_shown_while_the_draft_is_open(client, drafts):
    draft = drafts[0]
    draft.comments_summary = "Bản tổng hợp sớm"
    draft.save()
    assert "Bản tổng hợp sớm" not in client.get(draft.get_absolute_url()).content.decode()


def test_unpublished_and_future_drafts_are_not_found(client):
    for draft in (make_draft(is_published=False), make_draft(title="Sắp mở", opened_days_ago=-1)):
        assert client.get(draft.get_absolute_url()).status_code == 404
        assert client.post(reverse("consultations:post_comment", args=[draft.slug]), comment_data()).status_code == 404


def test_the_page_closes_at_the_deadline_though_it_was_kept(client):
    """No save happens at the deadline: the kept page must follow the clock."""
    with time_machine.travel(MOMENT, tick=False) as clock:
        draft = make_draft(closes_in_days=0, opened_days_ago=1, open_until=MOMENT + timedelta(seconds=30))
        for _ in range(2):  # built, then served from the page cache
            assert CLOSED_TEXT not in client.get(draft.get_absolute_url()).content.decode()
        clock.shift(29)
        assert CLOSED_TEXT not in client.get(draft.get_absolute_url()).content.decode()
        clock.shift(2)
        assert CLOSED_TEXT in client.get(draft.get_absolute_url()).content.decode()


def test_the_page_appears_at_open_from_though_the_404_was_asked_before(client):
    with time_machine.travel(MOMENT, tick=False) as clock:
        draft = make_draft(opened_days_ago=0, open_from=MOMENT + timedelta(seconds=30))
        make_draft(title="Dự thảo đang mở")
        assert "Dự thảo đang mở" in client.get("/lay-y-kien-du-thao/").content.decode()
        assert "hỗ trợ đào tạo nghề" not in client.get("/lay-y-kien-du-thao/").content.decode()
        clock.shift(31)
        assert "hỗ trợ đào tạo nghề" in client.get("/lay-y-kien-du-thao/").content.decode()
        assert client.get(draft.get_absolute_url()).status_code == 200


# --- The comment form -----------------------------------------------------------------


def post(client, draft, **data):
    return client.post(reverse("consultations:post_comment", args=[draft.slug]), comment_data(**data))


def test_a_comment_is_held_for_moderation_with_thanks(client, drafts):
    draft = drafts[0]
    response = post(client, draft)
    assert response.status_code == 302 and response["Location"] == draft.get_absolute_url() + "#thong-bao"
    comment = Comment.objects.get()
    assert (comment.draft, comment.status, comment.organisation) == (
        draft,
        CommentStatus.PENDING,
        "Hợp tác xã Nông nghiệp Tân Phú",
    )
    page = client.get(response["Location"]).content.decode()
    assert "Cảm ơn bạn đã góp ý" in page
    assert "Đề nghị bổ sung hỗ trợ tiền đi lại" not in page  # not before a reviewer publishes it


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"body": ""}, "Hãy viết ý kiến của bạn."),
        ({"body": "x" * 10_000}, "Ý kiến quá dài: tối đa 5000 ký tự (hiện có 10000)."),
        ({"email": "", "phone": ""}, "Hãy cho biết địa chỉ email hoặc số điện thoại"),
        ({"email": "khong-phai-email"}, "Nhập địa chỉ email hợp lệ"),
        ({"name": ""}, "Hãy nhập họ tên."),
    ],
)
def test_an_invalid_comment_is_a_400_with_the_errors(client, drafts, data, error):
    response = post(client, drafts[0], **data)
    assert response.status_code == 400
    page = response.content.decode()
    assert error in page and "Ý kiến chưa được gửi" in page
    assert not Comment.objects.exists()


def test_a_comment_after_the_deadline_is_refused_and_not_saved(client, drafts, caplog):
    draft = drafts[0]
    with time_machine.travel(draft.open_until, tick=False), caplog.at_level(logging.INFO, "consultations.views"):
        response = post(client, draft)
    assert response.status_code == 403
    page = response.content.decode()
    assert "Đã hết thời hạn góp ý cho dự thảo này nên ý kiến của bạn chưa được tiếp nhận" in page
    assert CLOSED_TEXT in page and "comment-form" not in page
    assert not Comment.objects.exists()
    assert "Comment refused: draft" in caplog.text


def test_the_honeypot_pretends_success_and_stores_nothing(client, drafts, caplog):
    with caplog.at_level(logging.WARNING, "consultations.views"):
        response = post(client, drafts[0], website="http://spam.example")
    assert response.status_code == 302
    assert not Comment.objects.exists()
    assert "honeypot" in caplog.text


def test_too_many_comments_are_throttled(client, drafts):
    for _ in range(COMMENTING.limit):
        assert post(client, drafts[0]).status_code == 302
    response = post(client, drafts[0])
    assert response.status_code == 429
    assert "Vui lòng chờ một giờ" in response.content.decode()
    assert Comment.objects.count() == COMMENTING.limit


def test_the_comment_page_refuses_a_get(client, drafts):
    assert client.get(reverse("consultations:post_comment", args=[drafts[0].slug])).status_code == 405


# --- Home block, feed, sitemap --------------------------------------------------------


def test_the_home_page_lists_drafts_open_now_only_while_any_is(client, drafts):
    page = client.get("/").content.decode()
    assert "Dự thảo đang lấy ý kiến" in page and "hỗ trợ đào tạo nghề" in page
    assert "bảo hiểm thất nghiệp năm 2025" not in page
    drafts[0].delete()
    assert "Dự thảo đang lấy ý kiến" not in client.get("/").content.decode()


def test_the_home_block_leaves_at_the_deadline(client):
    with time_machine.travel(MOMENT, tick=False) as clock:
        make_draft(open_until=MOMENT + timedelta(seconds=30))
        for _ in range(2):
            assert "Dự thảo đang lấy ý kiến" in client.get("/").content.decode()
        clock.shift(31)
        assert "Dự thảo đang lấy ý kiến" not in client.get("/").content.decode()


def test_the_feed_lists_published_drafts(client, drafts):
    make_draft(title="Bản nháp chưa xuất bản", is_published=False)
    response = client.get("/lay-y-kien-du-thao/rss/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/rss+xml")
    feed = response.content.decode()
    assert feed.count("<item>") == 2 and "chưa xuất bản" not in feed
    assert drafts[0].get_absolute_url() in feed


def test_the_sitemap_has_the_list_and_the_published_drafts(client, drafts):
    hidden = make_draft(title="Bản nháp chưa xuất bản", is_published=False)
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-consultations.xml" in index and "sitemap-consultations-index.xml" in index
    section = client.get("/sitemap-consultations.xml").content.decode()
    assert all(draft.get_absolute_url() in section for draft in drafts)
    assert hidden.get_absolute_url() not in section
    assert "/lay-y-kien-du-thao/" in client.get("/sitemap-consultations-index.xml").content.decode()


def test_a_published_comment_shows_escaped(client, drafts):
    make_comment(drafts[0], body='<script>alert(1)</script> =HYPERLINK("http://x")')
    page = client.get(drafts[0].get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page


def test_the_home_block_reads_the_next_moment_as_the_due_function_does():
    from consultations.views import _read_open

    make_draft(now=MOMENT, title="Mở", closes_in_days=5)
    make_draft(now=MOMENT, title="Sắp mở", opened_days_ago=-2)
    make_draft(now=MOMENT, title="Nháp", opened_days_ago=-1, is_published=False)
    for later in (timedelta(0), timedelta(days=3), timedelta(days=6), timedelta(days=30)):
        now = MOMENT + later
        moment, drafts = _read_open(now)
        assert moment == Draft.objects.due_changes_after(now), later
        assert [draft.title for draft in drafts] == [
            draft.title for draft in Draft.objects.open(now).order_by("open_until")
        ], later


def test_the_home_block_costs_one_query_from_cold(django_assert_num_queries):
    from consultations.views import open_block

    make_draft()
    with django_assert_num_queries(1):
        assert open_block(None)["drafts"]
    with django_assert_num_queries(0):
        assert open_block(None)["drafts"]
