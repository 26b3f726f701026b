"""Người duyệt tin keep the photo gallery: photos are published in the department's name."""

from django.db import migrations

from dolisa_site import roles

PERMISSIONS = [
    f"gallery.{action}_{model}" for model in ("album", "photo") for action in ("add", "change", "delete", "view")
]


def grant(apps, schema_editor):
    roles.grant(apps, roles.REVIEWER, PERMISSIONS)


def revoke(apps, schema_editor):
    roles.revoke(apps, roles.REVIEWER, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("gallery", "0001_initial"), ("dolisa_site", "0002_staff_groups")]
    operations = [migrations.RunPython(grant, revoke)]
