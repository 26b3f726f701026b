"""Người duyệt tin run the polls: a poll speaks in the department's name. Votes
are never edited by anyone, so no group gets rights on them."""

from django.db import migrations

from dolisa_site import roles

PERMISSIONS = [
    f"polls.{action}_{model}" for model in ("poll", "choice") for action in ("add", "change", "delete", "view")
]


def grant(apps, schema_editor):
    roles.grant(apps, roles.REVIEWER, PERMISSIONS)


def revoke(apps, schema_editor):
    roles.revoke(apps, roles.REVIEWER, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("polls", "0001_initial"), ("dolisa_site", "0002_staff_groups")]
    operations = [migrations.RunPython(grant, revoke)]
