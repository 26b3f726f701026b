"""Let Người duyệt tin moderate readers' comments.

Biên tập viên get nothing here: publishing what readers write is a
reviewer's decision, like publishing articles.
"""

from django.db import migrations

from dolisa_site import roles

REVIEWER_PERMISSIONS = [
    "news.view_comment",
    "news.change_comment",
    "news.delete_comment",
]


def grant(apps, schema_editor):
    roles.grant(apps, roles.REVIEWER, REVIEWER_PERMISSIONS)


def revoke(apps, schema_editor):
    roles.revoke(apps, roles.REVIEWER, REVIEWER_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0004_reader_comments"),
        ("dolisa_site", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
