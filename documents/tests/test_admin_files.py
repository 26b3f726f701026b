"""A document with attached files is saved through the admin, unchanged and changed, by Người duyệt tin
(issue 10, finding 5); the uploader's name is kept as the label only (finding 2)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.models import Attachment
from dolisa_site.tests.admin_forms import resubmit
from dolisa_site.tests.upload_samples import ACCEPTED_DOCUMENTS

from .factories import make_document, pdf_upload


def document_with_file():
    document = make_document()
    Attachment.objects.create(document=document, file=pdf_upload("QĐ 15 Nguyễn Văn An.pdf"), title="Quyết định")
    return document


def test_a_reviewer_saves_a_document_with_files_unchanged(client, reviewer):
    document = document_with_file()
    stored = document.attachments.get()
    client.force_login(reviewer)
    response = resubmit(client, reverse("admin:documents_document_change", args=[document.pk]), form_id="document_form")
    assert response.status_code == 302, response.content.decode()[:3000]
    assert document.attachments.get().file.name == stored.file.name


def test_a_reviewer_renames_a_file_and_replaces_it_with_a_spreadsheet(client, reviewer):
    document = document_with_file()
    client.force_login(reviewer)
    response = resubmit(
        client,
        reverse("admin:documents_document_change", args=[document.pk]),
        {
            "attachments-0-title": "Phụ lục kèm theo",
            "attachments-0-file": SimpleUploadedFile("Phụ lục 1.xlsx", ACCEPTED_DOCUMENTS["xlsx"]),
        },
        form_id="document_form",
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    attachment = document.attachments.get()
    assert attachment.title == "Phụ lục kèm theo"
    assert (attachment.kind, attachment.file_name) == ("xlsx", "Phụ lục 1.xlsx")
    assert attachment.file.name.startswith("documents/") and attachment.file.name.endswith(".xlsx")
    assert "Ph" not in attachment.file.name


def test_the_uploaders_name_is_a_label_not_the_address(db):
    attachment = document_with_file().attachments.get()
    assert attachment.file_name == "QĐ 15 Nguyễn Văn An.pdf"
    assert "Nguy" not in attachment.file.url and attachment.file.url.endswith(".pdf")
