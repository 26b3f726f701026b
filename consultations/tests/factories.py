from datetime import datetime, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from consultations.models import Comment, CommentStatus, Draft
from dolisa_site.tests.upload_samples import PDF_BYTES

# The moment the rule tests are frozen at; request tests date their drafts from the real now instead.
MOMENT = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.get_fixed_timezone(7 * 60))


def pdf_upload(name="du-thao.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def make_draft(now=None, opened_days_ago=3, closes_in_days=10, **fields):
    """A published draft that opened `opened_days_ago` before `now` and closes `closes_in_days` after it."""
    now = now or timezone.now()
    defaults = {
        "title": "Dự thảo Quyết định ban hành quy định hỗ trợ đào tạo nghề cho lao động nông thôn",
        "summary": "Quy định mức hỗ trợ học phí và tiền ăn cho lao động nông thôn học nghề trình độ sơ cấp.",
        "drafting_unit": "Phòng Giáo dục nghề nghiệp",
        "open_from": now - timedelta(days=opened_days_ago),
        "open_until": now + timedelta(days=closes_in_days),
        "is_published": True,
    }
    return Draft.objects.create(**{**defaults, **fields})


def make_comment(draft, status=CommentStatus.PUBLISHED, **fields):
    defaults = {
        "name": "Nguyễn Văn An",
        "email": "an.nguyen@example.vn",
        "phone": "0912345678",
        "organisation": "",
        "body": "Đề nghị nâng mức hỗ trợ tiền ăn lên 50.000 đồng/ngày.",
        "status": status,
    }
    return Comment.objects.create(draft=draft, **{**defaults, **fields})
