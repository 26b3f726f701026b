"""Builders for news tests: categories, articles in any status, image files."""

import io
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from news.models import Article, ArticleStatus, Category


def make_category(name="Lao động - Việc làm", parent=None, **fields):
    return Category.objects.create(name=name, parent=parent, **fields)


def make_article(
    category=None,
    title="Hội chợ việc làm tháng Ba",
    status=ArticleStatus.PUBLISHED,
    ago=timedelta(hours=1),
    tags=(),
    **fields,
):
    category = category or Category.objects.first() or make_category()
    defaults = {
        "summary": "Hơn 2.000 vị trí việc làm được giới thiệu tới người lao động.",
        "body": "<p>Nội dung bài viết về việc làm.</p>",
        "publish_at": timezone.now() - ago if status == ArticleStatus.PUBLISHED else None,
        "first_published_at": timezone.now() - ago if status == ArticleStatus.PUBLISHED else None,
    }
    article = Article(category=category, title=title, status=status, **{**defaults, **fields})
    article.save()
    if tags:
        article.tags.add(*tags)
    return article


def image_bytes(image_format="JPEG", size=(800, 450), color=(30, 90, 160)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=image_format)
    return buffer.getvalue()


def uploaded_image(name="anh.jpg", image_format="JPEG", size=(800, 450)):
    content_types = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}
    return SimpleUploadedFile(name, image_bytes(image_format, size), content_type=content_types.get(image_format))
