"""The office drafts and edits the drafts for comment and reads the comments (to answer them and to
write the summary); reviewers publish the drafts and moderate the comments."""

from django.db import migrations

from dolisa_site import roles

OFFICE_PERMISSIONS = [
    *(f"consultations.{action}_{model}" for model in ("draft", "attachment") for action in ("add", "change", "view")),
    "consultations.delete_attachment",
    "consultations.view_comment",
]
REVIEWER_PERMISSIONS = [
    "consultations.view_draft",
    "consultations.view_attachment",
    "consultations.publish_draft",
    "consultations.view_comment",
    "consultations.change_comment",
]


def grant(apps, schema_editor):
    roles.grant(apps, roles.OFFICE, OFFICE_PERMISSIONS)
    roles.grant(apps, roles.REVIEWER, REVIEWER_PERMISSIONS)


def revoke(apps, schema_editor):
    roles.revoke(apps, roles.OFFICE, OFFICE_PERMISSIONS)
    roles.revoke(apps, roles.REVIEWER, REVIEWER_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("consultations", "0001_initial"), ("dolisa_site", "0007_office_group")]
    operations = [migrations.RunPython(grant, revoke)]
