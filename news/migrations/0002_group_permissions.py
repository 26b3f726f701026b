"""Give the newsroom groups their article rights.

Biên tập viên write and submit their own articles; Người duyệt tin also
publish, send back, withdraw and manage categories and tags.
"""

from django.db import migrations

from dolisa_site import roles

EDITOR_PERMISSIONS = [
    "news.add_article",
    "news.change_article",
    "news.view_article",
    "news.submit_article",
    "news.view_category",
    "news.view_tag",
]
REVIEWER_PERMISSIONS = EDITOR_PERMISSIONS + [
    "news.publish_article",
    "news.send_back_article",
    "news.withdraw_article",
    "news.add_category",
    "news.change_category",
    "news.delete_category",
    "news.add_tag",
    "news.change_tag",
    "news.delete_tag",
]


def grant(apps, schema_editor):
    roles.grant(apps, roles.EDITOR, EDITOR_PERMISSIONS)
    roles.grant(apps, roles.REVIEWER, REVIEWER_PERMISSIONS)


def revoke(apps, schema_editor):
    roles.revoke(apps, roles.EDITOR, EDITOR_PERMISSIONS)
    roles.revoke(apps, roles.REVIEWER, REVIEWER_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_articles_and_categories"),
        ("dolisa_site", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
