"""Người duyệt tin publish documents: they already decide what the site says."""

from django.db import migrations

from dolisa_site import roles

PERMISSIONS = [
    f"documents.{action}_{model}"
    for model in ("document", "attachment", "documenttype", "issuingbody", "field")
    for action in ("add", "change", "delete", "view")
]


def grant(apps, schema_editor):
    roles.grant(apps, roles.REVIEWER, PERMISSIONS)


def revoke(apps, schema_editor):
    roles.revoke(apps, roles.REVIEWER, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("documents", "0002_search_trigram_index"), ("dolisa_site", "0002_staff_groups")]
    operations = [migrations.RunPython(grant, revoke)]
