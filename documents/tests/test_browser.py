"""The documents catalogue in a real browser: searching, filtering, reading a document, phone layout."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from documents.models import Attachment, DocumentType

from .factories import catalogue, make_document, pdf_upload

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def documents():
    decision = make_document(summary="Nâng mức chuẩn trợ giúp xã hội từ ngày 01/7/2024.", effective_on=date(2024, 4, 1))
    Attachment.objects.create(document=decision, file=pdf_upload("Quyết định 15-2024.pdf"))
    make_document(
        number="42/KH-SLĐTBXH",
        title="Kế hoạch tổ chức Ngày hội việc làm năm 2025",
        document_type=catalogue(DocumentType, "Kế hoạch"),
        issued_on=date(2025, 2, 10),
        subject=None,
    )
    return decision


def test_search_without_diacritics_and_open_a_document(page, documents, screenshot):
    page.goto("/van-ban/")
    expect(page.get_by_text("Tìm thấy 2 văn bản")).to_be_visible()
    screenshot(page, "more-documents-list-desktop")
    page.get_by_label("Số/ký hiệu, trích yếu hoặc từ khóa").fill("tro cap xa hoi")
    page.locator("main").get_by_role("button", name="Tìm kiếm").click()
    expect(page.get_by_text("Tìm thấy 1 văn bản")).to_be_visible()
    page.get_by_role("link", name="15/2024/QĐ-UBND").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("15/2024/QĐ-UBND")
    expect(page.get_by_role("link", name="PDF Quyết định 15-2024.pdf")).to_be_visible()
    screenshot(page, "more-documents-detail-desktop")


def test_filter_by_type_on_a_phone(phone_page, documents, screenshot):
    phone_page.goto("/van-ban/")
    phone_page.get_by_label("Loại văn bản").select_option(label="Kế hoạch")
    phone_page.locator("main").get_by_role("button", name="Tìm kiếm").click()
    expect(phone_page.get_by_text("Tìm thấy 1 văn bản")).to_be_visible()
    expect(phone_page.get_by_role("link", name="42/KH-SLĐTBXH")).to_be_visible()
    screenshot(phone_page, "more-documents-list-phone")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375


def test_newest_documents_on_the_home_page(page, documents, screenshot):
    page.goto("/")
    block = page.locator(".doc-newest")
    expect(block.get_by_role("link", name="42/KH-SLĐTBXH")).to_be_visible()
    block.get_by_role("link", name="Xem tất cả văn bản").click()
    expect(page).to_have_url(re.compile(r"/van-ban/$"))
