from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from documents.filters import DocumentFilter
from documents.models import Attachment, Document, DocumentType, IssuingBody

from .factories import PDF_BYTES, catalogue, docx_bytes, make_document, pdf_upload

pytestmark = pytest.mark.django_db


def test_list_shows_published_documents_only(client):
    make_document(number="01/2025/QĐ-UBND", title="Quyết định công khai")
    make_document(number="02/2025/QĐ-UBND", title="Bản nháp chưa duyệt", is_published=False)
    make_document(number="03/2025/QĐ-UBND", title="Hẹn giờ đăng", published_at=timezone.now() + timedelta(days=1))
    page = client.get(reverse("documents:list")).content.decode()
    assert "01/2025/QĐ-UBND" in page
    assert "02/2025" not in page and "03/2025" not in page
    assert "Tìm thấy 1 văn bản" in page


def test_search_without_diacritics_through_the_page(client):
    make_document(number="01/2025/QĐ-UBND", title="Quyết định về trợ cấp xã hội")
    make_document(number="07/2025/KH-SLĐTBXH", title="Kế hoạch giáo dục nghề nghiệp")
    page = client.get(reverse("documents:list"), {"q": "tro cap xa hoi"}).content.decode()
    assert "01/2025/QĐ-UBND" in page and "07/2025" not in page


def test_filters_by_type_subject_body_and_year(client):
    plan = catalogue(DocumentType, "Kế hoạch")
    make_document(number="01/2023/QĐ-UBND", issued_on=date(2023, 5, 1))
    make_document(number="05/KH-SLĐTBXH", document_type=plan, issuing_body=catalogue(IssuingBody, "Sở LĐTBXH"))
    by_type = client.get(reverse("documents:list"), {"loai": plan.slug}).content.decode()
    assert "05/KH-SLĐTBXH" in by_type and "01/2023" not in by_type
    by_year = client.get(reverse("documents:list"), {"nam": "2023"}).content.decode()
    assert "01/2023/QĐ-UBND" in by_year and "05/KH" not in by_year


def test_the_years_offered_are_those_of_published_documents_newest_first():
    make_document(number="01/2021/QĐ-UBND", issued_on=date(2021, 12, 31))
    make_document(number="02/2023/QĐ-UBND", issued_on=date(2023, 1, 1))
    make_document(number="03/2023/QĐ-UBND", issued_on=date(2023, 6, 1))
    make_document(number="04/2019/QĐ-UBND", issued_on=date(2019, 6, 1), is_published=False)
    assert DocumentFilter().filters["nam"].extra["choices"] == [("2023", 2023), ("2021", 2021)]


def test_unknown_filter_values_give_a_message_not_an_error(client):
    make_document()
    response = client.get(reverse("documents:list"), {"loai": "khong-co", "nam": "abc", "page": "999"})
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()


def test_pages_keep_the_filters(client):
    for number in range(23):
        make_document(number=f"{number}/2024/TB-SLĐTBXH", title=f"Thông báo số {number}")
    page = client.get(reverse("documents:list"), {"q": "thong bao"}).content.decode()
    assert "q=thong+bao&amp;page=2" in page


def test_detail_shows_the_catalogue_and_files(client):
    document = make_document(effective_on=date(2024, 4, 1), summary="Nâng mức chuẩn trợ giúp xã hội.")
    Attachment.objects.create(document=document, file=pdf_upload("Quyết định 15.pdf"))
    page = client.get(document.get_absolute_url()).content.decode()
    for text in ("15/2024/QĐ-UBND", "Nguyễn Văn An", "Bảo trợ xã hội", "15/03/2024", "01/04/2024", "Quyết định 15.pdf"):
        assert text in page, text
    attachment = document.attachments.get()
    assert attachment.kind == "pdf" and attachment.size == len(PDF_BYTES)
    assert attachment.file.name.endswith(".pdf") and "Quy" not in attachment.file.name


def test_unpublished_document_is_not_found(client):
    document = make_document(is_published=False)
    assert client.get(document.get_absolute_url()).status_code == 404


def test_slugs_are_unique_and_ascii():
    first = make_document(number="15/2024/QĐ-UBND", title="Về trợ cấp")
    second = make_document(number="15/2024/QĐ-UBND", title="Về trợ cấp")
    assert first.slug == "15-2024-qd-ubnd-ve-tro-cap"
    assert second.slug == "15-2024-qd-ubnd-ve-tro-cap-2"


def test_newest_documents_are_on_the_home_page(client):
    make_document(number="99/2026/QĐ-UBND", title="Văn bản mới nhất")
    page = client.get("/").content.decode()
    assert "Văn bản mới" in page and "99/2026/QĐ-UBND" in page


def test_home_page_has_no_documents_block_without_documents(client):
    assert "doc-newest" not in client.get("/").content.decode()


