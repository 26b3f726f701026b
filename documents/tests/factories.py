from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.text import slugify

from documents.models import Document, DocumentType, IssuingBody, Subject
from dolisa_site.tests import upload_samples as samples
from dolisa_site.tests.upload_samples import PDF_BYTES, ole_bytes

DOC_BYTES = ole_bytes("WordDocument")


def docx_bytes(document_part=True):
    """A .docx; without its document part, a ZIP that only looks like one."""
    return samples.docx_bytes() if document_part else samples.docx_bytes(main_type="application/xml")


def pdf_upload(name="quyet-dinh.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def catalogue(model, name):
    return model.objects.get_or_create(name=name, defaults={"slug": slugify(name.replace("đ", "d").replace("Đ", "D"))})[
        0
    ]


def make_document(**fields):
    defaults = {
        "number": "15/2024/QĐ-UBND",
        "title": "Quyết định về mức trợ cấp xã hội hằng tháng",
        "document_type": catalogue(DocumentType, "Quyết định"),
        "issuing_body": catalogue(IssuingBody, "UBND tỉnh"),
        "subject": catalogue(Subject, "Bảo trợ xã hội"),
        "signer": "Nguyễn Văn An",
        "issued_on": date(2024, 3, 15),
        "is_published": True,
    }
    defaults.update(fields)
    return Document.objects.create(**defaults)
