"""The office (roles.OFFICE) edits the duty sections; reviewers (roles.REVIEWER) also publish them."""

from django.db import migrations

from dolisa_site import roles

EDIT = [
    f"disclosures.{action}_{model}"
    for model in ("disclosure", "attachment")
    for action in ("add", "change", "delete", "view")
]
PUBLISH = ["disclosures.publish_item"]


def grant(apps, schema_editor):
    roles.grant(apps, roles.OFFICE, EDIT)
    roles.grant(apps, roles.REVIEWER, EDIT + PUBLISH)


def revoke(apps, schema_editor):
    roles.revoke(apps, roles.OFFICE, EDIT)
    roles.revoke(apps, roles.REVIEWER, EDIT + PUBLISH)


class Migration(migrations.Migration):
    dependencies = [("disclosures", "0001_initial"), ("dolisa_site", "0007_office_group")]
    operations = [migrations.RunPython(grant, revoke)]
