"""Sending a question and checking its status in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from questions.models import Question, Topic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def topic():
    return Topic.objects.create(name="Bảo hiểm thất nghiệp")


def test_send_a_question_then_check_it(page, topic, screenshot):
    page.goto("/hoi-dap/gui-cau-hoi/")
    page.get_by_role("button", name="Gửi câu hỏi").click()
    expect(page.get_by_role("alert")).to_have_text(re.compile(r"^Câu hỏi chưa được gửi"), use_inner_text=True)
    screenshot(page, "more-questions-form-errors-desktop")
    page.get_by_label("Họ và tên").fill("Đỗ Minh Tuấn")
    page.get_by_label("Điện thoại").fill("0987 654 321")
    page.get_by_label("Chủ đề").select_option(label="Bảo hiểm thất nghiệp")
    page.get_by_label("Tiêu đề").fill("Thời gian hưởng trợ cấp thất nghiệp")
    page.get_by_label("Nội dung câu hỏi").fill("Tôi đóng bảo hiểm thất nghiệp 5 năm thì được hưởng mấy tháng trợ cấp?")
    page.get_by_role("button", name="Gửi câu hỏi").click()
    tracking_code = page.locator(".tracking-code")
    expect(tracking_code).to_be_visible()
    question = Question.objects.get()
    expect(tracking_code).to_have_text(question.display_code)
    screenshot(page, "more-questions-sent-desktop")
    page.get_by_role("link", name="Tra cứu tình trạng").click()
    expect(page.get_by_text("Đã tiếp nhận")).to_be_visible()
    assert "0987" not in page.content()


def test_question_form_on_a_phone(phone_page, topic, screenshot):
    phone_page.goto("/hoi-dap/gui-cau-hoi/")
    assert phone_page.locator(".form-trap").bounding_box()["x"] < 0  # the honeypot is off-screen
    screenshot(phone_page, "more-questions-form-phone")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375


def test_the_fields_are_described_by_their_help_and_errors(page, topic):
    page.goto("/hoi-dap/gui-cau-hoi/")
    email = page.get_by_role("textbox", name="Email")
    expect(email).to_have_accessible_description("Hãy cho biết email hoặc số điện thoại để Sở trả lời.")
    expect(page.get_by_label("Nội dung câu hỏi")).to_have_accessible_description(re.compile(r"^Từ 20 đến 5\.000 ký tự"))
    page.get_by_role("button", name="Gửi câu hỏi").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_role("textbox", name="Họ và tên")).to_have_accessible_description("Trường này là bắt buộc.")
    expect(email).to_have_accessible_description(re.compile(r"^Hãy cho biết email .*Hãy cho biết email"))