def test_the_home_block_shows_the_newest_five_by_date_of_issue(client):
    from documents.views import newest_block

    for number, day in enumerate((3, 1, 7, 7, 2, 9, 5)):
        make_document(number=f"{number}/2026/TB", issued_on=date(2026, 3, day))
    make_document(number="Nháp", issued_on=date(2026, 4, 1), is_published=False)
    make_document(number="Hẹn giờ", issued_on=date(2026, 4, 1), published_at=timezone.now() + timedelta(hours=1))
    shown = newest_block(None)["documents"]
    assert shown == list(Document.objects.published().newest()[:5])
    assert [document.number for document in shown] == ["5/2026/TB", "3/2026/TB", "2/2026/TB", "6/2026/TB", "0/2026/TB"]
    assert shown[0].document_type.name == "Quyết định"


def test_the_home_block_answers_the_next_scheduled_moment_as_the_due_function_does():
    """The cache takes documents' next scheduled moment from the home block's own query
    (dolisa_site.scheduled) and keeps it for the document pages too: it must be the very one."""
    from documents.views import _read_newest

    now, hour = timezone.now(), timedelta(hours=1)

    def moment():
        found = _read_newest(now)[0]
        assert found == Document.objects.due_changes_after(now)
        return found

    assert moment() is None
    make_document(number="1/2026/TB", published_at=now - hour)
    assert moment() is None
    make_document(number="2/2026/TB", published_at=now + 5 * hour)
    assert moment() == now + 5 * hour
    make_document(number="3/2026/TB", published_at=now + 3 * hour)
    make_document(number="4/2026/TB", published_at=now + hour, is_published=False)
    assert moment() == now + 3 * hour
    assert [document.number for document in _read_newest(now)[1]] == ["1/2026/TB"]


def test_a_scheduled_document_joins_the_home_block_at_its_time(client):
    """No save happens at the scheduled moment: the cached block and page must follow the clock."""
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=timezone.get_current_timezone()), tick=False) as clock:
        make_document(number="01/2026/TB")
        make_document(number="02/2026/TB-HG", published_at=timezone.now() + timedelta(seconds=30))
        for _ in range(2):  # built, then served from the cache
            assert "02/2026/TB-HG" not in client.get("/").content.decode()
        clock.shift(29)
        assert "02/2026/TB-HG" not in client.get("/").content.decode()
        clock.shift(2)
        assert "02/2026/TB-HG" in client.get("/").content.decode()


# --- The admin ------------------------------------------------------------------------


def admin_form(**extra):
    data = {
        "number": "30/2025/QĐ-SLĐTBXH",
        "title": "Quyết định ban hành quy chế tiếp công dân",
        "document_type": catalogue(DocumentType, "Quyết định").pk,
        "issuing_body": catalogue(IssuingBody, "Sở LĐTBXH").pk,
        "issued_on": "15/05/2025",
        "published_at_0": "15/05/2025",
        "published_at_1": "08:00:00",
        "is_published": "on",
        "attachments-TOTAL_FORMS": "1",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
        "attachments-0-order": "0",
    }
    data.update(extra)
    return data


def test_reviewer_publishes_a_document_with_a_word_file(client, reviewer):
    client.force_login(reviewer)
    upload = SimpleUploadedFile("quy-che.docx", docx_bytes())
    response = client.post(reverse("admin:documents_document_add"), admin_form(**{"attachments-0-file": upload}))
    assert response.status_code == 302, response.content.decode()[:2000]
    document = Document.objects.get()
    assert document.attachments.get().kind == "docx"
    assert client.get(document.get_absolute_url()).status_code == 200


def test_admin_refuses_a_file_that_is_not_a_document(client, reviewer):
    client.force_login(reviewer)
    fake = SimpleUploadedFile("quyet-dinh.pdf", b"<html><body>not a pdf</body></html>", content_type="application/pdf")
    response = client.post(reverse("admin:documents_document_add"), admin_form(**{"attachments-0-file": fake}))
    assert response.status_code == 200
    assert "Tệp này không phải là văn bản được chấp nhận (PDF, DOC, DOCX, XLS, XLSX, ODT, ODS)" in (
        response.content.decode()
    )
    assert not Document.objects.exists()


def test_admin_search_ignores_diacritics(client, reviewer):
    make_document(title="Quyết định về trợ cấp")
    client.force_login(reviewer)
    page = client.get(reverse("admin:documents_document_changelist"), {"q": "tro cap"}).content.decode()
    assert "15/2024/QĐ-UBND" in page


def test_editor_cannot_manage_documents(client, editor):
    client.force_login(editor)
    assert client.get(reverse("admin:documents_document_add")).status_code == 403


def test_publish_action(client, reviewer):
    document = make_document(is_published=False)
    client.force_login(reviewer)
    client.post(
        reverse("admin:documents_document_changelist"), {"action": "publish", "_selected_action": [document.pk]}
    )
    document.refresh_from_db()
    assert document.is_published


def test_home_block_is_cached_and_refreshed_on_save(client, django_assert_num_queries):
    from documents.views import newest_block

    document = make_document(number="01/2026/TB-SLĐTBXH")
    newest_block(None)
    with django_assert_num_queries(0):
        assert newest_block(None)["documents"] == [document]
    make_document(number="02/2026/TB-SLĐTBXH", issued_on=date(2026, 1, 2))
    assert newest_block(None)["documents"][0].number == "02/2026/TB-SLĐTBXH"
