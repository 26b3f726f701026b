import io
import zipfile
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.text import slugify

from documents.models import Document, DocumentType, Field, IssuingBody

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
DOC_BYTES = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def docx_bytes(document_part=True):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        if document_part:
            archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


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
        "field": catalogue(Field, "Bảo trợ xã hội"),
        "signer": "Nguyễn Văn An",
        "issued_on": date(2024, 3, 15),
        "is_published": True,
    }
    defaults.update(fields)
    return Document.objects.create(**defaults)
