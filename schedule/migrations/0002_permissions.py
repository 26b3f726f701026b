"""The office (Văn phòng) drafts the weekly schedule; a reviewer (Người duyệt tin) publishes it."""

from django.db import migrations

from dolisa_site import roles

OFFICE = [
    *(f"schedule.{action}_week" for action in ("add", "change", "delete", "view")),
    *(f"schedule.{action}_item" for action in ("add", "change", "delete", "view")),
]
REVIEWER = ["schedule.view_week", "schedule.view_item", "schedule.publish_week"]


def grant(apps, schema_editor):
    roles.grant(apps, roles.OFFICE, OFFICE)
    roles.grant(apps, roles.REVIEWER, REVIEWER)


def revoke(apps, schema_editor):
    roles.revoke(apps, roles.OFFICE, OFFICE)
    roles.revoke(apps, roles.REVIEWER, REVIEWER)


class Migration(migrations.Migration):
    dependencies = [("schedule", "0001_initial"), ("dolisa_site", "0007_office_group")]
    operations = [migrations.RunPython(grant, revoke)]
