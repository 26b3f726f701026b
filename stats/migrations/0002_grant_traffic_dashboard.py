"""Leaders and news reviewers may open the traffic dashboard."""

from django.db import migrations

from dolisa_site import roles

PERMISSIONS = ["stats.view_traffic_dashboard"]
GROUPS = (roles.LEADER, roles.REVIEWER)


def grant(apps, schema_editor):
    for group in GROUPS:
        roles.grant(apps, group, PERMISSIONS)


def revoke(apps, schema_editor):
    for group in GROUPS:
        roles.revoke(apps, group, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("stats", "0001_counters"),
        ("dolisa_site", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
