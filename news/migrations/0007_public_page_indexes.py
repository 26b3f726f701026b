"""Partial indexes of published articles for the public pages' queries.

Each public query (lists, blocks, sitemap, scheduling) reads published
articles newest first by (publish_at, pk), or the newest featured one, or
pinned first: these indexes give each of them its order, so none sorts or
scans the whole table (see dolisa_site/tests/test_query_plans.py).
"""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0006_upload_rules"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["publish_at", "id", "category", "unpublish_at"],
                name="news_article_public_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["category", "publish_at", "id", "unpublish_at"],
                name="news_article_public_cat_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["is_pinned", "publish_at", "id"],
                name="news_article_latest_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=models.Q(("is_featured", True), ("status", "published")),
                fields=["publish_at", "id"],
                name="news_article_lead_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=models.Q(("status", "published"), ("unpublish_at__isnull", False)),
                fields=["unpublish_at"],
                name="news_article_unpublish_idx",
            ),
        ),
    ]
