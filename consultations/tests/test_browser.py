"""Drafts for comment in a real browser: the list, reading a draft, sending a comment, a closed draft, a phone."""

import re

import pytest
from playwright.sync_api import expect

from consultations.models import Attachment, Comment, CommentStatus

from .factories import make_comment, make_draft, pdf_upload

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def shot(tab, name):
    tab.screenshot(path=f"/tmp/consultations-{name}.png", full_page=True)


@pytest.fixture
def drafts():
    open_draft = make_draft(
        title="Dự thảo Quyết định ban hành quy định hỗ trợ đào tạo nghề cho lao động nông thôn trên địa bàn tỉnh"
    )
    Attachment.objects.create(draft=open_draft, file=pdf_upload("Dự thảo Quyết định.pdf"))
    make_comment(open_draft, name="Nguyễn Văn Hùng", organisation="Hợp tác xã Nông nghiệp Tân Lập")
    closed = make_draft(
        title="Dự thảo Kế hoạch thực hiện chính sách hỗ trợ tạo việc làm năm 2026",
        drafting_unit="Phòng Lao động - Việc làm",
        opened_days_ago=60,
        closes_in_days=-30,
        comments_summary="Đã nhận 14 ý kiến; tiếp thu 10 ý kiến, giải trình 4 ý kiến.",
    )
    return open_draft, closed


def test_read_a_draft_and_send_a_comment(page, drafts, serious_accessibility_problems):
    page.goto("/lay-y-kien-du-thao/")
    expect(page.get_by_text("Tìm thấy 2 dự thảo")).to_be_visible()
    assert serious_accessibility_problems(page) == []
    shot(page, "list-desktop")
    page.get_by_label("Trạng thái").select_option(label="Đang lấy ý kiến")
    page.locator("main").get_by_role("button", name="Tìm kiếm").click()
    expect(page.get_by_text("Tìm thấy 1 dự thảo")).to_be_visible()
    page.get_by_role("link", name=re.compile("hỗ trợ đào tạo nghề")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("hỗ trợ đào tạo nghề")
    expect(page.get_by_role("link", name="PDF Dự thảo Quyết định.pdf")).to_be_visible()
    expect(page.get_by_text("Nguyễn Văn Hùng")).to_be_visible()
    assert serious_accessibility_problems(page) == []
    shot(page, "detail-desktop")

    page.get_by_role("button", name="Gửi ý kiến").click()
    expect(page.get_by_text("Ý kiến chưa được gửi")).to_be_visible()
    page.get_by_label("Họ và tên").fill("Lê Văn Cường")
    page.get_by_label("Điện thoại").fill("0912 345 678")
    page.get_by_label("Nội dung góp ý").fill("Đề nghị bổ sung hỗ trợ tiền đi lại cho học viên ở xa.")
    page.get_by_role("button", name="Gửi ý kiến").click()
    expect(page.get_by_text("Cảm ơn bạn đã góp ý")).to_be_visible()
    shot(page, "sent-desktop")
    comment = Comment.objects.get(name="Lê Văn Cường")
    assert comment.status == CommentStatus.PENDING and comment.phone == "0912 345 678"


def test_a_closed_draft_shows_its_summary(page, drafts, serious_accessibility_problems):
    page.goto(drafts[1].get_absolute_url())
    expect(page.get_by_text("Đã hết thời hạn góp ý.")).to_be_visible()
    expect(page.get_by_role("heading", name="Tổng hợp ý kiến và việc tiếp thu, giải trình")).to_be_visible()
    expect(page.locator(".draft-comment-form")).to_have_count(0)
    assert serious_accessibility_problems(page) == []
    shot(page, "closed-desktop")


def test_on_a_phone(phone_page, drafts, serious_accessibility_problems):
    phone_page.goto("/")
    block = phone_page.locator(".draft-open")
    expect(block.get_by_role("link", name=re.compile("hỗ trợ đào tạo nghề"))).to_be_visible()
    block.get_by_role("link", name="Xem tất cả dự thảo").click()
    expect(phone_page.get_by_text("Tìm thấy 2 dự thảo")).to_be_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
    assert serious_accessibility_problems(phone_page) == []
    shot(phone_page, "list-phone")
    phone_page.get_by_role("link", name=re.compile("hỗ trợ đào tạo nghề")).click()
    expect(phone_page.get_by_label("Nội dung góp ý")).to_be_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
    assert serious_accessibility_problems(phone_page) == []
    shot(phone_page, "detail-phone")
    phone_page.goto(drafts[1].get_absolute_url())
    expect(phone_page.get_by_text("Đã hết thời hạn góp ý.")).to_be_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
    shot(phone_page, "closed-phone")
