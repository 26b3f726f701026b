from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from disclosures.models import Disclosure
from dolisa_site.tests.upload_samples import PDF_BYTES


def pdf_upload(name="du-toan-2026.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def make_item(**fields):
    defaults = {
        "section": "ngan-sach",
        "kind": "du-toan",
        "year": 2026,
        "title": "Công khai dự toán ngân sách năm 2026",
        "summary": "Dự toán chi ngân sách năm 2026 được Ủy ban nhân dân tỉnh giao.",
        "is_published": True,
        "published_at": timezone.now() - timedelta(days=1),
    }
    defaults.update(fields)
    return Disclosure.objects.create(**defaults)
