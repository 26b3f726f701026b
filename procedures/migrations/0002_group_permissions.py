"""Give the one-stop officers and the leadership their rights.

Cán bộ một cửa keep the catalogue, the holiday calendar and the dossiers
(including imports) and see the dashboard; Lãnh đạo only see the dashboard.
"""

from django.db import migrations

from dolisa_site import roles

MANAGED_MODELS = ["field", "procedure", "procedureform", "holiday", "dossier"]
ONE_STOP_OFFICER_PERMISSIONS = [
    f"procedures.{action}_{model}" for model in MANAGED_MODELS for action in ("add", "change", "delete", "view")
] + [
    "procedures.view_importrun",
    "procedures.view_resultswidget",
    "procedures.change_resultswidget",
    "procedures.view_dashboard",
]
LEADER_PERMISSIONS = ["procedures.view_dashboard"]


def grant(apps, schema_editor):
    roles.grant(apps, roles.ONE_STOP_OFFICER, ONE_STOP_OFFICER_PERMISSIONS)
    roles.grant(apps, roles.LEADER, LEADER_PERMISSIONS)


def revoke(apps, schema_editor):
    roles.revoke(apps, roles.ONE_STOP_OFFICER, ONE_STOP_OFFICER_PERMISSIONS)
    roles.revoke(apps, roles.LEADER, LEADER_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("procedures", "0001_catalogue_dossiers_rollups"),
        ("dolisa_site", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
